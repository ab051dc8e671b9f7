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

  public init(loss: SpikeTimeLoss, optimizer: GradientOptimizer, batchSize: Int = 1, weightDecay: Float = 0,
              normalizeErrors: Bool = false, validationFraction: Double = 1.0 / 12, deadNeuronReset: Double = 0,
              rateDecay: Float = 1, shift: Int = 0) {
    self.loss = loss
    self.optimizer = optimizer
    self.batchSize = batchSize
    self.weightDecay = weightDecay
    self.normalizeErrors = normalizeErrors
    self.validationFraction = validationFraction
    self.deadNeuronReset = deadNeuronReset
    self.rateDecay = rateDecay
    self.shift = shift
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
