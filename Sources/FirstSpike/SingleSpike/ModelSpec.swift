/// A network's architecture and hyper-parameters as data.
///
/// Saved (as JSON) inside every checkpoint and loadable from a file (`--spec FILE.json`), so a
/// user can define a new network without writing Swift. Stage `i` (1-based) trains
/// `layers[i-1]`; a model with an SVM readout has one more stage that trains the SVM.
public struct ModelSpec: Codable, Sendable, Equatable {
  /// Model name, e.g. `mozafari2019`.
  public var name: String
  /// Width and height the encoder expects; other images are resized to it.
  public var inputWidth: Int
  public var inputHeight: Int
  public var encoder: EncoderSpec
  public var layers: [LayerSpec]
  public var readout: ReadoutSpec
  /// Class names in label order (filled in from the training data when empty).
  public var classNames: [String]

  public init(name: String, inputWidth: Int, inputHeight: Int, encoder: EncoderSpec,
              layers: [LayerSpec], readout: ReadoutSpec, classNames: [String]) {
    self.name = name
    self.inputWidth = inputWidth
    self.inputHeight = inputHeight
    self.encoder = encoder
    self.layers = layers
    self.readout = readout
    self.classNames = classNames
  }
}

/// One convolutional layer and how its stage trains it.
public struct LayerSpec: Codable, Sendable, Equatable {
  /// Pooling applied to the previous layer's (or the encoder's) wave before this layer.
  public var inputPool: PoolSpec?
  /// Explicit zero padding of the (pooled) input wave; pads never fire.
  public var inputPadding: Int
  public var inChannels: Int
  public var outChannels: Int
  public var kernel: Int
  /// Firing threshold θ (fires at the first `t` with potential > θ); `nil` = fire at the last
  /// time step wherever the potential is positive.
  public var threshold: Float?
  /// Initial weights ~ Normal(mean, std), unless ``weightInit`` says otherwise.
  public var weightMean: Float
  public var weightStd: Float
  /// Another distribution of the initial weights (nil: Normal(``weightMean``, ``weightStd``)).
  public var weightInit: WeightInit?
  public var training: TrainingSpec

  public init(inputPool: PoolSpec? = nil, inputPadding: Int, inChannels: Int, outChannels: Int,
              kernel: Int, threshold: Float?, weightMean: Float = 0.8, weightStd: Float = 0.05,
              weightInit: WeightInit? = nil, training: TrainingSpec) {
    self.inputPool = inputPool
    self.inputPadding = inputPadding
    self.inChannels = inChannels
    self.outChannels = outChannels
    self.kernel = kernel
    self.threshold = threshold
    self.weightMean = weightMean
    self.weightStd = weightStd
    self.weightInit = weightInit
    self.training = training
  }
}

/// The learning rule of a layer's stage.
public enum LearningRule: String, Codable, Sendable {
  /// Unsupervised STDP on the k-WTA winners.
  case stdp
  /// Reward-modulated STDP on the decision winner (the layer must be the last one).
  case rstdp
  /// Gradient descent on a loss of the output spike times (temporal backpropagation,
  /// ``GradientSpec``); the trailing gradient layers of a model train jointly in one stage.
  case gradient
}

/// How one stage trains its layer.
public struct TrainingSpec: Codable, Sendable, Equatable {
  public var rule: LearningRule
  /// Passes over the training set.
  public var passes: Int
  /// Pointwise inhibition of this layer's output before k-WTA (STDP stages).
  public var pointwiseInhibition: Bool
  /// Pointwise inhibition of this layer's *input* wave while training (Kheradpisheh layer 2).
  public var inhibitInput: Bool
  /// k of k-WTA and its inhibition radius ρ (STDP stages; R-STDP takes one winner).
  public var winners: Int
  public var inhibitionRadius: Int
  /// STDP rates (a⁺, a⁻), or the reward rates for R-STDP.
  public var ltp: Float
  public var ltd: Float
  /// R-STDP punishment: rate for inputs that fired at or before the output (< 0) and for
  /// the others (> 0).
  public var punishLTP: Float
  public var punishLTD: Float
  public var stabilizer: Bool
  public var lowerBound: Float
  public var upperBound: Float
  /// STDP rate schedule: every `doubleEvery` images (if > 0) `a⁺ ← min(2a⁺, maxLTP)`,
  /// `a⁻ ← ltdRatio·a⁺`.
  public var doubleEvery: Int
  public var maxLTP: Float
  public var ltdRatio: Float
  /// R-STDP adaptive rates: after each batch of `adaptiveBatch` images (0 = off; a value
  /// ≥ the training-set size means once per pass) reward rates are scaled by
  /// `adaptiveMin + adaptiveRange·wrong` and punish rates by `adaptiveMin + adaptiveRange·correct`.
  public var adaptiveBatch: Int
  public var adaptiveMin: Float
  public var adaptiveRange: Float
  /// Fraction of the layer's features dropped (potentials zeroed) while training, redrawn
  /// every pass, or every image when `dropoutPerImage` is set.
  public var dropout: Float
  /// Redraw the dropped features for every training image instead of once per pass.
  public var dropoutPerImage: Bool
  /// Fraction of the layer's input spikes removed, independently for every training image,
  /// before the layer sees them (and before STDP reads them); 0 = off. A regulariser: the
  /// kernels learn from partial patterns. Never applied at test time.
  public var inputDropout: Float
  /// R-STDP: on a wrong decision, besides punishing the winner, reward the best neuron of
  /// the correct class (as LVQ2 moves the nearest correct prototype), with the reward rates
  /// scaled like the punishment rates (`adaptiveMin + adaptiveRange·correct`).
  public var rewardCorrectOnError: Bool
  /// R-STDP: after each finished pass, the reward and punishment rates (as the adaptive
  /// schedule sets them) are multiplied by this factor once more (1 = no decay).
  public var passDecay: Float
  /// Reshuffle the training order at the start of every pass (else the data set's order).
  public var shuffle: Bool
  /// The gradient stage's settings (rule `.gradient`; read from the last layer of the run).
  public var gradient: GradientSpec?
  /// R-STDP: choose the best pass on this share of the training images, held out
  /// (``validationSplit(_:fraction:)``), instead of on the test set (nil: the test set, as
  /// SpykeTorch's scripts do).
  public var validationFraction: Double?

  public init(rule: LearningRule, passes: Int, pointwiseInhibition: Bool = false,
              inhibitInput: Bool = false, winners: Int = 1, inhibitionRadius: Int = 0,
              ltp: Float, ltd: Float, punishLTP: Float = 0, punishLTD: Float = 0,
              stabilizer: Bool = true, lowerBound: Float = 0, upperBound: Float = 1,
              doubleEvery: Int = 0, maxLTP: Float = 0.15, ltdRatio: Float = -0.75,
              adaptiveBatch: Int = 0, adaptiveMin: Float = 0, adaptiveRange: Float = 1,
              dropout: Float = 0, dropoutPerImage: Bool = false, inputDropout: Float = 0,
              rewardCorrectOnError: Bool = false, passDecay: Float = 1, shuffle: Bool = false,
              gradient: GradientSpec? = nil, validationFraction: Double? = nil) {
    self.rule = rule
    self.passes = passes
    self.pointwiseInhibition = pointwiseInhibition
    self.inhibitInput = inhibitInput
    self.winners = winners
    self.inhibitionRadius = inhibitionRadius
    self.ltp = ltp
    self.ltd = ltd
    self.punishLTP = punishLTP
    self.punishLTD = punishLTD
    self.stabilizer = stabilizer
    self.lowerBound = lowerBound
    self.upperBound = upperBound
    self.doubleEvery = doubleEvery
    self.maxLTP = maxLTP
    self.ltdRatio = ltdRatio
    self.adaptiveBatch = adaptiveBatch
    self.adaptiveMin = adaptiveMin
    self.adaptiveRange = adaptiveRange
    self.dropout = dropout
    self.dropoutPerImage = dropoutPerImage
    self.inputDropout = inputDropout
    self.rewardCorrectOnError = rewardCorrectOnError
    self.passDecay = passDecay
    self.shuffle = shuffle
    self.gradient = gradient
    self.validationFraction = validationFraction
  }
}

extension TrainingSpec {
  enum CodingKeys: String, CodingKey {
    case rule, passes, pointwiseInhibition, inhibitInput, winners, inhibitionRadius, ltp, ltd
    case punishLTP, punishLTD, stabilizer, lowerBound, upperBound, doubleEvery, maxLTP, ltdRatio
    case adaptiveBatch, adaptiveMin, adaptiveRange, dropout, dropoutPerImage, inputDropout
    case rewardCorrectOnError, passDecay, shuffle, gradient, validationFraction
  }

  /// Decodes specs written before `dropoutPerImage`, `inputDropout`, `rewardCorrectOnError`
  /// and `passDecay` existed with their defaults (per-pass dropout, no input dropout,
  /// punishment only, no decay), so older checkpoints and spec files still load.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(rule: try c.decode(LearningRule.self, forKey: .rule),
              passes: try c.decode(Int.self, forKey: .passes),
              pointwiseInhibition: try c.decode(Bool.self, forKey: .pointwiseInhibition),
              inhibitInput: try c.decode(Bool.self, forKey: .inhibitInput),
              winners: try c.decode(Int.self, forKey: .winners),
              inhibitionRadius: try c.decode(Int.self, forKey: .inhibitionRadius),
              ltp: try c.decode(Float.self, forKey: .ltp), ltd: try c.decode(Float.self, forKey: .ltd),
              punishLTP: try c.decode(Float.self, forKey: .punishLTP),
              punishLTD: try c.decode(Float.self, forKey: .punishLTD),
              stabilizer: try c.decode(Bool.self, forKey: .stabilizer),
              lowerBound: try c.decode(Float.self, forKey: .lowerBound),
              upperBound: try c.decode(Float.self, forKey: .upperBound),
              doubleEvery: try c.decode(Int.self, forKey: .doubleEvery),
              maxLTP: try c.decode(Float.self, forKey: .maxLTP),
              ltdRatio: try c.decode(Float.self, forKey: .ltdRatio),
              adaptiveBatch: try c.decode(Int.self, forKey: .adaptiveBatch),
              adaptiveMin: try c.decode(Float.self, forKey: .adaptiveMin),
              adaptiveRange: try c.decode(Float.self, forKey: .adaptiveRange),
              dropout: try c.decode(Float.self, forKey: .dropout),
              dropoutPerImage: try c.decodeIfPresent(Bool.self, forKey: .dropoutPerImage) ?? false,
              inputDropout: try c.decodeIfPresent(Float.self, forKey: .inputDropout) ?? 0,
              rewardCorrectOnError: try c.decodeIfPresent(Bool.self, forKey: .rewardCorrectOnError) ?? false,
              passDecay: try c.decodeIfPresent(Float.self, forKey: .passDecay) ?? 1,
              shuffle: try c.decode(Bool.self, forKey: .shuffle),
              gradient: try c.decodeIfPresent(GradientSpec.self, forKey: .gradient),
              validationFraction: try c.decodeIfPresent(Double.self, forKey: .validationFraction))
  }
}

/// How the network's output becomes a class.
public enum ReadoutSpec: Codable, Sendable, Equatable {
  /// The last layer's single winner decides: class = feature / featuresPerClass.
  case decision(featuresPerClass: Int)
  /// The last layer's wave, pooled, gives binary "fired" features for a one-vs-rest linear SVM.
  case svm(pool: PoolSpec, c: Float, squaredHinge: Bool, passes: Int)
}
