/// Pooling of a spike wave: earliest spike in each window, or the window's average.
public struct PoolSpec: Codable, Sendable, Equatable {
  public var size: Int
  public var stride: Int
  public var padding: Int
  /// nil or `.earliest`: max pooling of the cumulative wave (the earliest spike of the window);
  /// `.average`: average pooling folded into the next convolution (stride = size, no padding;
  /// `Layers/AveragePooling.swift`).
  public var mode: PoolMode?

  public init(size: Int, stride: Int, padding: Int = 0, mode: PoolMode? = nil) {
    self.size = size
    self.stride = stride
    self.padding = padding
    self.mode = mode
  }

  /// Whether this is average pooling.
  public var isAverage: Bool { mode == .average }
}

/// How a pooling window combines its inputs.
public enum PoolMode: String, Codable, Sendable {
  /// The earliest spike in the window (max of the cumulative wave): one spike out.
  case earliest
  /// The mean of the window's cumulative inputs, which the next layer integrates linearly.
  case average
}

extension LayerSpec {
  /// This layer's initial weights, drawn from `generator` in `[Cout, Cin, k, k]` order.
  public func initialWeights(generator g: inout SplitMix64) -> ConvWeights {
    switch weightInit {
    case nil:
      return ConvWeights(inChannels: inChannels, outChannels: outChannels, kernel: kernel, mean: weightMean,
                         std: weightStd, generator: &g)
    case .uniform(let low, let high)?:
      var w = ConvWeights(inChannels: inChannels, outChannels: outChannels, kernel: kernel)
      var values = [Float](repeating: 0, count: w.count)
      for i in values.indices { values[i] = low + (high - low) * Float(g.nextUniform()) }
      w.setCanonical(values)
      return w
    }
  }

  /// How far ``initialWeights(generator:)`` advances the generator: two draws a weight for the
  /// normal distribution, one for the uniform one.
  public var initialDraws: Int {
    let count = outChannels * inChannels * kernel * kernel
    return weightInit == nil ? 2 * count : count
  }
}

/// A distribution of initial weights other than the default normal one.
public enum WeightInit: Codable, Sendable, Equatable {
  /// Uniform in `[low, high)` (S4NN: `[0, 5)` for the hidden layer, `[0, 48)` for the output).
  case uniform(low: Float, high: Float)
}

