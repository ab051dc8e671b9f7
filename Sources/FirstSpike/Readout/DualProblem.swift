/// The data every one-vs-rest subproblem shares: the samples, their labels, and the diagonal
/// `Q̄_ii = ‖x̂_i‖² + D_ii` of the dual Hessian, where `x̂_i = (x_i, B)` is the sample with
/// LIBLINEAR's bias feature appended.
///
/// `Q̄_ii` does not depend on the class (`y_i² = 1`), so it is computed once per `run`.
/// - Complexity: O(nnz) to build.
struct DualProblem: Sendable {
  let matrix: SparseFeatureMatrix
  let labels: [Int]
  let parameters: LinearSVMTrainer.Parameters
  /// `Q̄_ii` per sample.
  let qd: [Double]

  init(matrix: SparseFeatureMatrix, labels: [Int], parameters: LinearSVMTrainer.Parameters) {
    precondition(labels.count == matrix.rows, "\(labels.count) labels for \(matrix.rows) rows")
    self.matrix = matrix
    self.labels = labels
    self.parameters = parameters
    let b = parameters.bias
    let diag = parameters.diagonal
    qd = (0..<matrix.rows).map { i in
      let row = matrix[row: i]
      // Σ v² in stored order, then B² + D_ii: a binary row's exact count equals its sum of 1s,
      // so binary and explicit-1 storage give bit-identical Q̄_ii.
      var s = 0.0
      if let values = row.values {
        for v in values { s += Double(v) * Double(v) }
      } else {
        s = Double(row.columns.count)
      }
      return s + b * b + diag
    }
  }

  var rows: Int { matrix.rows }
  var dimension: Int { matrix.dimension }
}

/// A 64-bit FNV-1a style fingerprint of a training set (shape, CSR arrays, values, labels), kept
/// in the trainer so that a resumed run refuses data other than the data it started on.
///
/// - Complexity: O(rows + nnz).
func trainingDataFingerprint(_ matrix: SparseFeatureMatrix, labels: [Int]) -> UInt64 {
  var h: UInt64 = 0xCBF2_9CE4_8422_2325
  @inline(__always) func mix(_ v: UInt64) { h = (h ^ v) &* 0x0000_0100_0000_01B3 }
  mix(UInt64(matrix.rows))
  mix(UInt64(matrix.dimension))
  for o in matrix.rowOffsets { mix(UInt64(o)) }
  for c in matrix.columns { mix(UInt64(UInt32(bitPattern: c))) }
  if let values = matrix.values {
    for v in values { mix(UInt64(v.bitPattern)) }
  }
  for y in labels { mix(UInt64(bitPattern: Int64(y))) }
  return h
}
