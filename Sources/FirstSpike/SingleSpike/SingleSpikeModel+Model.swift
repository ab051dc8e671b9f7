import Foundation

extension ModelKind {
  /// Single-spike convolutional models (``SingleSpikeModel``); their files carry no marker.
  public static let singleSpike = ModelKind(rawValue: "single-spike")
}

/// A single-spike model as the commands see it (``Model``).
extension SingleSpikeModel: Model {
  public static var kind: ModelKind { .singleSpike }

  /// A new model from a spec file (the JSON `inspect --spec` prints), weights from `seed`.
  public init(specJSON: Data, path: String, seed: UInt64, data: DataRecord) throws {
    let spec: ModelSpec
    do {
      spec = try JSONDecoder().decode(ModelSpec.self, from: specJSON)
    } catch {
      throw SpecFileError(path: path, reason: "not a valid model spec: \(error)")
    }
    if let problem = spec.problem { throw SpecError(source: path, problem: problem) }
    self.init(spec: spec, seed: seed, data: data)
  }

  public var name: String { spec.name }
  public var title: String { spec.name }
  public var specJSON: String { prettyJSON(spec) }
  public var seed: UInt64 { training.seed }
  public var data: DataRecord {
    get { training.data }
    set { training.data = newValue }
  }
  public var calibration: ScoreCalibration? {
    get { training.calibration }
    set { training.calibration = newValue }
  }
  public var lastRun: TrainingRun? {
    get { training.run }
    set { training.run = newValue }
  }
  public var classNames: [String] { spec.classNames }
  public var inputWidth: Int { spec.inputWidth }
  public var inputHeight: Int { spec.inputHeight }

  public mutating func adopt(classNames: [String]) {
    if spec.classNames.isEmpty { spec.classNames = classNames }
  }

  public mutating func adoptTrainedStages(from source: any Model) -> Int {
    guard let source = source as? SingleSpikeModel else { return 0 }
    return adoptTrainedStages(from: source)
  }

  public func inferenceProblem(checkpoint path: String) -> String? {
    if let problem = spec.readoutProblem { return problem }
    if case .svm = spec.readout, svm == nil { return "the SVM stage (stage \(spec.stageCount)) is not trained yet" }
    return nil
  }

  /// Inference draws no random numbers: `firstIndex` changes nothing.
  public func evaluate(_ data: LabeledImages, firstIndex: Int, threads: Int) -> SingleSpikeEvaluation {
    let network = inferenceNetwork()
    return SingleSpikeEvaluation(model: spec.name, classNames: spec.classNames,
                                 report: network.evaluate(data, threads: threads))
  }

  public func classifier() -> any ImageClassifier { SingleSpikeClassifier(network: inferenceNetwork()) }
}

/// Classifies images with a single-spike network's decision or SVM readout.
struct SingleSpikeClassifier: ImageClassifier {
  let network: Network
  func classify(_ image: GrayImage) -> ImageDecision {
    let (c, scores) = network.classifyWithScores(image)
    return ImageDecision(label: c.label, margin: Double(c.margin), scores: scores)
  }
}
