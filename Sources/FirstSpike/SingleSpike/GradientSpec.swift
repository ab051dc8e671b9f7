/// How a gradient stage trains its layers: the loss on the output spike times, the optimiser
/// and the batches (`docs/semantics.md` §13 has the mathematics). Held by the last layer of the
/// trailing run of `.gradient` layers, which train jointly in one stage.
public struct GradientSpec: Codable, Sendable, Equatable {
  public var loss: SpikeTimeLoss
  public var optimizer: GradientOptimizer
  /// Images per update; the update is the sum of the images' gradients, in image order.
  public var batchSize: Int
  /// Weight decay λ: after every update each weight `w ← w − rate·λ·w` (S4NN's regulariser).
  public var weightDecay: Float
  /// Divide each layer's error vector `∂L/∂t` by its Euclidean norm before it is used (S4NN).
  public var normalizeErrors: Bool
  /// Share of the training images held out for model selection: `⌊fraction · n⌋` images
  /// drawn by a fixed generator (``split(_:)``), the same for every seed. The weights after
  /// the pass with the best validation accuracy are kept (and evaluated); the test set is
  /// never read.
  public var validationFraction: Double
  /// S4NN's dead-neuron reset: after a pass, features of a hidden gradient layer that fired on
  /// fewer than this fraction of the pass's images get new initial weights (0 = off).
  public var deadNeuronReset: Double
  /// The learning rate is multiplied by this after every pass (1 = constant).
  public var rateDecay: Float
  /// Data augmentation: every training image's input wave is shifted by a random offset in
  /// `−shift…shift` cells on each axis (cells shifted in never fire; 0 = off).
  public var shift: Int
  /// S4NN's order of the backward pass (its code, `S4NN.py`): a layer's weights take this
  /// image's SGD step (and the decay) first, and the errors of its inputs are carried back
  /// through the *updated* weights, `∂L/∂t_i = Σ_j g_j · w'_ji · [t_i ≤ t_j]` with
  /// `w' = (w − rate·∂L/∂w) − rate·λ·(w − rate·∂L/∂w)`. Off: through the weights of the forward
  /// pass (the exact gradient of the linearised network). Only an `sgd` step is looked ahead
  /// (with Adam the option does nothing); with batches the step is the image's own.
  public var backpropagateUpdatedWeights: Bool

  /// Whether the backward pass takes the look-ahead step (``backpropagateUpdatedWeights``).
  var looksAhead: Bool {
    guard backpropagateUpdatedWeights, case .sgd = optimizer else { return false }
    return true
  }

  public init(loss: SpikeTimeLoss, optimizer: GradientOptimizer, batchSize: Int = 1, weightDecay: Float = 0,
              normalizeErrors: Bool = false, validationFraction: Double = 1.0 / 12, deadNeuronReset: Double = 0,
              rateDecay: Float = 1, shift: Int = 0, backpropagateUpdatedWeights: Bool = false) {
    self.loss = loss
    self.optimizer = optimizer
    self.batchSize = batchSize
    self.weightDecay = weightDecay
    self.normalizeErrors = normalizeErrors
    self.validationFraction = validationFraction
    self.deadNeuronReset = deadNeuronReset
    self.rateDecay = rateDecay
    self.shift = shift
    self.backpropagateUpdatedWeights = backpropagateUpdatedWeights
  }

  enum CodingKeys: String, CodingKey {
    case loss, optimizer, batchSize, weightDecay, normalizeErrors, validationFraction, deadNeuronReset, rateDecay, shift
    case backpropagateUpdatedWeights
  }

  // `backpropagateUpdatedWeights` reads as off when absent (specs and checkpoints from before it).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(loss: try c.decode(SpikeTimeLoss.self, forKey: .loss),
              optimizer: try c.decode(GradientOptimizer.self, forKey: .optimizer),
              batchSize: try c.decode(Int.self, forKey: .batchSize),
              weightDecay: try c.decode(Float.self, forKey: .weightDecay),
              normalizeErrors: try c.decode(Bool.self, forKey: .normalizeErrors),
              validationFraction: try c.decode(Double.self, forKey: .validationFraction),
              deadNeuronReset: try c.decode(Double.self, forKey: .deadNeuronReset),
              rateDecay: try c.decode(Float.self, forKey: .rateDecay),
              shift: try c.decode(Int.self, forKey: .shift),
              backpropagateUpdatedWeights: try c.decodeIfPresent(Bool.self, forKey: .backpropagateUpdatedWeights) ?? false)
  }

  /// Images held out of `n` training images.
  public func validationImages(of n: Int) -> Int { Int((validationFraction * Double(n)).rounded(.down)) }

  /// The training and the validation images of `n` (``validationSplit(_:fraction:)``: a data
  /// set stored class by class still gets every class in both parts).
  public func split(_ n: Int) -> (train: [Int], validation: [Int]) { validationSplit(n, fraction: validationFraction) }
}

/// The training and the validation images of `n` training images, each in ascending order:
/// the validation images are the first `⌊fraction · n⌋` of a permutation of `0..<n` drawn from
/// `SplitMix64(seed: 0x76616C6964)`, the same for every model seed.
public func validationSplit(_ n: Int, fraction: Double) -> (train: [Int], validation: [Int]) {
  let v = Int((fraction * Double(n)).rounded(.down))
  if v <= 0 { return (Array(0..<n), []) }
  var g = SplitMix64(seed: 0x76_61_6C_69_64)
  var held = [Bool](repeating: false, count: n)
  for i in g.permutation(n).prefix(v) { held[i] = true }
  return ((0..<n).filter { !held[$0] }, (0..<n).filter { held[$0] })
}
