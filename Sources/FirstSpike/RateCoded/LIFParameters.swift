import Foundation

/// Parameters of a leaky integrate-and-fire neuron, clock-driven with step `dt` (ms; voltages
/// in mV). Mirrors BindsNET `LIFNodes`:
///
///     v ← rest + d · (v − rest),  d = exp(−dt / tcDecay)      (leak, every step)
///     v ← v + x                   (input, unless refractory)
///     spike iff v ≥ threshold (+ θ), then v ← reset, refractory for ⌈refractory / dt⌉ steps
///
/// From `v0` with constant input `x`, the membrane after `n` steps has the closed form
/// `v_n = rest + (v0 − rest)·dⁿ + x·(1 − dⁿ)/(1 − d)` (see ``membrane(from:input:steps:dt:)``).
public struct LIFParameters: Sendable, Equatable, Codable {
  public var rest: Float
  public var reset: Float
  public var threshold: Float
  /// Refractory period, ms: input is ignored for that long after a spike.
  public var refractory: Float
  /// Membrane time constant, ms.
  public var tcDecay: Float

  public init(rest: Float, reset: Float, threshold: Float, refractory: Float, tcDecay: Float) {
    precondition(tcDecay > 0 && refractory >= 0, "tcDecay \(tcDecay) ms, refractory \(refractory) ms")
    self.rest = rest
    self.reset = reset
    self.threshold = threshold
    self.refractory = refractory
    self.tcDecay = tcDecay
  }

  /// Diehl & Cook excitatory neurons (BindsNET `DiehlAndCookNodes` in `DiehlAndCook2015`).
  public static let diehlCookExcitatory = LIFParameters(rest: -65, reset: -60, threshold: -52, refractory: 5, tcDecay: 100)
  /// Diehl & Cook inhibitory neurons (BindsNET `LIFNodes` in `DiehlAndCook2015`).
  public static let diehlCookInhibitory = LIFParameters(rest: -60, reset: -45, threshold: -40, refractory: 2, tcDecay: 10)

  /// Leak factor per step, `exp(−dt / tcDecay)`.
  public func decay(dt: Double) -> Float { Float(exp(-dt / Double(tcDecay))) }

  /// Steps during which input is ignored after a spike, `⌈refractory / dt⌉` (BindsNET counts
  /// `refractory` down by `dt` and blocks input while the count is positive).
  public func refractorySteps(dt: Double) -> Int32 {
    Int32((Double(refractory) / dt - 1e-9).rounded(.up))
  }

  /// The closed-form membrane potential after `steps` steps of constant input `input` from
  /// `v0`, with no spike (threshold ignored), in Double.
  public func membrane(from v0: Double, input: Double, steps: Int, dt: Double) -> Double {
    let d = exp(-dt / Double(tcDecay)), dn = pow(d, Double(steps))
    return Double(rest) + (v0 - Double(rest)) * dn + input * (1 - dn) / (1 - d)
  }
}
