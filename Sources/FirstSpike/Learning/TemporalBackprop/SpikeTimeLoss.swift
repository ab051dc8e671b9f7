import Foundation

/// A loss on the output layer's first-spike times (silent neurons count as firing at `T`).
public enum SpikeTimeLoss: Codable, Sendable, Equatable {
  /// S4NN's relative target times: the correct class should fire first, every other class at
  /// least `gamma` steps after the earliest output; squared error of the times / T.
  case relativeTargets(gamma: Int)
  /// Cross-entropy of `softmax(−t / temperature)` over the classes' first-spike times.
  case softmax(temperature: Float)
}

/// The loss of one image and its error vector.
public struct SpikeTimeError: Sendable, Equatable {
  /// Loss value.
  public var loss: Float
  /// `∂L/∂t_k` per class.
  public var gradient: [Float]
}

extension SpikeTimeLoss {
  /// The loss of class first-spike times `times` (in steps, `T` for a class that never fired)
  /// for label `label`, and `∂L/∂t_k`.
  /// - relative targets (S4NN): with `t_min` the earliest time, the targets are `T` for every
  ///   class and `T − γ` for the label when no class fired; otherwise each class keeps its own
  ///   time, classes within `γ` of `t_min` are pushed to `min(t_min + γ, T)` and the label's
  ///   target is `t_min`. `L = Σ_k (t_k − target_k)² / 2T`, `∂L/∂t_k = (t_k − target_k)/T`.
  /// - softmax: `p = softmax(−t/τ)`, `L = −log p_label`, `∂L/∂t_k = (1[k = label] − p_k)/τ`.
  public func error(times: [Float], label: Int, timeSteps T: Int) -> SpikeTimeError {
    let n = times.count, T = Float(T)
    precondition(label >= 0 && label < n, "label \(label) of \(n) classes")
    var g = [Float](repeating: 0, count: n)
    var loss: Float = 0
    switch self {
    case .relativeTargets(let gamma):
      let target = Self.relativeTargets(times: times, label: label, gamma: gamma, timeSteps: Int(T))
      for k in 0..<n {
        let d = times[k] - target[k]
        g[k] = d / T
        loss += d * d / (2 * T)
      }
    case .softmax(let τ):
      let z = times.map { -$0 / τ }
      let zmax = z.max() ?? 0
      var sum: Float = 0
      var e = [Float](repeating: 0, count: n)
      for k in 0..<n {
        e[k] = Foundation.exp(z[k] - zmax)
        sum += e[k]
      }
      for k in 0..<n {
        let p = e[k] / sum
        g[k] = ((k == label ? 1 : 0) - p) / τ
      }
      loss = -(z[label] - zmax - Foundation.log(sum))
    }
    return SpikeTimeError(loss: loss, gradient: g)
  }

  /// S4NN's relative target times for class times `times` (see ``error(times:label:timeSteps:)``).
  public static func relativeTargets(times: [Float], label: Int, gamma: Int, timeSteps: Int) -> [Float] {
    let γ = Float(gamma), T = Float(timeSteps)
    let tmin = times.min() ?? T
    var target = times
    if tmin >= T {
      for k in target.indices { target[k] = T }
      target[label] = T - γ
    } else {
      for k in target.indices where times[k] - tmin < γ { target[k] = min(tmin + γ, T) }
      target[label] = tmin
    }
    return target
  }
}
