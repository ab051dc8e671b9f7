extension SingleSpikeModel {
  /// Tensor name of layer `l`'s (0-based) current weights.
  static func weightName(_ l: Int) -> String { "layer\(l + 1).weight" }
  /// Tensor name of layer `l`'s best-pass weights.
  static func bestName(_ l: Int) -> String { "layer\(l + 1).best" }

  /// The checkpoint as an archive: blobs `spec`, `training`, optionally `svm-trainer`;
  /// tensors `layer<N>.weight`, `layer<N>.best`, `svm.weight`.
  public func archive() throws -> CheckpointArchive {
    var archive = CheckpointArchive()
    archive.setBlob(try CheckpointBlob(name: "spec", json: spec))
    archive.setBlob(try CheckpointBlob(name: "training", json: training))
    for (l, w) in weights.enumerated() {
      archive.setTensor(CheckpointTensor(name: Self.weightName(l), shape: Self.shape(w), floats: w.canonical()))
    }
    for (l, w) in bestWeights.sorted(by: { $0.key < $1.key }) {
      archive.setTensor(CheckpointTensor(name: Self.bestName(l), shape: Self.shape(w), floats: w.canonical()))
    }
    if let svm {
      archive.setTensor(CheckpointTensor(name: "svm.weight", shape: [svm.classes, svm.dimension + 1], floats: svm.weights))
    }
    if let svmTrainer { archive.setBlob(try CheckpointBlob(name: "svm-trainer", json: svmTrainer)) }
    archiveGradientState(into: &archive)
    return archive
  }

  static func shape(_ w: ConvWeights) -> [Int] { [w.outChannels, w.inChannels, w.kernel, w.kernel] }

  /// Reads and validates a checkpoint: the container (magic, version, zstd checksum), then
  /// every tensor's shape against the spec. Every error is one line naming `path`.
  public static func load(path: String) throws -> SingleSpikeModel {
    try SingleSpikeModel(archive: CheckpointArchive.load(from: path))
  }

  /// The model in a validated container (a file of another kind gives ``ModelKind/Mismatch``).
  public init(archive: CheckpointArchive) throws {
    let path = archive.source
    try ModelKind.require(.singleSpike, in: archive)
    let spec = try archive.decodeBlob(ModelSpec.self, named: "spec")
    let training = try archive.decodeBlob(TrainingRecord.self, named: "training")
    guard !spec.layers.isEmpty else { throw CheckpointError.badBlob(path: path, name: "spec", reason: "model has no layers") }
    if let problem = spec.structureProblem { throw CheckpointError.badBlob(path: path, name: "spec", reason: problem) }
    var weights: [ConvWeights] = []
    var best: [Int: ConvWeights] = [:]
    for (l, layer) in spec.layers.enumerated() {
      var w = ConvWeights(inChannels: layer.inChannels, outChannels: layer.outChannels, kernel: layer.kernel)
      w.setCanonical(try archive.floatTensor(named: Self.weightName(l), shape: Self.shape(w)))
      weights.append(w)
      if archive.tensors.contains(where: { $0.name == Self.bestName(l) }) {
        var b = w
        b.setCanonical(try archive.floatTensor(named: Self.bestName(l), shape: Self.shape(w)))
        best[l] = b
      }
    }
    self.init(spec: spec, training: training, weights: weights)
    bestWeights = best
    if let t = archive.tensors.first(where: { $0.name == "svm.weight" }) {
      guard t.shape.count == 2, t.shape[1] >= 1 else {
        throw CheckpointError.shapeMismatch(path: path, name: t.name, actual: t.shape, expected: [-1, -1])
      }
      let values = try archive.floatTensor(named: t.name, shape: t.shape)
      svm = LinearSVM(classes: t.shape[0], dimension: t.shape[1] - 1, weights: values)
    }
    if archive.blobs.contains(where: { $0.name == "svm-trainer" }) {
      svmTrainer = try archive.decodeBlob(LinearSVMTrainer.self, named: "svm-trainer")
    }
    gradientState = try Self.gradientState(in: archive, spec: spec, weights: weights)
  }
}
