import Foundation

extension ModelKind {
  /// Rate-coded models (``RateCodedModel``, Diehl & Cook 2015).
  public static let rateCoded = ModelKind(rawValue: "rate-coded")
}

/// A rate-coded model as the commands see it (``Model``).
extension RateCodedModel: Model {
  public static var kind: ModelKind { .rateCoded }

  /// A new model from a spec file holding a ``DiehlCook2015Spec`` as JSON (with `"kind":
  /// "rate-coded"`).
  public init(specJSON: Data, path: String, seed: UInt64, data: DataRecord) throws {
    let spec: DiehlCook2015Spec
    do {
      spec = try JSONDecoder().decode(DiehlCook2015Spec.self, from: specJSON)
    } catch {
      throw SpecFileError(path: path, reason: "not a valid rate-coded model spec: \(error)")
    }
    if let problem = spec.problem { throw SpecError(source: path, problem: problem) }
    self.init(spec: spec, seed: seed, data: data)
  }

  public var name: String { training.model }
  /// "diehlcook2015 (100 excitatory + 100 inhibitory neurons, 250 ms per image)".
  public var title: String {
    "\(training.model) (\(spec.neurons) excitatory + \(spec.neurons) inhibitory neurons, \(Self.format(spec.time)) ms per image)"
  }
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
  public var classNames: [String] { training.data.classNames }
  public var inputWidth: Int { inputSide }
  public var inputHeight: Int { inputSide }
  public mutating func adopt(classNames: [String]) {}

  public func inferenceProblem(checkpoint path: String) -> String? {
    assignment == nil ? "stage 2 (label assignment) is not trained yet; run firstspike train --stage 2 --checkpoint \(path)" : nil
  }

  public func evaluate(_ data: LabeledImages, firstIndex: Int, threads: Int) -> RateCodedEvaluation {
    RateCodedEvaluation(title: title, name: training.model, network: model, classNames: classNames,
                        result: evaluate(data, assignment: assignment!, firstIndex: firstIndex, threads: threads))
  }

  public func classifier() -> any ImageClassifier { RateCodedClassifier(model: self) }

  /// `250` → "250", `0.5` → "0.5".
  static func format(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
}

/// Classifies images by proportion weighting (learning off, θ fixed).
struct RateCodedClassifier: ImageClassifier {
  let model: RateCodedModel
  func classify(_ image: GrayImage) -> ImageDecision {
    let r = model.classify(image, assignment: model.assignment!)
    return ImageDecision(label: r.label, margin: r.margin, scores: r.scores, extra: ["spikes": r.spikes])
  }
}
