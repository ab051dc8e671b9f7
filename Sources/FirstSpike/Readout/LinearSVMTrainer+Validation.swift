/// Checks of a decoded (saved) solver state: `Codable` bypasses the initializers'
/// preconditions, so a saved trainer is checked field by field before it is resumed.
extension LinearSVMTrainer {
  /// Most classes and samples a saved trainer may have.
  static let maxClasses = 65_536, maxRows = 1 << 31

  /// What is inconsistent in this trainer, or in it as the solver of `dimension` features;
  /// nil when it can be resumed (on data whose shape and fingerprint then match, which
  /// ``checkCompatible(with:labels:)`` checks).
  public func problem(dimension expected: Int) -> String? {
    if let problem = parameters.problem { return "parameters: \(problem)" }
    if dimension != expected { return "a solver of \(dimension) features for a model of \(expected)" }
    if !(2...Self.maxClasses).contains(classes) { return "\(classes) classes outside 2...\(Self.maxClasses)" }
    if !(0...Self.maxRows).contains(rows) { return "\(rows) samples outside 0...\(Self.maxRows)" }
    if solvers.count != classes { return "\(solvers.count) solvers for \(classes) classes" }
    for (k, s) in solvers.enumerated() {
      if let problem = s.problem(rows: rows, dimension: dimension, maxIterations: parameters.maxIterations) {
        return "solvers[\(k)]: \(problem)"
      }
      if s.positiveClass != k { return "solvers[\(k)]: trains class \(s.positiveClass)" }
    }
    return nil
  }
}

extension LinearSVMTrainer.Parameters {
  /// What the initializer's preconditions would refuse, or nil.
  var problem: String? {
    if !(cost > 0 && cost.isFinite) { return "cost C = \(cost) must be positive" }
    if !(tolerance > 0 && tolerance.isFinite) { return "tolerance \(tolerance) must be positive" }
    if maxIterations < 1 { return "maxIterations \(maxIterations) must be ≥ 1" }
    if let b = biasFeature, !(b > 0 && b.isFinite) { return "bias feature \(b) must be positive" }
    return nil
  }
}

extension DualCoordinateDescent {
  /// What is out of range for a solver on `rows` samples of `dimension` features, or nil:
  /// array sizes, the order a permutation of the samples, the active set within it, finite
  /// values, the iteration count within the limit.
  func problem(rows: Int, dimension: Int, maxIterations: Int) -> String? {
    if alpha.count != rows || order.count != rows || w.count != dimension + 1 {
      return "\(alpha.count) α, \(order.count) order entries, \(w.count) weights for \(rows) samples of \(dimension) features"
    }
    if !(0...rows).contains(activeSize) { return "active set of \(activeSize) outside 0...\(rows)" }
    var seen = [Bool](repeating: false, count: rows)
    for i in order {
      guard i >= 0, Int(i) < rows, !seen[Int(i)] else { return "order is not a permutation of 0..<\(rows)" }
      seen[Int(i)] = true
    }
    if !alpha.allSatisfy({ $0.isFinite && $0 >= 0 }) || !w.allSatisfy(\.isFinite) { return "α or weights not finite (or α < 0)" }
    if [shrinkAbove, shrinkBelow, lastGap].contains(where: { $0.map { !$0.isFinite } ?? false }) { return "shrinking bounds not finite" }
    if !(0...maxIterations).contains(iterations) { return "\(iterations) iterations outside 0...\(maxIterations)" }
    return nil
  }
}
