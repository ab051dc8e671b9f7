import Foundation

/// A model of any kind, as the commands see it: opened once from a checkpoint
/// (``ModelRegistry/open(path:)``) or made from a built-in (``BuiltInModel``), trained stage by
/// stage by ``StageRunner``, then evaluated, classified, inspected, drawn and benchmarked.
///
/// A kind is one folder of the library with one conforming type and one entry in
/// ``ModelRegistry``; no command knows which kind it holds. The kernels behind each kind stay
/// concrete (``Network``, ``DiehlCook2015``): the protocol is the coarse boundary the commands
/// call, once per command or once per image, never inside a hot loop.
public protocol Model: Sendable {
  /// Trains one stage of this kind (``StageRunner`` drives it).
  associatedtype Trainer: StageTrainer where Trainer.Trained == Self
  /// This kind's evaluation report (and the shards it merges from).
  associatedtype Evaluation: ModelEvaluation

  /// The marker this kind's checkpoints carry (blob `kind`).
  static var kind: ModelKind { get }
  /// Reads a model of this kind from a container already checked to be of this kind; every
  /// error is one line naming `archive.source`.
  init(archive: CheckpointArchive) throws
  /// A new, untrained model from a spec file's JSON (`firstspike train --spec FILE`).
  init(specJSON: Data, path: String, seed: UInt64, data: DataRecord) throws
  /// The checkpoint's contents.
  func archive() throws -> CheckpointArchive

  /// The model's name (`mozafari2019`, `diehlcook2015`, a spec's name).
  var name: String { get }
  /// The name as headers print it (e.g. with the network's size).
  var title: String { get }
  /// The model's spec as pretty-printed JSON with sorted keys (`inspect --spec`; a file
  /// `--spec` reads back).
  var specJSON: String { get }
  /// The seed of its weights and of every random draw of its training.
  var seed: UInt64 { get }
  /// The data set it was trained on.
  var data: DataRecord { get set }
  /// Class names in label order.
  var classNames: [String] { get }
  /// The image size the network reads; other images are resized to it.
  var inputWidth: Int { get }
  var inputHeight: Int { get }
  /// Takes the data set's class names when the model has none yet.
  mutating func adopt(classNames: [String])
  /// How class scores become probabilities (``ScoreCalibration``), nil until fitted; stored in
  /// the kind's training record and cleared whenever a stage trains again.
  var calibration: ScoreCalibration? { get set }
  /// The options of the latest `train` run (``TrainingRun``), stored in the kind's training
  /// record; nil in checkpoints written before they were recorded.
  var lastRun: TrainingRun? { get set }

  /// Number of training stages.
  var stageCount: Int { get }
  /// Stages trained to completion, counting from stage 1.
  var completedStages: Int { get }
  /// What is saved of stage `stage`'s run, or nil when it never ran.
  func stageStatus(_ stage: Int) -> StageStatus?
  /// What stage `stage` trains, as `train` announces it ("layer 1 (6→30, k 5), STDP, 2 passes").
  func stageSummary(_ stage: Int, passes: Int?) -> String
  /// Whether stage `stage` evaluates a test split (so `train` loads one).
  func stageUsesTestSet(_ stage: Int, options: StageOptions) -> Bool
  /// Forgets stage `stage`'s run (and what depends on it) before it starts over.
  mutating func restart(stage: Int)
  /// The trainer of stage `stage` on `data`, resuming the saved run when `resuming`; work it
  /// does before the first image (caches) is announced through `report`.
  func trainer(stage: Int, data: LabeledImages, test: LabeledImages?, options: StageOptions,
               resuming: Bool, report: (StageEvent) -> Void) throws -> Trainer
  /// A new model takes the finished stages of `source` that fit it; returns how many.
  mutating func adoptTrainedStages(from source: any Model) -> Int
  /// Everything stages 1…`stage` depend on besides the seed, the data and the `train`
  /// options, as text: two models of this kind with equal keys train those stages to the same
  /// state, and one adopts the other's (sweeps train such stages once and share them).
  func trainingKey(throughStage stage: Int) -> String

  /// The images of an `n`-image training split that every stage trained on labels held out
  /// for validation (a gradient stage's, an R-STDP stage's validation split), with what they
  /// are in words; nil when some labelled stage saw them all (or trained on another split).
  /// Calibration fits on them (``calibrationImages(from:count:)``).
  func heldOutTrainingImages(of n: Int) -> (indices: [Int], description: String)?

  /// Why `data` cannot train stage `stage` (its classes do not fit the readout, its cache would
  /// not fit in memory), or nil. Asked by ``StageRunner`` before any work.
  func problem(training stage: Int, on data: LabeledImages) -> String?

  /// Why the model at `path` cannot classify yet (a readout stage not trained), or nil.
  func inferenceProblem(checkpoint path: String) -> String?
  /// Accuracy and activity on `data`, in parallel (results independent of `threads`). Image
  /// `i` of `data` is image `firstIndex + i` of the split (a shard's images start later): a
  /// kind that draws random numbers at inference draws them by that index, so a split
  /// evaluated in shards gives what one evaluation gives.
  func evaluate(_ data: LabeledImages, firstIndex: Int, threads: Int) -> Evaluation
  /// A classifier for single images (built once: it holds the inference network).
  func classifier() -> any ImageClassifier

  /// One image's pass through the network, layer by layer, for `explain`: the input as the
  /// network read it, each layer's spike map, the winner and the class scores, decided
  /// exactly as ``classifier()`` decides. Throws when the model cannot classify yet.
  func explain(_ image: GrayImage) throws -> ImageExplanation

  /// The lines `inspect` prints between the file header and the tensor list.
  func inspection() -> [String]
  /// Accuracy per pass of the stage with the latest history, or nil.
  func learningCurve() -> LearningCurveData?
  /// The learned layers whose features can be drawn, 1-based (`features --layer`, the report).
  var featureLayers: [Int] { get }
  /// The learned features of layer `layer` (1-based; nil: the kind's default), ready for
  /// ``FeatureSheet``; decision layers are grouped by class.
  func features(layer: Int?) throws -> FeatureSet
  /// Speed of this model on `images` (training images of the data set), as `bench` prints it;
  /// `source` names the weights (a checkpoint path), nil for a built-in's untrained weights.
  func benchmark(_ images: LabeledImages, options: BenchmarkOptions, source: String?,
                 progress: (String) -> Void) -> BenchmarkReport
}

extension Model {
  public mutating func adoptTrainedStages(from source: any Model) -> Int { 0 }
  public func heldOutTrainingImages(of n: Int) -> (indices: [Int], description: String)? { nil }
  public func problem(training stage: Int, on data: LabeledImages) -> String? { nil }

  /// The whole spec: a kind that cannot tell which settings a stage reads shares a stage only
  /// between identical models.
  public func trainingKey(throughStage stage: Int) -> String { specJSON }

  /// Accuracy and activity on the whole split `data`.
  public func evaluate(_ data: LabeledImages, threads: Int) -> Evaluation {
    evaluate(data, firstIndex: 0, threads: threads)
  }

  /// The evaluation of a split from its shards' `Codable` forms, in shard order.
  /// - Throws: a decoding error, or ``TallyMismatch`` when the parts do not add up.
  public static func mergedEvaluation(_ parts: [Data]) throws -> any ModelEvaluation {
    guard let first = parts.first else { throw TallyMismatch(reason: "no parts to merge") }
    var merged = try JSONDecoder().decode(Evaluation.self, from: first)
    for part in parts.dropFirst() { try merged.add(try JSONDecoder().decode(Evaluation.self, from: part)) }
    return merged
  }

  /// Writes the checkpoint atomically (see ``AtomicFile``): a failed save never damages the
  /// file. Returns the written file's identity.
  @discardableResult
  public func save(to path: String) throws -> FileIdentity? {
    try archive().write(to: path)
  }
}

/// Options of one `train` run that every kind's stages read.
public struct StageOptions: Sendable, Equatable {
  /// Passes to run (nil: the model's own number).
  public var passes: Int?
  /// Evaluate the test split every N passes where a stage does (0 = never).
  public var evaluateEvery: Int
  /// Save at least every N images within a pass.
  public var saveEvery: Int

  public init(passes: Int? = nil, evaluateEvery: Int = 1, saveEvery: Int = 10_000) {
    self.passes = passes
    self.evaluateEvery = evaluateEvery
    self.saveEvery = saveEvery
  }
}

/// Accuracy per pass of one stage: what `inspect --plot` draws.
public struct LearningCurveData: Sendable {
  public var stage: Int
  public var passes: Int
  /// Accuracy (0…1) measured while training, during each pass.
  public var train: [(pass: Int, accuracy: Double)]
  /// Accuracy (0…1) on the test split after each evaluated pass.
  public var test: [(pass: Int, accuracy: Double)]
  /// The model's name and what the stage trains, for the plot's title and subtitle
  /// ("mozafari2019", "stage 3: layer 3 (250→200 features, 6×6 kernel), R-STDP, 119 of 680 passes run").
  public var model: String
  public var summary: String
  /// The pass whose weights are kept as the best (highest test accuracy), if any.
  public var bestPass: Int?
  /// What `test` was measured on: "test", or "validation" for a stage that chooses its pass
  /// on held-out training images (a gradient stage).
  public var heldOut = "test"
  public init(stage: Int, passes: Int, train: [(pass: Int, accuracy: Double)], test: [(pass: Int, accuracy: Double)],
              model: String = "", summary: String = "", bestPass: Int? = nil, heldOut: String = "test") {
    self.heldOut = heldOut
    self.stage = stage
    self.passes = passes
    self.train = train
    self.test = test
    self.model = model
    self.summary = summary
    self.bestPass = bestPass
  }
}

/// What `bench` measured of one model: the table it prints and its rows.
public struct BenchmarkReport: Sendable {
  public var text: String
  public var rows: [BenchmarkResult.Row]
  public init(text: String, rows: [BenchmarkResult.Row]) {
    self.text = text
    self.rows = rows
  }
}

/// What `bench` measures.
public struct BenchmarkOptions: Sendable {
  public var segments: Int
  public var threads: Int
  /// Rate-coded rows: images trained on one thread and run in parallel inference (0 = skip).
  public var rateTrainImages: Int
  public var rateTestImages: Int
  public init(segments: Int = 5, threads: Int = defaultThreadCount, rateTrainImages: Int = 1000, rateTestImages: Int = 2000) {
    self.segments = segments
    self.threads = threads
    self.rateTrainImages = rateTrainImages
    self.rateTestImages = rateTestImages
  }
}
