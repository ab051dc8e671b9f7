/// The loss of a linear SVM on a sample with margin `m = y·(w·x)`.
public enum SVMLoss: String, Sendable, Codable, CaseIterable {
  /// L1-loss `max(0, 1 − m)` (LIBLINEAR `-s 3`); dual box `0 ≤ α ≤ C`.
  case hinge
  /// L2-loss `max(0, 1 − m)²` (LIBLINEAR `-s 1`, its default); dual `α ≥ 0` with
  /// `1/(2C)` added to the diagonal of `Q`.
  case squaredHinge
}

extension LinearSVMTrainer {
  /// Settings of the dual coordinate descent solver, LIBLINEAR's defaults unless stated.
  public struct Parameters: Sendable, Codable, Equatable {
    /// The loss (`.squaredHinge` = LIBLINEAR's default `-s 1`).
    public var loss: SVMLoss
    /// The cost `C` (LIBLINEAR `-c`; Kheradpisheh et al. 2018 use 2.4).
    public var cost: Double
    /// LIBLINEAR's bias feature `B` (`-B`): every row gets an extra feature of value `B`
    /// whose weight is the (regularized) bias. `nil` trains without a bias (`-B -1`).
    public var biasFeature: Double?
    /// Stopping tolerance `ε` on the projected gradient (LIBLINEAR `-e`, default 0.1).
    public var tolerance: Double
    /// Outer iterations per class before giving up (LIBLINEAR's `max_iter`, 1000).
    public var maxIterations: Int
    /// Whether to shrink the active set (LIBLINEAR always does).
    public var shrinking: Bool
    /// Seed of the coordinate permutations (the only randomness).
    public var seed: UInt64

    public init(
      loss: SVMLoss = .squaredHinge, cost: Double = 1, biasFeature: Double? = 1,
      tolerance: Double = 0.1, maxIterations: Int = 1000, shrinking: Bool = true, seed: UInt64 = 1
    ) {
      precondition(cost > 0 && cost.isFinite, "cost C = \(cost) must be positive")
      precondition(tolerance > 0, "tolerance \(tolerance) must be positive")
      precondition(maxIterations >= 1, "maxIterations \(maxIterations) must be ≥ 1")
      precondition(biasFeature.map { $0 > 0 && $0.isFinite } ?? true, "bias feature \(biasFeature!) must be positive")
      self.loss = loss
      self.cost = cost
      self.biasFeature = biasFeature
      self.tolerance = tolerance
      self.maxIterations = maxIterations
      self.shrinking = shrinking
      self.seed = seed
    }

    /// `D_ii` added to `Q_ii`: `1/(2C)` for the L2 loss, 0 for the L1 loss.
    var diagonal: Double { loss == .squaredHinge ? 0.5 / cost : 0 }
    /// The upper bound `U` of every `α_i`: `∞` for the L2 loss, `C` for the L1 loss.
    var upperBound: Double { loss == .squaredHinge ? .infinity : cost }
    /// The value of the bias feature, 0 when there is no bias.
    var bias: Double { biasFeature ?? 0 }
  }
}
