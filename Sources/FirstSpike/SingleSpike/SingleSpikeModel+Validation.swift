/// Checks of what a single-spike checkpoint holds against its spec, so that a crafted or damaged
/// file is refused in one line before the engine (or a resumed run) trusts it: every stage
/// record within the spec's layers and its own bounds (positions inside the pass, one rate per
/// feature, finite rates, counters that cannot overflow), finite weights, an SVM of the spec's
/// feature dimension, a saved SVM solver consistent with itself and with that dimension.
extension SingleSpikeModel {
  /// Largest count a record may hold (images seen, outcomes): 2⁴⁸, far beyond any run and far
  /// below the `Int` overflow of a sum of a few of them.
  static let maxCount = 1 << 48

  /// The first inconsistency of `training` with `spec` (a valid spec), or nil.
  static func trainingProblem(_ training: TrainingRecord, spec: ModelSpec) -> String? {
    if let problem = training.data.problem { return "data: \(problem)" }
    if let problem = training.run?.problem(stages: spec.stageCount) { return "run: \(problem)" }
    // One record per layer stage (a trailing run of gradient layers is one stage, which keeps
    // no per-feature rates); the SVM's record is `svm`.
    let spans = spec.stages.filter { $0 != .svm }
    if training.stages.count > spans.count {
      return "stages: \(training.stages.count) stage records for a model of \(spans.count) layer stages"
    }
    for (i, p) in training.stages.enumerated() {
      guard let p else { continue }
      let features = if case .layer(let l) = spans[i] { spec.layers[l].outChannels } else { 0 }
      if let problem = p.problem(stage: i + 1, features: features) { return "stages[\(i)]: \(problem)" }
    }
    if let r = training.svm {
      guard case .svm = spec.readout else { return "svm: an SVM stage record for a model with a decision readout" }
      if !(0...maxCount).contains(r.trainingImages) { return "svm.trainingImages: \(r.trainingImages) outside 0...\(maxCount)" }
    }
    return nil
  }

  /// Throws `.invalidTensor` naming the first non-finite element of tensor `name`.
  static func requireFinite(_ values: [Float], tensor name: String, path: String) throws(CheckpointError) {
    if let i = values.firstIndex(where: { !$0.isFinite }) {
      throw .invalidTensor(path: path, name: name, reason: "element \(i) is \(values[i]), weights must be finite")
    }
  }

  /// The SVM in tensor `svm.weight` of `archive`, checked against the spec's feature dimension.
  static func loadSVM(_ archive: CheckpointArchive, spec: ModelSpec) throws(CheckpointError) -> LinearSVM? {
    guard let t = archive.tensors.first(where: { $0.name == "svm.weight" }) else { return nil }
    let path = archive.source
    guard let dimension = spec.svmFeatureDimension else {
      throw .invalidTensor(path: path, name: t.name, reason: "an SVM for a model with a decision readout")
    }
    let classes = spec.classNames.isEmpty ? (t.shape.first ?? 0) : spec.classNames.count
    guard (2...ModelSpec.maxChannels).contains(classes) else {
      throw .shapeMismatch(path: path, name: t.name, actual: t.shape, expected: [max(classes, 2), dimension + 1])
    }
    let values = try archive.floatTensor(named: t.name, shape: [classes, dimension + 1])
    try requireFinite(values, tensor: t.name, path: path)
    return LinearSVM(classes: classes, dimension: dimension, weights: values)
  }

  /// The saved SVM solver of blob `svm-trainer`, checked against the spec's feature dimension.
  static func loadSVMTrainer(_ archive: CheckpointArchive, spec: ModelSpec) throws(CheckpointError) -> LinearSVMTrainer? {
    guard archive.blobs.contains(where: { $0.name == "svm-trainer" }) else { return nil }
    let trainer = try archive.decodeBlob(LinearSVMTrainer.self, named: "svm-trainer")
    guard let dimension = spec.svmFeatureDimension else {
      throw .invalidBlob(path: archive.source, name: "svm-trainer", reason: "an SVM solver for a model with a decision readout")
    }
    if let problem = trainer.problem(dimension: dimension) {
      throw .invalidBlob(path: archive.source, name: "svm-trainer", reason: problem)
    }
    return trainer
  }
}

extension SingleSpikeModel {
  /// Largest cache of a stage's inputs (one byte per input neuron and training image): 8 GiB.
  public static let maxCacheBytes = 8 << 30

  /// The spec with the data's classes (a decision layer of `classes × featuresPerClass`
  /// channels, labels within the classes, two classes at least for the SVM), and a cache of
  /// the stage's inputs within ``maxCacheBytes``.
  public func problem(training stage: Int, on data: LabeledImages) -> String? {
    if let problem = spec.problem { return "the model does not fit the data's \(spec.classNames.count) classes: \(problem)" }
    let classes = spec.classNames.count
    if classes > 0, let bad = data.labels.first(where: { $0 >= classes }) {
      return "the training data has label \(bad), the model has \(classes) classes"
    }
    if stage > spec.layers.count {
      return max(classes, (data.labels.max() ?? -1) + 1) < 2 ? "the SVM readout needs training data of 2 classes or more" : nil
    }
    let (bytes, overflow) = spec.layerShapes[stage - 1].input.count.multipliedReportingOverflow(by: data.count)
    if overflow || bytes > Self.maxCacheBytes {
      return "caching stage \(stage)'s input for \(data.count) images needs more than \(ByteCount.text(Self.maxCacheBytes)) (use --limit)"
    }
    return nil
  }
}

extension StageProgress {
  /// What is out of range in the record of stage `stage` of a layer of `features` channels.
  func problem(stage expected: Int, features: Int) -> String? {
    let limit = SingleSpikeModel.maxCount
    if stage != expected { return "stage \(stage) recorded as stage \(expected)" }
    if !(0...limit).contains(trainingImages) { return "trainingImages \(trainingImages) outside 0...\(limit)" }
    if !(1...ModelSpec.maxPasses).contains(passes) { return "passes \(passes) outside 1...\(ModelSpec.maxPasses)" }
    if !(0...passes).contains(passesDone) { return "passesDone \(passesDone) outside 0...\(passes)" }
    if position < 0 || (position > 0 && position >= trainingImages) {
      return "position \(position) outside the pass of \(trainingImages) images"
    }
    if !(0...limit).contains(imagesSeen) { return "imagesSeen \(imagesSeen) outside 0...\(limit)" }
    for (name, list) in [("rates", rates), ("punishRates", punishRates)] {
      if list.count != features { return "\(name): \(list.count) rate pairs for \(features) features" }
      if let i = list.firstIndex(where: { !$0.ltp.isFinite || !$0.ltd.isFinite }) { return "\(name)[\(i)] is not finite" }
    }
    for (name, counts) in [("batch", batch), ("passOutcomes", passOutcomes)] {
      if ![counts.correct, counts.wrong, counts.silent].allSatisfy({ (0...limit).contains($0) }) {
        return "\(name): outcome counts outside 0...\(limit)"
      }
    }
    if let a = bestTestAccuracy, !(0...1).contains(a) { return "bestTestAccuracy \(a) outside [0, 1]" }
    if !seconds.isFinite || !(passSeconds ?? 0).isFinite { return "seconds are not finite" }
    return nil
  }
}

extension DataRecord {
  /// What cannot be a data record (a train fraction outside (0, 1), a profile no training set
  /// has: ``DataProfile/problem``), or nil.
  public var problem: String? {
    if let f = trainFraction, !(f > 0 && f < 1) { return "trainFraction \(f) must lie strictly between 0 and 1" }
    if classNames.count > ModelSpec.maxChannels { return "\(classNames.count) class names, more than \(ModelSpec.maxChannels)" }
    if let problem = profile?.problem { return "profile: \(problem)" }
    return nil
  }
}
