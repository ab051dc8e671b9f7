/// The result of evaluating a model on a labelled split, ready to report: `evaluate` prints
/// ``text(_:)`` or serialises ``json(_:)``, whatever the kind.
///
/// Its `Codable` form is what a shard of an evaluation hands on (`evaluate --shard`): the
/// model's constants and exact integer tallies, nothing rounded, so that decoding the parts
/// of a split and ``add(_:)``-ing them in order gives the evaluation of the whole split,
/// figure for figure.
public protocol ModelEvaluation: Codable, Sendable {
  /// The headline accuracy (silent images count as wrong).
  var accuracy: Double { get }
  /// The number of images evaluated.
  var images: Int { get }
  /// The headline classifier's prediction for every image, in data order (−1: silent): what
  /// the report's confusion heat map counts (empty for an evaluation merged from shards).
  var predictions: [Int] { get }
  /// How the headline decision is made, when a kind has several ("proportion weighting").
  var method: String? { get }
  /// The report `evaluate` prints.
  func text(_ context: EvaluationContext) -> String
  /// The report `evaluate --json` prints, as a JSON object.
  func json(_ context: EvaluationContext) -> [String: Any]
  /// Adds the evaluation of more images of the same split by the same model.
  /// - Throws: ``TallyMismatch`` when `other` comes from another model.
  mutating func add(_ other: Self) throws(TallyMismatch)
}

/// How an evaluation was run, for its report.
public struct EvaluationContext: Sendable {
  public var checkpoint: String
  public var split: String
  public var seconds: Double
  public var threads: Int
  public init(checkpoint: String, split: String, seconds: Double, threads: Int) {
    self.checkpoint = checkpoint
    self.split = split
    self.seconds = seconds
    self.threads = threads
  }
}

/// Classifies single images with a trained model (shared by the threads of a parallel
/// `classify`).
public protocol ImageClassifier: Sendable {
  func classify(_ image: GrayImage) -> ImageDecision
}

/// A model's answer for one image.
public struct ImageDecision: Sendable {
  /// Class index, nil when silent.
  public var label: Int?
  /// The decision's margin on the model's own scale (winner minus the best other class).
  public var margin: Double
  /// Further figures for `classify --json` (e.g. `spikes`).
  public var extra: [String: Int]
  /// One score per class on the model's own scale, largest for `label` (all equal when
  /// silent): what ``ScoreCalibration`` turns into probabilities.
  public var scores: [Double]

  public init(label: Int?, margin: Double, scores: [Double], extra: [String: Int] = [:]) {
    self.label = label
    self.margin = margin
    self.scores = scores
    self.extra = extra
  }
}
