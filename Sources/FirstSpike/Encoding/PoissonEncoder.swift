/// Poisson rate coding: pixel intensities become firing rates, sampled as a Poisson process
/// on the simulation clock.
///
/// Rate of pixel `i`: `r_i = pixel_i / 255 · intensity` Hz (BindsNET's MNIST examples feed
/// `pixel / 255 · 128`, so a white pixel fires at 128 Hz). With step `dt` ms, each step is a
/// Bernoulli trial with `p_i = r_i · dt / 1000`, the discrete Poisson process whose mean count
/// over `steps` is exactly `r_i · steps · dt / 1000` (needs `p_i ≤ 1`). BindsNET's
/// `encoding.poisson` samples Poisson-distributed inter-spike intervals instead; both have the
/// same mean rate, ours has at most one spike per step by construction.
public struct PoissonEncoder: Sendable, Equatable, Codable {
  /// Rate of a 255 pixel, Hz.
  public var intensity: Double
  /// Presentation time, ms.
  public var time: Double
  /// Simulation step, ms.
  public var dt: Double

  public init(intensity: Double, time: Double, dt: Double) {
    precondition(dt > 0 && time >= 0 && intensity >= 0, "intensity \(intensity) Hz, time \(time) ms, dt \(dt) ms")
    precondition(intensity * dt / 1000 <= 1, "\(intensity) Hz at dt \(dt) ms is above one spike per step")
    self.intensity = intensity
    self.time = time
    self.dt = dt
  }

  /// Number of clock steps, `⌊time / dt⌋` (BindsNET `int(time / dt)`).
  public var steps: Int { Int((time / dt).rounded(.down)) }

  /// Firing rate of each pixel, Hz.
  public func rates(_ pixels: [UInt8]) -> [Double] {
    pixels.map { Double($0) / 255 * intensity }
  }

  /// The spike train of `pixels` (one input neuron per pixel), drawn from `generator`.
  /// - Complexity: O(steps × nonzero pixels + spikes).
  public func encode(_ pixels: [UInt8], generator: inout SplitMix64) -> SpikeTrain {
    let p = rates(pixels).map { $0 * dt / 1000 }
    return BernoulliEncoder.sample(probabilities: p, steps: steps, generator: &generator)
  }

  public func encode(_ image: GrayImage, generator: inout SplitMix64) -> SpikeTrain {
    encode(image.pixels, generator: &generator)
  }
}
