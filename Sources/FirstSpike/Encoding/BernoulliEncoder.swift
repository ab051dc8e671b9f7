/// Bernoulli rate coding: at every step, pixel `i` spikes independently with probability
/// `p_i = pixel_i / 255 · maxProbability`.
///
/// Mirrors BindsNET `encoding.bernoulli`, except that intensities are scaled by the fixed
/// 255 rather than by the image's own maximum.
public struct BernoulliEncoder: Sendable, Equatable, Codable {
  /// Spike probability per step of a 255 pixel, in `[0, 1]`.
  public var maxProbability: Double
  public var steps: Int

  public init(maxProbability: Double, steps: Int) {
    precondition((0...1).contains(maxProbability), "maxProbability \(maxProbability) outside [0, 1]")
    precondition(steps >= 0, "negative steps \(steps)")
    self.maxProbability = maxProbability
    self.steps = steps
  }

  /// Spike probability per step of each pixel.
  public func probabilities(_ pixels: [UInt8]) -> [Double] {
    pixels.map { Double($0) / 255 * maxProbability }
  }

  /// The spike train of `pixels` (one input neuron per pixel).
  public func encode(_ pixels: [UInt8], generator: inout SplitMix64) -> SpikeTrain {
    BernoulliEncoder.sample(probabilities: probabilities(pixels), steps: steps, generator: &generator)
  }

  /// Draws independent Bernoulli spikes: neuron `i` fires at step `t` iff the next 64-bit draw
  /// is below `p_i · 2^64`. Neurons with `p_i = 0` draw nothing, so the generator advances by
  /// `steps ×` (number of nonzero probabilities), in step-major, ascending-neuron order.
  /// Integer comparisons only: the same seed gives the same train on every machine.
  /// - Complexity: O(steps × nonzero + spikes).
  public static func sample(probabilities: [Double], steps: Int, generator: inout SplitMix64) -> SpikeTrain {
    var active: [Int32] = [], thresholds: [UInt64] = []
    var expected = 0.0
    for (i, p) in probabilities.enumerated() where p > 0 {
      precondition(p <= 1, "spike probability \(p) of neuron \(i) above 1")
      active.append(Int32(i))
      thresholds.append(p >= 1 ? .max : UInt64(p * 0x1.0p64))
      expected += p
    }
    var train = SpikeTrain(neurons: probabilities.count, reserve: Int(expected * Double(steps) * 1.2) + 16)
    for _ in 0..<steps {
      for k in active.indices where generator.next() < thresholds[k] { train.append(active[k]) }
      train.endStep()
    }
    return train
  }
}
