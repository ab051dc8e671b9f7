extension DualCoordinateDescent {
  /// One pass over the active coordinates in `order[0..<activeSize]` (see the type's doc for
  /// the update rule). Shrunk coordinates are swapped to the end of the active set.
  ///
  /// - Returns: the largest and smallest projected gradient seen (`−∞`, `+∞` if none).
  /// - Complexity: O(Σ_{i active} nnz(x_i)); `w` is touched only at the row's non-zeros and
  ///   at the bias.
  mutating func sweep(_ p: DualProblem) -> (pgMax: Double, pgMin: Double) {
    let k = positiveClass
    let diag = p.parameters.diagonal
    let upper = p.parameters.upperBound
    let bias = p.parameters.bias
    let shrinking = p.parameters.shrinking
    let above = shrinkAbove ?? .infinity
    let below = shrinkBelow ?? -.infinity
    let d = p.dimension
    var active = activeSize
    var pgMax = -Double.infinity
    var pgMin = Double.infinity

    p.matrix.rowOffsets.withUnsafeBufferPointer { offsets in
    p.matrix.columns.withUnsafeBufferPointer { columns in
    withOptionalBuffer(p.matrix.values) { values in
    p.labels.withUnsafeBufferPointer { labels in
    p.qd.withUnsafeBufferPointer { qd in
    alpha.withUnsafeMutableBufferPointer { alpha in
    w.withUnsafeMutableBufferPointer { w in
    order.withUnsafeMutableBufferPointer { order in
      var s = 0
      while s < active {
        let i = Int(order[s])
        let yi: Double = labels[i] == k ? 1 : -1
        let lo = offsets[i]
        let hi = offsets[i + 1]

        // G = y_i (w·x̂_i) − 1 + D_ii α_i
        var dot = w[d] * bias
        if let values {
          for j in lo..<hi { dot += w[Int(columns[j])] * Double(values[j]) }
        } else {
          for j in lo..<hi { dot += w[Int(columns[j])] }
        }
        let a = alpha[i]
        let g = yi * dot - 1 + a * diag

        var pg = 0.0
        if a == 0 {
          if shrinking && g > above {
            active -= 1
            order.swapAt(s, active)
            continue
          }
          if g < 0 { pg = g }
        } else if a == upper {
          if shrinking && g < below {
            active -= 1
            order.swapAt(s, active)
            continue
          }
          if g > 0 { pg = g }
        } else {
          pg = g
        }
        pgMax = max(pgMax, pg)
        pgMin = min(pgMin, pg)

        if abs(pg) > 1e-12 {
          let updated = min(max(a - g / qd[i], 0), upper)
          alpha[i] = updated
          let step = (updated - a) * yi
          if let values {
            for j in lo..<hi { w[Int(columns[j])] += step * Double(values[j]) }
          } else {
            for j in lo..<hi { w[Int(columns[j])] += step }
          }
          w[d] += step * bias
        }
        s += 1
      }
    }}}}}}}}
    activeSize = active
    return (pgMax, pgMin)
  }
}

/// Calls `body` with a buffer over `array`, or with `nil` when there is no array.
@inline(__always)
func withOptionalBuffer<T, R>(_ array: [T]?, _ body: (UnsafeBufferPointer<T>?) -> R) -> R {
  if let array { return array.withUnsafeBufferPointer { body($0) } }
  return body(nil)
}
