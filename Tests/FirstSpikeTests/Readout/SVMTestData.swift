import Foundation
@testable import FirstSpike

/// Seeded synthetic data sets and Double-precision objectives for the SVM tests.
enum SVMTestData {
  /// Binary "fired" features that are one-vs-rest separable: class `k` fires every feature of
  /// its block `4k..<4k+4`; each sample also fires background features in
  /// `4·classes..<dimension` with probability `density`. Separable with margin by
  /// `Σ_{j∈block k} x_j ≥ 4` vs `= 0`.
  static func blocks(seed: UInt64, classes: Int, perClass: Int, dimension: Int, density: Double = 0.2)
    -> (SparseFeatureMatrix, [Int])
  {
    var rng = SplitMix64(seed: seed)
    var m = SparseFeatureMatrix(dimension: dimension)
    var labels: [Int] = []
    for i in 0..<(classes * perClass) {
      let k = i % classes
      var cols = (4 * k..<4 * k + 4).map { Int32($0) }
      for j in (4 * classes)..<dimension where rng.nextUniform() < density { cols.append(Int32(j)) }
      m.append(columns: cols)
      labels.append(k)
    }
    return (m, labels)
  }

  /// Like ``blocks`` but each block feature is dropped with probability `dropout`, so the
  /// classes overlap and the solver needs many iterations.
  static func noisyBlocks(seed: UInt64, classes: Int, perClass: Int, dimension: Int, dropout: Double)
    -> (SparseFeatureMatrix, [Int])
  {
    var rng = SplitMix64(seed: seed)
    var m = SparseFeatureMatrix(dimension: dimension)
    var labels: [Int] = []
    for i in 0..<(classes * perClass) {
      let k = i % classes
      var cols: [Int32] = []
      for j in 0..<dimension {
        let inBlock = j / 4 == k
        if inBlock ? rng.nextUniform() >= dropout : rng.nextUniform() < 0.15 { cols.append(Int32(j)) }
      }
      m.append(columns: cols)
      labels.append(k)
    }
    return (m, labels)
  }

  /// Isotropic Gaussian classes `N(μ_k, I)` with `μ_k = scale · e_k`, equal priors; returns the
  /// samples and labels. The Bayes-optimal rule for this model is the nearest mean.
  static func gaussians(seed: UInt64, classes: Int, dimension: Int, count: Int, scale: Double)
    -> (rows: [[Float]], labels: [Int])
  {
    var rng = SplitMix64(seed: seed)
    var rows: [[Float]] = []
    var labels: [Int] = []
    for _ in 0..<count {
      let k = rng.nextInt(below: classes)
      rows.append((0..<dimension).map { j in Float((j == k ? scale : 0) + rng.nextNormal()) })
      labels.append(k)
    }
    return (rows, labels)
  }

  /// `w(α) = Σ_i y_i α_i x̂_i` of one solver, recomputed in Double from its dual variables.
  static func primalWeights(_ s: DualCoordinateDescent, _ m: SparseFeatureMatrix, _ labels: [Int], bias: Double) -> [Double] {
    var w = [Double](repeating: 0, count: m.dimension + 1)
    for i in 0..<m.rows where s.alpha[i] != 0 {
      let a = s.alpha[i] * (labels[i] == s.positiveClass ? 1 : -1)
      let dense = m.denseRow(i)
      for j in 0..<m.dimension { w[j] += a * Double(dense[j]) }
      w[m.dimension] += a * bias
    }
    return w
  }

  /// Primal `½‖w‖² + C Σ ξ_i` and dual `Σ α_i − ½‖w(α)‖² − Σ D_ii α_i²/2` objectives of one
  /// solver, both at `w = w(α)`, in Double.
  static func objectives(
    _ s: DualCoordinateDescent, _ m: SparseFeatureMatrix, _ labels: [Int], _ p: LinearSVMTrainer.Parameters
  ) -> (primal: Double, dual: Double) {
    let bias = p.biasFeature ?? 0
    let w = primalWeights(s, m, labels, bias: bias)
    let norm2 = w.reduce(0) { $0 + $1 * $1 }
    var loss = 0.0
    for i in 0..<m.rows {
      let dense = m.denseRow(i)
      var dot = w[m.dimension] * bias
      for j in 0..<m.dimension { dot += w[j] * Double(dense[j]) }
      let y: Double = labels[i] == s.positiveClass ? 1 : -1
      let xi = max(0, 1 - y * dot)
      loss += p.loss == .hinge ? xi : xi * xi
    }
    let diag = p.loss == .hinge ? 0 : 0.5 / p.cost
    let sumAlpha = s.alpha.reduce(0, +)
    let quad = s.alpha.reduce(0) { $0 + $1 * $1 } * diag
    return (0.5 * norm2 + p.cost * loss, sumAlpha - 0.5 * norm2 - 0.5 * quad)
  }
}

/// A stop condition that says "stop" once it has been asked more than `limit` times
/// (thread-safe, for `runParallel`).
final class StopAfter: @unchecked Sendable {
  private let lock = NSLock()
  private var asked = 0
  private let limit: Int
  init(_ limit: Int) { self.limit = limit }
  func callAsFunction() -> Bool {
    lock.lock()
    defer { lock.unlock() }
    asked += 1
    return asked > limit
  }
}
