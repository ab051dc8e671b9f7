/// One finished pass of a stage.
public struct PassRecord: Codable, Sendable, Equatable {
  public var pass: Int
  /// Training outcomes during the pass (R-STDP stages), nil for STDP stages.
  public var train: OutcomeCounts?
  /// Test accuracy after the pass, when evaluated.
  public var testAccuracy: Double?
  public var seconds: Double
  /// Gradient stages: accuracy on the validation images after the pass, and the mean loss
  /// of the pass's training images.
  public var validationAccuracy: Double? = nil
  public var loss: Double? = nil
}

/// Everything about a stage in progress that the next image depends on, so that a run saved
/// mid-pass and resumed continues bit-identically.
public struct StageProgress: Codable, Sendable, Equatable {
  /// Stage number, 1-based.
  public var stage: Int
  /// Images per pass this run was started with (`--limit`), checked on resume.
  public var trainingImages: Int
  /// Passes this stage is to run.
  public var passes: Int
  public var passesDone = 0
  /// Images already trained in the current pass.
  public var position = 0
  /// Images trained in this stage over all passes (the 500-image schedule counter).
  public var imagesSeen = 0
  /// Current per-feature rates: STDP, or R-STDP reward.
  public var rates: [RatePair]
  /// Current per-feature R-STDP punishment rates.
  public var punishRates: [RatePair]
  /// Outcomes of the current adaptive-rate batch and of the current pass (R-STDP).
  public var batch = OutcomeCounts()
  public var passOutcomes = OutcomeCounts()
  /// Generator state at the start of the current pass (its order and dropout are redrawn
  /// from it on resume) and after that pass's draws.
  public var passGenerator: SplitMix64
  public var generator: SplitMix64
  /// Whether the layer's weights may still lie outside the STDP bounds (cleared by the first
  /// update's whole-layer clamp).
  public var weightsMayBeOutOfBounds = true
  public var history: [PassRecord] = []
  /// Best test accuracy so far and the pass after which it was reached (an R-STDP stage with
  /// a validation split: its best validation accuracy).
  public var bestTestAccuracy: Double?
  public var bestPass: Int?
  /// Seconds spent in this stage so far, and in the current pass.
  public var seconds: Double = 0
  /// (Optional so that checkpoints written before it existed still load.)
  public var passSeconds: Double? = 0
  /// What only a gradient stage has (nil for STDP and R-STDP stages).
  public var gradient: GradientProgress?

  public var finished: Bool { passesDone >= passes }

  public init(stage: Int, trainingImages: Int, passes: Int, features: Int, training t: TrainingSpec, seed: UInt64) {
    self.stage = stage
    self.trainingImages = trainingImages
    self.passes = passes
    self.rates = Array(repeating: RatePair(t.ltp, t.ltd), count: features)
    self.punishRates = Array(repeating: RatePair(t.punishLTP, t.punishLTD), count: features)
    let g = SplitMix64(seed: seed ^ (0xA076_1D64_78BD_642F &* UInt64(stage)))
    self.passGenerator = g
    self.generator = g
  }
}

/// The state of a gradient stage beyond ``StageProgress`` (its tensors — Adam moments, a
/// partly summed batch — are in the model, ``GradientState``).
public struct GradientProgress: Codable, Sendable, Equatable {
  /// Updates applied so far (Adam's step count).
  public var updates = 0
  /// The current learning rate.
  public var rate: Float
  /// Images of the current batch already summed into the saved gradient.
  public var batchFill = 0
  /// Sum of the losses of this pass's images so far.
  public var passLoss: Double = 0
  /// Per layer of the stage: on how many of this pass's images each feature fired.
  public var fired: [[Int]]
  /// Best validation accuracy so far and the pass after which it was reached.
  public var bestValidationAccuracy: Double?
  public var bestPass: Int?

  public init(rate: Float, features: [Int]) {
    self.rate = rate
    self.fired = features.map { [Int](repeating: 0, count: $0) }
  }
}
