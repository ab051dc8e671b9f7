/// A square 2-D filter kernel (`size × size`, row-major, odd size), e.g. a DoG or Gabor kernel.
///
/// Mirrors SpykeTorch `utils.FilterKernel`: the kernel is built in `Double` and rounded to
/// `Float` once, so the weights equal the reference's float32 kernels bit for bit.
public struct FilterKernel: Sendable, Equatable {
  /// Side length (odd).
  public let size: Int
  /// `size × size` weights, row-major (`weights[row * size + column]`).
  public let weights: [Float]

  public init(size: Int, weights: [Float]) {
    precondition(size >= 1 && size % 2 == 1, "kernel size \(size) is not odd and positive")
    precondition(weights.count == size * size, "\(weights.count) weights for a \(size)×\(size) kernel")
    self.size = size
    self.weights = weights
  }

  /// Weight at `(row, column)`.
  @inlinable
  public subscript(row: Int, column: Int) -> Float { weights[row * size + column] }

  /// This kernel zero-padded symmetrically (centred) to `newSize × newSize`, as SpykeTorch's
  /// `utils.Filter` stacks kernels of different sizes.
  /// - Precondition: `newSize >= size` and `newSize - size` is even.
  public func padded(to newSize: Int) -> FilterKernel {
    precondition(newSize >= size && (newSize - size) % 2 == 0, "cannot centre \(size)×\(size) in \(newSize)×\(newSize)")
    if newSize == size { return self }
    let p = (newSize - size) / 2
    var out = [Float](repeating: 0, count: newSize * newSize)
    for r in 0..<size {
      for c in 0..<size { out[(r + p) * newSize + c + p] = weights[r * size + c] }
    }
    return FilterKernel(size: newSize, weights: out)
  }

  /// Normalizes a float64 kernel as SpykeTorch does (`g - mean(g)`, then `/ max`) and rounds it
  /// to float32. The mean uses numpy's pairwise summation so that the double result (and hence
  /// the rounding) follows `np.mean` exactly. A kernel that is constant (e.g. size 1) has no
  /// positive maximum and is rejected (the reference would divide by zero).
  static func normalized(size: Int, values g: [Double]) -> FilterKernel {
    if let problem = normalizationProblem(g) { preconditionFailure("\(size)×\(size) kernel: \(problem)") }
    let (centred, maximum) = centred(g)
    return FilterKernel(size: size, weights: centred.map { Float($0 / maximum) })
  }

  /// Why `g` cannot be normalized (a non-finite value, or constant after removing its mean:
  /// no positive maximum), or nil. Spec validation asks this before any kernel is built.
  static func normalizationProblem(_ g: [Double]) -> String? {
    guard !g.isEmpty, g.allSatisfy(\.isFinite) else { return "has values that are not finite numbers" }
    let maximum = centred(g).maximum
    guard maximum > 0, maximum.isFinite else { return "is degenerate: constant after removing its mean" }
    return nil
  }

  /// `g − mean(g)` (numpy's pairwise mean) and its maximum.
  private static func centred(_ g: [Double]) -> (values: [Double], maximum: Double) {
    let mean = pairwiseSum(g[...]) / Double(g.count)
    var centred = g
    for i in centred.indices { centred[i] = g[i] - mean }
    return (centred, centred.max() ?? 0)
  }

  /// numpy's `pairwise_sum` for contiguous float64 data (blocks of 128, 8 partial sums).
  static func pairwiseSum(_ a: ArraySlice<Double>) -> Double {
    let n = a.count
    let s = a.startIndex
    if n < 8 {
      var res = 0.0
      for i in a.indices { res += a[i] }
      return res
    }
    if n <= 128 {
      var r = (0..<8).map { a[s + $0] }
      var i = 8
      while i < n - (n % 8) {
        for j in 0..<8 { r[j] += a[s + i + j] }
        i += 8
      }
      var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
      while i < n {
        res += a[s + i]
        i += 1
      }
      return res
    }
    var n2 = n / 2
    n2 -= n2 % 8
    return pairwiseSum(a[s..<(s + n2)]) + pairwiseSum(a[(s + n2)...])
  }
}
