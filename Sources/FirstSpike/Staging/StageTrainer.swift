/// One stage of a model in training: what ``StageRunner`` drives between saves.
///
/// A trainer owns a working copy of what its stage changes (weights, progress, solver state)
/// and writes it into the model with ``store(in:)`` before every save, so the checkpoint on
/// disk always holds a state the stage can resume from bit-identically.
public protocol StageTrainer {
  associatedtype Trained: Model
  /// Images left in the current pass: the runner saves at least at every pass end.
  var imagesLeftInPass: Int { get }
  /// False for a one-step stage that has nothing worth saving when stopped (it reruns whole).
  var savesWhenStopped: Bool { get }
  /// Trains until the stage is finished (returns true), `shouldStop()` turns true or
  /// `maxImages` images were trained in this call (false). `shouldStop` is polled once before
  /// every image.
  mutating func run(maxImages: Int, shouldStop: () -> Bool, report: (StageEvent) -> Void) -> Bool
  /// Writes the stage's current state into `model`.
  func store(in model: inout Trained)
}

/// What a checkpoint holds of one stage's run: enough for the runner's resume checks and for
/// the messages of `train`.
public struct StageStatus: Sendable, Equatable {
  /// Images per pass the run was started with (checked on resume).
  public var trainingImages: Int
  public var finished: Bool
  /// Whether an unfinished run can be resumed (false for one-step stages).
  public var resumable: Bool
  /// Where an unfinished run stands, e.g. "pass 2, image 3000" or "the SVM solver".
  public var location: String

  public init(trainingImages: Int, finished: Bool, resumable: Bool = true, location: String) {
    self.trainingImages = trainingImages
    self.finished = finished
    self.resumable = resumable
    self.location = location
  }
}

/// What a stage tells its caller while it trains. Text is ready to print: the kind that
/// trains knows what its figures mean.
public enum StageEvent {
  /// Work before the first image (caching frozen layers, running the network to label
  /// neurons); `train` shows it on stderr.
  case preparing(String)
  /// One image trained.
  case image(StageTick)
  /// A pass finished: its record and the line that sums it up.
  case pass(PassRecord, summary: String)
  /// A result worth a line of its own (labels assigned, test accuracy).
  case result(String)
  /// The checkpoint was written.
  case saved(path: String)
}

/// Where a stage stands after an image: what a progress bar shows.
public struct StageTick {
  public var stage: Int
  /// Passes finished and passes to run.
  public var passesDone: Int
  public var passes: Int
  /// Images trained in the current pass, of `images`.
  public var position: Int
  public var images: Int
  /// A figure shown beside the bar, formatted with `format` (a `printf` format of one Double).
  public var metric: (format: String, value: Double)?

  public init(stage: Int, passesDone: Int, passes: Int, position: Int, images: Int,
              metric: (format: String, value: Double)? = nil) {
    self.stage = stage
    self.passesDone = passesDone
    self.passes = passes
    self.position = position
    self.images = images
    self.metric = metric
  }
}

/// One of two stage trainers of the same model kind (a kind whose stages are of two sorts:
/// layers and a readout, or learning and labelling).
public enum EitherStageTrainer<First: StageTrainer, Second: StageTrainer>: StageTrainer
where First.Trained == Second.Trained {
  case first(First)
  case second(Second)

  public var imagesLeftInPass: Int {
    switch self {
    case .first(let t): t.imagesLeftInPass
    case .second(let t): t.imagesLeftInPass
    }
  }

  public var savesWhenStopped: Bool {
    switch self {
    case .first(let t): t.savesWhenStopped
    case .second(let t): t.savesWhenStopped
    }
  }

  public mutating func run(maxImages: Int, shouldStop: () -> Bool, report: (StageEvent) -> Void) -> Bool {
    switch self {
    case .first(var t):
      defer { self = .first(t) }
      return t.run(maxImages: maxImages, shouldStop: shouldStop, report: report)
    case .second(var t):
      defer { self = .second(t) }
      return t.run(maxImages: maxImages, shouldStop: shouldStop, report: report)
    }
  }

  public func store(in model: inout First.Trained) {
    switch self {
    case .first(let t): t.store(in: &model)
    case .second(let t): t.store(in: &model)
    }
  }
}
