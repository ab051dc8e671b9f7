/// A single-spike convolutional model (Mozafari 2019, Kheradpisheh 2018, the shallow R-STDP
/// classifier, user specs) and everything its training has produced so far: the spec, the
/// weights, and the progress of every stage, enough to continue exactly where it stopped.
///
/// Stored as a ``CheckpointArchive`` (see `docs/checkpoint-format.md`): JSON blobs `spec` and
/// `training`, float32 tensors `layer<N>.weight` (`[Cout, Cin, k, k]`, SpykeTorch's order),
/// `layer<N>.best` (the weights after the best evaluated pass of an R-STDP stage),
/// `svm.weight` (`[classes, dimension + 1]`) and, while the SVM stage is unfinished, the
/// solver state.
public struct SingleSpikeModel: Sendable {
  public var spec: ModelSpec
  public var training: TrainingRecord
  /// Current (training) weights of every layer.
  public var weights: [ConvWeights]
  /// Best-pass weights of R-STDP layers, by layer index.
  public var bestWeights: [Int: ConvWeights] = [:]
  public var svm: LinearSVM?
  public var svmTrainer: LinearSVMTrainer?
  /// A gradient stage's optimiser state while it is unfinished.
  public var gradientState: GradientState?
  /// The weights this value drew when it was made (not stored): a restart takes them instead of
  /// drawing them again.
  var initialDraw: (spec: ModelSpec, seed: UInt64, weights: [ConvWeights])?

  /// A new model: weights drawn from `seed`.
  /// - Precondition: `spec` is valid (``ModelSpec/validate()``; every spec from outside is
  ///   checked where it enters, with an error naming its source).
  public init(spec: ModelSpec, seed: UInt64, data: DataRecord) {
    if let problem = spec.problem { preconditionFailure("invalid model spec: \(problem)") }
    var g = SplitMix64(seed: seed)
    let network = Network(spec: spec, generator: &g)
    self.spec = spec
    self.weights = network.weights
    self.training = TrainingRecord(seed: seed, data: data)
    self.initialDraw = (spec, seed, network.weights)
  }

  public init(spec: ModelSpec, training: TrainingRecord, weights: [ConvWeights]) {
    self.spec = spec
    self.training = training
    self.weights = weights
  }

  /// The initial (untrained) weights of every layer for this checkpoint's seed.
  public func initialWeights() -> [ConvWeights] {
    var g = SplitMix64(seed: training.seed)
    return Network(spec: spec, generator: &g).weights
  }

  /// The initial weights of layers `first...` (layers before it are skipped in O(1): each
  /// layer's draws only advance the generator by ``LayerSpec/initialDraws``); kept from this value's own
  /// first draw when it still matches the spec.
  func initialWeights(from first: Int) -> [Int: ConvWeights] {
    if let drawn = initialDraw, drawn.spec == spec, drawn.seed == training.seed {
      return Dictionary(uniqueKeysWithValues: (first..<spec.layers.count).map { ($0, drawn.weights[$0]) })
    }
    var g = SplitMix64(seed: training.seed)
    var out: [Int: ConvWeights] = [:]
    for (l, layer) in spec.layers.enumerated() {
      if l < first {
        g = g.advanced(by: layer.initialDraws)
        continue
      }
      out[l] = layer.initialWeights(generator: &g)
    }
    return out
  }

  /// The network to evaluate and classify with: each layer's best-pass weights where an
  /// R-STDP stage kept them, else its current weights.
  public func inferenceNetwork() -> Network {
    var w = weights
    for (l, best) in bestWeights { w[l] = best }
    return Network(spec: spec, weights: w, svm: svm)
  }

  /// Copies the finished stages of `source` whose layers are specified exactly like this
  /// model's (same encoder, the same stages of the same layer specs from the first one on):
  /// weights, best weights and stage records. Returns the number of stages taken.
  public mutating func adoptTrainedStages(from source: SingleSpikeModel) -> Int {
    guard source.spec.encoder == spec.encoder, source.spec.inputWidth == spec.inputWidth,
          source.spec.inputHeight == spec.inputHeight else { return 0 }
    let mine = spec.stages, theirs = source.spec.stages
    var n = 0
    while n < min(mine.count, theirs.count, source.completedStages), mine[n] == theirs[n], mine[n] != .svm,
          mine[n].layers.allSatisfy({ source.spec.layers[$0] == spec.layers[$0] }) {
      for l in mine[n].layers {
        weights[l] = source.weights[l]
        bestWeights[l] = source.bestWeights[l]
      }
      training[stage: n + 1] = source.training[stage: n + 1]
      n += 1
    }
    return n
  }

  /// Number of stages trained to completion, counting from stage 1.
  public var completedStages: Int {
    var n = 0
    while n < spec.stageCount, stageStatus(n + 1)?.finished == true { n += 1 }
    return n
  }
}

/// The training history saved in a checkpoint (blob `training`).
public struct TrainingRecord: Codable, Sendable, Equatable {
  public var seed: UInt64
  public var data: DataRecord
  /// Progress of stage `i + 1` (nil: not started).
  public var stages: [StageProgress?] = []
  /// The SVM stage's record, when the model has one.
  public var svm: SVMStageRecord?
  /// Probability calibration of the trained model (nil until fitted).
  public var calibration: ScoreCalibration?
  /// The options of the latest `train` run.
  public var run: TrainingRun?
  public var formatNote = "FirstSpike \(FirstSpikeVersion.string)"

  public init(seed: UInt64, data: DataRecord) {
    self.seed = seed
    self.data = data
  }

  public subscript(stage s: Int) -> StageProgress? {
    get { s - 1 < stages.count ? stages[s - 1] : nil }
    set {
      while stages.count < s { stages.append(nil) }
      stages[s - 1] = newValue
    }
  }
}

/// What the SVM stage did.
public struct SVMStageRecord: Codable, Sendable, Equatable {
  public var trainingImages: Int
  public var finished: Bool
  public var trainAccuracy: Double?
  public var testAccuracy: Double?
  public var seconds: Double
}
