/// The state of a population of LIF neurons (optionally with adaptive thresholds) and its
/// clock step; see ``LIFParameters`` for the equations.
public struct LIFNeurons: Sendable, Equatable {
  public let parameters: LIFParameters
  public let dt: Double
  /// Membrane potential of each neuron, mV.
  public var voltage: [Float]
  /// Remaining steps during which each neuron ignores input.
  public var refractory: [Int32]
  /// Adaptive threshold θ of each neuron (zeros, unchanged, without adaptation).
  public var theta: [Float]
  public let adaptation: AdaptiveThreshold?
  let decay: Float
  let refractorySteps: Int32
  let thetaDecay: Float

  public init(count: Int, parameters: LIFParameters, dt: Double, adaptation: AdaptiveThreshold? = nil, theta: [Float]? = nil) {
    precondition(theta == nil || theta!.count == count, "\(theta!.count) thresholds for \(count) neurons")
    self.parameters = parameters
    self.dt = dt
    self.adaptation = adaptation
    self.voltage = [Float](repeating: parameters.rest, count: count)
    self.refractory = [Int32](repeating: 0, count: count)
    self.theta = theta ?? [Float](repeating: 0, count: count)
    self.decay = parameters.decay(dt: dt)
    self.refractorySteps = parameters.refractorySteps(dt: dt)
    self.thetaDecay = adaptation?.decay(dt: dt) ?? 1
  }

  public var count: Int { voltage.count }

  /// Back to rest, not refractory; θ is kept (BindsNET `reset_state_variables`).
  public mutating func resetState() {
    for i in voltage.indices { voltage[i] = parameters.rest }
    for i in refractory.indices { refractory[i] = 0 }
  }

  /// One clock step with input `input[i]` (mV added to the membrane), appending the neurons
  /// that fire, ascending, to `fired`. With `adapt` (learning) θ decays and grows per spike;
  /// otherwise it stays fixed. Mirrors BindsNET `DiehlAndCookNodes.forward` / `LIFNodes.forward`.
  /// - Complexity: O(count).
  public mutating func step(input: UnsafeBufferPointer<Float>, adapt: Bool, fired: inout [Int32]) {
    precondition(input.count == count, "\(input.count) inputs for \(count) neurons")
    let p = parameters, d = decay, refr = refractorySteps
    let plus = adapt ? adaptation?.thetaPlus ?? 0 : 0
    let thetaDecay = adapt ? self.thetaDecay : 1
    voltage.withUnsafeMutableBufferPointer { v in
      refractory.withUnsafeMutableBufferPointer { r in
        theta.withUnsafeMutableBufferPointer { th in
          for i in 0..<v.count {
            var u = d * (v[i] - p.rest) + p.rest
            th[i] *= thetaDecay
            if r[i] > 0 { r[i] -= 1 } else { u += input[i] }
            if u >= p.threshold + th[i] {
              u = p.reset
              r[i] = refr
              th[i] += plus
              fired.append(Int32(i))
            }
            v[i] = u
          }
        }
      }
    }
  }

  /// ``step(input:adapt:fired:)`` with an array input.
  public mutating func step(input: [Float], adapt: Bool, fired: inout [Int32]) {
    input.withUnsafeBufferPointer { step(input: $0, adapt: adapt, fired: &fired) }
  }
}
