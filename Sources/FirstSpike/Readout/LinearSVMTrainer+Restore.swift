/// Rebuilding a trainer from saved fields, for checkpoint formats that store the arrays
/// themselves instead of using `Codable`. Restoring every field exactly (the `Double`s
/// bit-for-bit) continues training bit-identically.
extension LinearSVMTrainer {
  /// A trainer from its saved fields; `solvers[k]` must train class `k` on `rows` samples of
  /// `dimension` features.
  public init(
    parameters: Parameters, classes: Int, dimension: Int, rows: Int, dataFingerprint: UInt64,
    solvers: [DualCoordinateDescent]
  ) {
    precondition(solvers.count == classes, "\(solvers.count) solvers for \(classes) classes")
    for (k, s) in solvers.enumerated() {
      precondition(s.positiveClass == k && s.alpha.count == rows && s.w.count == dimension + 1,
                   "solver \(k): class \(s.positiveClass), \(s.alpha.count) α, \(s.w.count) w for \(rows)×\(dimension)")
    }
    self.parameters = parameters
    self.classes = classes
    self.dimension = dimension
    self.rows = rows
    self.dataFingerprint = dataFingerprint
    self.solvers = solvers
  }
}

extension DualCoordinateDescent {
  /// A solver from its saved fields (see the stored properties for their meaning).
  public init(
    positiveClass: Int, alpha: [Double], w: [Double], order: [Int32], activeSize: Int,
    shrinkAbove: Double?, shrinkBelow: Double?, iterations: Int, rng: SplitMix64,
    status: Status, lastGap: Double?
  ) {
    precondition(order.count == alpha.count && (0...alpha.count).contains(activeSize),
                 "\(order.count) order entries, active \(activeSize) for \(alpha.count) samples")
    precondition(order.allSatisfy { (0..<Int32(alpha.count)).contains($0) }, "order entry out of range")
    self.positiveClass = positiveClass
    self.alpha = alpha
    self.w = w
    self.order = order
    self.activeSize = activeSize
    self.shrinkAbove = shrinkAbove
    self.shrinkBelow = shrinkBelow
    self.iterations = iterations
    self.rng = rng
    self.status = status
    self.lastGap = lastGap
  }
}
