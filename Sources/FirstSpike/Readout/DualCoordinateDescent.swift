/// The resumable state of one binary (class `k` vs. rest) linear SVM trained by dual coordinate
/// descent, as LIBLINEAR's `solve_l2r_l1l2_svc` (Hsieh, Chang, Lin, Keerthi & Sundararajan 2008,
/// "A Dual Coordinate Descent Method for Large-scale Linear SVM": Algorithm 1 with the random
/// permutation of §3.1 and the shrinking of §3.2).
///
/// **Problem.** With `x̂_i = (x_i, B)` (bias feature appended), `y_i = +1` if `label_i == k`
/// else `−1`, the primal is `min_w ½‖w‖² + C Σ_i ξ(w; x̂_i, y_i)` with `ξ = max(0, 1 − y_i w·x̂_i)`
/// (hinge) or its square (squared hinge). Its dual is
///
///     min_α  f(α) = ½ αᵀ Q̄ α − eᵀα   subject to  0 ≤ α_i ≤ U,
///     Q̄ = Q + D,  Q_ij = y_i y_j x̂_i·x̂_j,
///
/// with `U = C, D = 0` for the hinge loss and `U = ∞, D_ii = 1/(2C)` for the squared hinge.
/// The primal solution is `w = Σ_i y_i α_i x̂_i`, which is kept up to date so that a gradient
/// costs one sparse dot product.
///
/// **Update.** For coordinate `i`: the gradient `G = ∂f/∂α_i = y_i w·x̂_i − 1 + D_ii α_i`, the
/// projected gradient `PG = min(G, 0)` if `α_i = 0`, `max(G, 0)` if `α_i = U`, else `G`; if
/// `|PG| > 10⁻¹²`, `α_i ← min(max(α_i − G/Q̄_ii, 0), U)` (the exact 1-D minimizer) and
/// `w ← w + (α_i^new − α_i^old) y_i x̂_i`, touching only the non-zeros of `x_i` and the bias.
///
/// **Outer iteration.** The active coordinates are visited in a random order (Fisher–Yates over
/// the active set with ``rng``). With shrinking, a coordinate at a bound whose gradient points
/// outward beyond last iteration's extreme projected gradients (`α_i = 0, G > M̄`, or
/// `α_i = U, G < m̄`) leaves the active set. The iteration stops when
/// `M − m ≤ ε` and `|M|, |m| ≤ ε` (`M`, `m`: max/min PG of this iteration; the `|M|, |m|` test
/// is that of recent LIBLINEAR releases, older ones and scikit-learn test `M − m ≤ ε` only);
/// if coordinates were shrunk, all are reactivated and checked once more first.
///
/// Every field is plain data, so a saved state continues bit-identically.
public struct DualCoordinateDescent: Sendable, Codable, Equatable {
  /// Where the solver stands.
  public enum Status: String, Sendable, Codable {
    case running, converged, iterationLimit
  }

  /// The class trained as positive (`y = +1`).
  public let positiveClass: Int
  /// Dual variables `α_i`, one per sample.
  public internal(set) var alpha: [Double]
  /// Primal weights `w = Σ y_i α_i x̂_i`: `dimension` feature weights, then the weight of the
  /// bias feature `B`.
  public internal(set) var w: [Double]
  /// Sample order; `order[0..<activeSize]` is the active (unshrunk) set.
  public internal(set) var order: [Int32]
  /// Number of active coordinates.
  public internal(set) var activeSize: Int
  /// LIBLINEAR's `PGmax_old`, `nil` for `+∞`.
  public internal(set) var shrinkAbove: Double?
  /// LIBLINEAR's `PGmin_old`, `nil` for `−∞`.
  public internal(set) var shrinkBelow: Double?
  /// Outer iterations done.
  public internal(set) var iterations: Int
  /// The generator of the coordinate permutations.
  public internal(set) var rng: SplitMix64
  /// Where the solver stands.
  public internal(set) var status: Status
  /// `M − m` of the last outer iteration (the stopping quantity), `nil` before the first.
  public internal(set) var lastGap: Double?

  /// The state before the first iteration: `α = 0`, `w = 0`, every coordinate active.
  public init(positiveClass: Int, rows: Int, dimension: Int, seed: UInt64) {
    self.positiveClass = positiveClass
    alpha = [Double](repeating: 0, count: rows)
    w = [Double](repeating: 0, count: dimension + 1)
    order = (0..<rows).map { Int32($0) }
    activeSize = rows
    shrinkAbove = nil
    shrinkBelow = nil
    iterations = 0
    rng = SplitMix64(seed: seed)
    status = rows == 0 ? .converged : .running
    lastGap = nil
  }

  /// Whether no more iterations will run.
  public var isFinished: Bool { status != .running }

  /// Runs one outer iteration: shuffle the active set, update each active coordinate once,
  /// then apply the stopping and shrinking rules.
  /// - Complexity: O(Σ_{i active} nnz(x_i)).
  mutating func iterate(_ p: DualProblem) {
    precondition(status == .running, "iterate on a finished solver (\(status))")
    shuffleActive()
    let (pgMax, pgMin) = sweep(p)
    iterations += 1
    finishIteration(pgMax: pgMax, pgMin: pgMin, p)
  }

  /// LIBLINEAR's `for i < active_size: swap(index[i], index[i + rand() % (active_size − i)])`.
  private mutating func shuffleActive() {
    var i = 0
    while i < activeSize - 1 {
      order.swapAt(i, i + rng.nextInt(below: activeSize - i))
      i += 1
    }
  }

  /// Stopping test and the shrinking thresholds for the next iteration.
  private mutating func finishIteration(pgMax: Double, pgMin: Double, _ p: DualProblem) {
    let eps = p.parameters.tolerance
    lastGap = activeSize == 0 ? 0 : pgMax - pgMin
    let optimal = activeSize == 0 || (pgMax - pgMin <= eps && abs(pgMax) <= eps && abs(pgMin) <= eps)
    if optimal {
      if activeSize == p.rows {
        status = .converged
        return
      }
      activeSize = p.rows
      shrinkAbove = nil
      shrinkBelow = nil
    } else {
      shrinkAbove = pgMax <= 0 ? nil : pgMax
      shrinkBelow = pgMin >= 0 ? nil : pgMin
    }
    if iterations >= p.parameters.maxIterations { status = .iterationLimit }
  }
}
