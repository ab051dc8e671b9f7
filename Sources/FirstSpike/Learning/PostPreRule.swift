/// Trace-based pair STDP on a dense input-major weight matrix `w[i][j]` (`inputs × outputs`,
/// row `i` = presynaptic neuron, contiguous). Mirrors BindsNET `learning.PostPre`:
///
///     pre spike of i at t:   w[i][j] ← w[i][j] − nuPre · x_post[j]   for every j
///     post spike of j at t:  w[i][j] ← w[i][j] + nuPost · x_pre[i]   for every i
///     then w clamped to [wmin, wmax]
///
/// where the traces are taken after the step's spikes (a neuron that fires at `t` has trace 1),
/// all pre updates of a step come before its post updates, and the clamp comes after both. Only
/// the rows of spiking inputs and the columns of spiking outputs change, so only they are
/// clamped (the rest is already in bounds).
public struct PostPreRule: Sendable, Equatable, Codable {
  /// Depression rate on presynaptic spikes.
  public var nuPre: Float
  /// Potentiation rate on postsynaptic spikes.
  public var nuPost: Float
  public var wmin: Float
  public var wmax: Float

  public init(nuPre: Float, nuPost: Float, wmin: Float = 0, wmax: Float = 1) {
    precondition(wmin <= wmax, "wmin \(wmin) above wmax \(wmax)")
    self.nuPre = nuPre
    self.nuPost = nuPost
    self.wmin = wmin
    self.wmax = wmax
  }

  /// BindsNET's `DiehlAndCook2015` default, `nu = (1e-4, 1e-2)`.
  public static let diehlCook = PostPreRule(nuPre: 1e-4, nuPost: 1e-2)

  /// One step's update of `weights` (`inputs × outputs`, input-major).
  /// - Parameters:
  ///   - preFired, postFired: input and output neurons that fired this step.
  ///   - postTrace: trace of every output neuron (`outputs` values).
  ///   - preTrace: trace of every input neuron (`inputs` values; read only when some output fired).
  /// - Complexity: O((|preFired| + |postFired|) · outputs + |postFired| · inputs).
  public func apply(to weights: UnsafeMutableBufferPointer<Float>, outputs: Int,
                    preFired: ArraySlice<Int32>, postFired: [Int32],
                    postTrace: UnsafeBufferPointer<Float>, preTrace: UnsafeBufferPointer<Float>) {
    let inputs = weights.count / outputs
    precondition(inputs * outputs == weights.count && postTrace.count == outputs && preTrace.count == inputs,
                 "\(weights.count) weights, \(outputs) outputs, \(postTrace.count) + \(preTrace.count) traces")
    let w = weights.baseAddress!, x = postTrace.baseAddress!
    if nuPre != 0 {
      for i in preFired {
        let row = w + Int(i) * outputs
        for j in 0..<outputs { row[j] -= nuPre * x[j] }
      }
    }
    if nuPost != 0 && !postFired.isEmpty {
      for i in 0..<inputs {
        let a = nuPost * preTrace[i]
        if a == 0 { continue }
        let row = w + i * outputs
        for j in postFired { row[Int(j)] += a }
      }
    }
    for i in preFired { clamp(w + Int(i) * outputs, count: outputs, stride: 1) }
    for j in postFired { clamp(w + Int(j), count: inputs, stride: outputs) }
  }

  @inline(__always)
  func clamp(_ p: UnsafeMutablePointer<Float>, count: Int, stride: Int) {
    for k in 0..<count {
      let v = p[k * stride]
      p[k * stride] = min(max(v, wmin), wmax)
    }
  }
}
