/// Everything about a rate-coded training run in progress that the next image depends on
/// (besides the network's weights and θ), so that a run saved at an image boundary and
/// resumed continues bit-identically.
public struct RateCodedProgress: Codable, Sendable, Equatable {
  /// Images per pass this run was started with, checked on resume.
  public var trainingImages: Int
  public var passes: Int
  public var passesDone = 0
  /// Images already trained in the current pass.
  public var position = 0
  /// Images trained over all passes.
  public var imagesSeen = 0
  /// Whether each pass visits the images in a fresh random order.
  public var shuffle: Bool
  /// Generator state at the start of the current pass (its order is redrawn from it on
  /// resume) and the current state (the encoder draws continue from it).
  public var passGenerator: SplitMix64
  public var generator: SplitMix64
  /// Excitatory spikes and presentations in the current pass (activity monitor).
  public var passSpikes = 0
  public var passPresentations = 0
  public var history: [PassRecord] = []
  /// Seconds spent training so far.
  public var seconds: Double = 0

  public var finished: Bool { passesDone >= passes }

  public init(trainingImages: Int, passes: Int, shuffle: Bool, seed: UInt64) {
    self.trainingImages = trainingImages
    self.passes = passes
    self.shuffle = shuffle
    let g = SplitMix64(seed: seed ^ 0xD1B5_4A32_D192_ED03)
    self.passGenerator = g
    self.generator = g
  }

  /// The order of the current pass's images, drawn from `passGenerator`.
  public func passOrder() -> [Int] {
    var g = passGenerator
    return shuffle ? g.permutation(trainingImages) : Array(0..<trainingImages)
  }
}
