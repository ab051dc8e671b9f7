import Foundation
import Testing
@testable import FirstSpike

/// Trace STDP on hand-made spike pairs, and column normalization.
@Suite struct PostPreRuleTests {
  static let rule = PostPreRule(nuPre: 1e-2, nuPost: 2e-2)

  /// Runs `rule` on a 2 × 2 matrix of 0.5 with the given spikes per step (traces: decay
  /// exp(−1/20) per step, reset to 1 on a spike, as BindsNET `traces_additive = False`).
  static func run(_ pre: [Int: [Int32]], _ post: [Int: [Int32]], steps: Int, initial: Float = 0.5) -> [Float] {
    var w = [Float](repeating: initial, count: 4)
    var xPre = [Float](repeating: 0, count: 2), xPost = [Float](repeating: 0, count: 2)
    let d = Float(exp(-1.0 / 20))
    for t in 0..<steps {
      for k in 0..<2 { xPre[k] *= d; xPost[k] *= d }
      for i in pre[t] ?? [] { xPre[Int(i)] = 1 }
      for j in post[t] ?? [] { xPost[Int(j)] = 1 }
      w.withUnsafeMutableBufferPointer { wp in
        xPost.withUnsafeBufferPointer { po in
          xPre.withUnsafeBufferPointer { pr in
            rule.apply(to: wp, outputs: 2, preFired: ArraySlice(pre[t] ?? []), postFired: post[t] ?? [],
                       postTrace: po, preTrace: pr)
          }
        }
      }
    }
    return w
  }

  /// Pre at 0, post at Δ: potentiation `nuPost · exp(−Δ/20)` of exactly that synapse.
  @Test(arguments: [1, 5, 20])
  func preThenPost(delta: Int) {
    let w = Self.run([0: [0]], [delta: [1]], steps: delta + 1)
    let expected = 0.5 + 2e-2 * exp(-Double(delta) / 20)
    #expect(abs(Double(w[0 * 2 + 1]) - expected) < 1e-6, "Δ = \(delta)")
    #expect(w[0] == 0.5 && w[2] == 0.5 && w[3] == 0.5)
  }

  /// Post at 0, pre at Δ: depression `nuPre · exp(−Δ/20)`.
  @Test(arguments: [1, 5, 20])
  func postThenPre(delta: Int) {
    let w = Self.run([delta: [1]], [0: [0]], steps: delta + 1)
    let expected = 0.5 - 1e-2 * exp(-Double(delta) / 20)
    #expect(abs(Double(w[1 * 2 + 0]) - expected) < 1e-6, "Δ = \(delta)")
    #expect(w[0] == 0.5 && w[1] == 0.5 && w[3] == 0.5)
  }

  /// Simultaneous spikes see both traces at 1: `+nuPost − nuPre`; a second pre spike
  /// before the post one resets (not adds to) the pre trace.
  @Test func simultaneousAndTraceReset() {
    let w = Self.run([3: [0]], [3: [0]], steps: 4)
    #expect(abs(w[0] - (0.5 + 2e-2 - 1e-2)) < 1e-6)
    let twice = Self.run([0: [1], 2: [1]], [2: [1]], steps: 3)
    #expect(abs(twice[3] - (0.5 + 2e-2 - 1e-2)) < 1e-6)
  }

  /// Updates are clamped to [wmin, wmax] after both halves of a step.
  @Test func clampsToBounds() {
    #expect(Self.run([0: [0]], [0: [0]], steps: 1, initial: 0.995)[0] == 1)
    let low = Self.run([1: [0]], [0: [0, 1]], steps: 2, initial: 0.001)
    #expect(low[0] == 0 && low[1] == 0)
  }

  /// Every column sums to `norm` after normalization (tolerance 1e-3 on 78.4), ratios
  /// within a column are kept, a zero column stays zero.
  @Test(arguments: [UInt64(1), 2, 3])
  func normalizationKeepsColumnSums(seed: UInt64) {
    let inputs = 784, outputs = 13
    var g = SplitMix64(seed: seed)
    var w = (0..<inputs * outputs).map { _ in Float(g.nextUniform() * 0.3) }
    for i in 0..<inputs { w[i * outputs + 5] = 0 }
    let before = w
    w.withUnsafeMutableBufferPointer { normalizeColumns($0, outputs: outputs, norm: 78.4) }
    for j in 0..<outputs where j != 5 {
      let sum = (0..<inputs).reduce(Float(0)) { $0 + w[$1 * outputs + j] }
      #expect(abs(sum - 78.4) < 1e-3, "seed \(seed), column \(j): \(sum)")
      let ratio = w[7 * outputs + j] / w[3 * outputs + j], was = before[7 * outputs + j] / before[3 * outputs + j]
      #expect(abs(ratio - was) < 1e-4 * max(1, abs(was)))
    }
    #expect((0..<inputs).allSatisfy { w[$0 * outputs + 5] == 0 })
  }
}
