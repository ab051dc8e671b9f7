import Foundation

/// The SVM stage of a single-spike model: the frozen network's binary features of every
/// training image (computed once, on all cores), then one-vs-rest dual coordinate descent,
/// resumable (the solver state is saved when stopped). Finished, it measures training and
/// test accuracy.
public struct SVMStageTrainer: StageTrainer {
  let network: Network
  let labels: [Int]
  let test: LabeledImages?
  let features: SparseFeatureMatrix
  var solver: LinearSVMTrainer
  var record: SVMStageRecord
  var model: LinearSVM?
  /// Time is counted from the feature extraction on.
  var timedFrom = ContinuousClock.now

  /// - Throws: ``ReadoutError`` when a saved solver does not fit these features.
  public init(model m: SingleSpikeModel, data: LabeledImages, test: LabeledImages?, resuming: Bool,
              report: (StageEvent) -> Void = { _ in }) throws {
    guard case .svm(_, let c, let squaredHinge, _) = m.spec.readout else { preconditionFailure("no SVM readout") }
    network = Network(spec: m.spec, weights: m.weights)
    report(.preparing("computing the frozen layers' output for \(data.count) train images…"))
    features = network.svmFeatures(data)
    labels = data.labels
    self.test = test
    let classes = max(m.spec.classNames.count, (data.labels.max() ?? 0) + 1)
    solver = (resuming ? m.svmTrainer : nil) ?? LinearSVMTrainer(
      parameters: .init(loss: squaredHinge ? .squaredHinge : .hinge, cost: Double(c), seed: m.training.seed),
      classes: classes, matrix: features, labels: data.labels)
    try solver.checkCompatible(with: features, labels: data.labels)
    record = (resuming ? m.training.svm : nil) ?? SVMStageRecord(trainingImages: data.count, finished: false, seconds: 0)
  }

  /// The solver's iterations are not images: the whole stage is one chunk.
  public var imagesLeftInPass: Int { labels.count }
  public var savesWhenStopped: Bool { true }

  public mutating func run(maxImages: Int, shouldStop: () -> Bool, report: (StageEvent) -> Void) -> Bool {
    let finished = solver.run(on: features, labels: labels, until: shouldStop)
    record.seconds += seconds(ContinuousClock.now - timedFrom)
    timedFrom = .now
    guard finished else { return false }
    let svm = solver.model()
    model = svm
    record.finished = true
    record.trainAccuracy = svm.accuracy(on: features, labels: labels)
    if let test {
      report(.preparing("computing the frozen layers' output for \(test.count) test images…"))
      record.testAccuracy = svm.accuracy(on: network.svmFeatures(test), labels: test.labels)
    }
    return true
  }

  public func store(in m: inout SingleSpikeModel) {
    m.svm = model
    m.svmTrainer = model == nil ? solver : nil
    m.training.svm = record
  }
}
