/// Reading and writing a ``RateCodedModel`` in the ``CheckpointArchive`` container.
extension RateCodedModel {
  static let specBlob = "rate-spec"
  static let trainingBlob = "rate-training"
  static let assignmentBlob = "assignment"
  static let weightTensor = "exc.weight"
  static let thetaTensor = "exc.theta"

  /// The checkpoint as an archive: blobs `kind`, `rate-spec`, `rate-training`, optionally
  /// `assignment`; tensors `exc.weight` `[inputs, neurons]`, `exc.theta` `[neurons]`.
  public func archive() throws -> CheckpointArchive {
    var archive = CheckpointArchive()
    archive.setBlob(try CheckpointBlob(name: ModelKind.blobName, json: ModelKind.rateCoded.rawValue))
    archive.setBlob(try CheckpointBlob(name: Self.specBlob, json: spec))
    archive.setBlob(try CheckpointBlob(name: Self.trainingBlob, json: training))
    if let assignment { archive.setBlob(try CheckpointBlob(name: Self.assignmentBlob, json: assignment)) }
    archive.setTensor(CheckpointTensor(name: Self.weightTensor, shape: [spec.inputs, spec.neurons], floats: model.weights))
    archive.setTensor(CheckpointTensor(name: Self.thetaTensor, shape: [spec.neurons], floats: model.theta))
    return archive
  }

  /// Reads and validates a rate-coded checkpoint (see ``init(archive:)``).
  public static func load(path: String) throws -> RateCodedModel {
    try RateCodedModel(archive: CheckpointArchive.load(from: path))
  }

  /// The model in a validated container: its kind (a single-spike file gives
  /// ``ModelKind/Mismatch``), the spec (``DiehlCook2015Spec/problem``), the tensors' shapes
  /// against it, and the training record and assignment against both. Every error is one line
  /// naming the file.
  public init(archive: CheckpointArchive) throws {
    let path = archive.source
    try ModelKind.require(.rateCoded, in: archive)
    let spec = try archive.decodeBlob(DiehlCook2015Spec.self, named: Self.specBlob)
    if let problem = spec.problem { throw CheckpointError.invalidBlob(path: path, name: Self.specBlob, reason: problem.description) }
    let training = try archive.decodeBlob(RateCodedTrainingRecord.self, named: Self.trainingBlob)
    let weights = try archive.floatTensor(named: Self.weightTensor, shape: [spec.inputs, spec.neurons])
    let theta = try archive.floatTensor(named: Self.thetaTensor, shape: [spec.neurons])
    try SingleSpikeModel.requireFinite(weights, tensor: Self.weightTensor, path: path)
    try SingleSpikeModel.requireFinite(theta, tensor: Self.thetaTensor, path: path)
    var assignment: NeuronAssignment? = nil
    if archive.blobs.contains(where: { $0.name == Self.assignmentBlob }) {
      assignment = try archive.decodeBlob(NeuronAssignment.self, named: Self.assignmentBlob)
    }
    self.init(model: DiehlCook2015(spec: spec, weights: weights, theta: theta), training: training, assignment: assignment)
    if let problem = trainingProblem {
      throw CheckpointError.invalidBlob(path: path, name: Self.trainingBlob, reason: problem)
    }
    if let problem = assignmentProblem {
      throw CheckpointError.invalidBlob(path: path, name: Self.assignmentBlob, reason: problem)
    }
  }

  /// What is inconsistent in the stage-1 progress (positions, counters that could overflow,
  /// a finished pass count above the plan), or nil.
  var trainingProblem: String? {
    if let problem = training.data.problem { return "data: \(problem)" }
    if let problem = training.run?.problem(stages: 2) { return "run: \(problem)" }
    guard let p = training.stage1 else { return nil }
    let limit = SingleSpikeModel.maxCount
    if !(0...limit).contains(p.trainingImages) || !(1...ModelSpec.maxPasses).contains(p.passes) || p.passesDone < 0 || p.passesDone > p.passes {
      return "stage 1 of \(p.trainingImages) images, \(p.passesDone) of \(p.passes) passes"
    }
    if p.position < 0 || (p.position > 0 && p.position >= p.trainingImages) || !(0...limit).contains(p.imagesSeen) {
      return "stage 1 at image \(p.position) of \(p.trainingImages), \(p.imagesSeen) seen"
    }
    if !(0...limit).contains(p.passSpikes) || !(0...limit).contains(p.passPresentations) {
      return "stage 1 with \(p.passSpikes) spikes in \(p.passPresentations) presentations"
    }
    return nil
  }

  /// What does not fit the network or the classes in the neuron assignment, or nil.
  var assignmentProblem: String? {
    guard let a = assignment else { return nil }
    let n = spec.neurons, k = a.classes
    if a.neurons != n || k < 1 || k > ModelSpec.maxChannels { return "\(a.neurons) neurons and \(k) classes for a network of \(n) neurons" }
    if a.rates.count != n * k || a.proportions.count != n * k || a.assignments.count != n {
      return "\(a.rates.count) rates, \(a.proportions.count) proportions, \(a.assignments.count) labels for \(n) × \(k)"
    }
    if let bad = a.assignments.first(where: { !(-1..<k).contains($0) }) { return "label \(bad) outside -1..<\(k)" }
    if !a.rates.allSatisfy(\.isFinite) || !a.proportions.allSatisfy(\.isFinite) { return "rates or proportions not finite" }
    return nil
  }
}
