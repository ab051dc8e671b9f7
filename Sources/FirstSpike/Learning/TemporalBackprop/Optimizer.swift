import Foundation

/// The update rule of a gradient stage.
public enum GradientOptimizer: Codable, Sendable, Equatable {
  /// `w ← w − rate · g` (S4NN).
  case sgd(rate: Float)
  /// Adam (Kingma & Ba 2015) with bias correction; its moments live in the checkpoint.
  case adam(rate: Float, beta1: Float, beta2: Float, epsilon: Float)

  public var rate: Float {
    switch self {
    case .sgd(let r), .adam(let r, _, _, _): r
    }
  }
}

/// Adam's first and second moment estimates of one weight tensor (its storage layout).
public struct AdamMoments: Sendable, Equatable {
  public var m: [Float]
  public var v: [Float]
  public init(count: Int) {
    m = [Float](repeating: 0, count: count)
    v = [Float](repeating: 0, count: count)
  }
  public init(m: [Float], v: [Float]) {
    self.m = m
    self.v = v
  }
}

extension GradientOptimizer {
  /// Whether the rule keeps moments (Adam).
  public var hasMoments: Bool {
    if case .adam = self { return true }
    return false
  }

  /// One update of `w` by the gradient `g` (same layout, the batch's sum), at learning rate
  /// `rate`, the `step`-th update of the stage (1-based, Adam's bias correction), then the
  /// weight decay `w ← w − rate·λ·w`. Elementwise, in index order: deterministic.
  public func update(_ w: inout [Float], gradient g: [Float], rate: Float, step: Int, weightDecay λ: Float,
                     moments: inout AdamMoments?) {
    g.withUnsafeBufferPointer { update(&w, gradient: $0, rate: rate, step: step, weightDecay: λ, moments: &moments) }
  }

  /// ``update(_:gradient:rate:step:weightDecay:moments:)`` from a buffer.
  public func update(_ w: inout [Float], gradient g: UnsafeBufferPointer<Float>, rate: Float, step: Int,
                     weightDecay λ: Float, moments: inout AdamMoments?) {
    precondition(w.count == g.count, "\(g.count) gradients for \(w.count) weights")
    let decay = rate * λ
    switch self {
    case .sgd:
      w.withUnsafeMutableBufferPointer { BackwardKernels.sgd($0, g, rate: rate, decay: decay) }
    case .adam(_, let β1, let β2, let ε):
      var state = moments.flatMap { $0.m.count == w.count ? $0 : nil } ?? AdamMoments(count: w.count)
      moments = nil
      defer { moments = state }
      let c1 = Float(1 - pow(Double(β1), Double(step))), c2 = Float(1 - pow(Double(β2), Double(step)))
      w.withUnsafeMutableBufferPointer { w in
        state.m.withUnsafeMutableBufferPointer { m in
          state.v.withUnsafeMutableBufferPointer { v in
            BackwardKernels.adam(w, m, v, g, rate: rate, beta1: β1, beta2: β2, epsilon: ε, c1: c1, c2: c2, decay: decay)
          }
        }
      }
    }
  }
}
