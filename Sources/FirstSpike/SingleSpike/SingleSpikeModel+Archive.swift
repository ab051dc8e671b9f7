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

  /// The model in a validated container (a file of another kind gives ``ModelKind/Mismatch``):
  /// the spec (``ModelSpec/validate()``), the training record against it, every tensor's shape
  /// against it and every weight finite, the SVM and a saved solver against the spec's feature
  /// dimension. Every error is one line naming the file (and the JSON path, for the spec).
  public init(archive: CheckpointArchive) throws {
    let path = archive.source
    try ModelKind.require(.singleSpike, in: archive)
    let spec = try archive.decodeBlob(ModelSpec.self, named: "spec")
    if let problem = spec.problem { throw CheckpointError.invalidBlob(path: path, name: "spec", reason: problem.description) }
    let training = try archive.decodeBlob(TrainingRecord.self, named: "training")
    if let problem = Self.trainingProblem(training, spec: spec) {
      throw CheckpointError.invalidBlob(path: path, name: "training", reason: problem)
    }
    var weights: [ConvWeights] = []
    var best: [Int: ConvWeights] = [:]
    for (l, layer) in spec.layers.enumerated() {
      var w = ConvWeights(inChannels: layer.inChannels, outChannels: layer.outChannels, kernel: layer.kernel)
      for (name, isBest) in [(Self.weightName(l), false), (Self.bestName(l), true)] {
        if isBest && !archive.tensors.contains(where: { $0.name == name }) { continue }
        let values = try archive.floatTensor(named: name, shape: Self.shape(w))
        try Self.requireFinite(values, tensor: name, path: path)
        if isBest {
          var b = w
          b.setCanonical(values)
          best[l] = b
        } else {
          w.setCanonical(values)
        }
      }
      weights.append(w)
    }
    self.init(spec: spec, training: training, weights: weights)
    bestWeights = best
    svm = try Self.loadSVM(archive, spec: spec)
    svmTrainer = try Self.loadSVMTrainer(archive, spec: spec)
    gradientState = try Self.gradientState(in: archive, spec: spec, weights: weights)
  }
}
