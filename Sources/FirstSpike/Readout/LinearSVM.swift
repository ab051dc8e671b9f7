/// A trained one-vs-rest linear SVM: one weight vector and bias per class.
///
/// The score of class `k` for a feature vector `x` is `s_k(x) = w_k · x + b_k`, and the
/// prediction is `argmax_k s_k(x)` (ties go to the lowest class index, as LIBLINEAR's
/// `predict`). `weights` is row-major `classes × (dimension + 1)`: row `k` is `w_k` followed by
/// the bias `b_k`. The bias is already multiplied by LIBLINEAR's bias feature `B`, so
/// `b_k = w_{k,B} · B` (`B = 1` by default, where the two coincide).
public struct LinearSVM: Sendable, Equatable, Codable {
  /// Number of classes; labels are `0..<classes`.
  public let classes: Int
  /// Number of input features.
  public let dimension: Int
  /// `classes × (dimension + 1)` row-major; the last column is the bias.
  public let weights: [Float]

  public init(classes: Int, dimension: Int, weights: [Float]) {
    precondition(classes >= 1 && dimension >= 0, "classes \(classes), dimension \(dimension)")
    precondition(weights.count == classes * (dimension + 1),
                 "\(weights.count) weights for \(classes) × (\(dimension) + 1)")
    self.classes = classes
    self.dimension = dimension
    self.weights = weights
  }

  /// The stride between two classes' rows of `weights`.
  @inlinable public var stride: Int { dimension + 1 }

  /// `w_k` (without the bias).
  public func weightVector(ofClass k: Int) -> ArraySlice<Float> {
    weights[(k * stride)..<(k * stride + dimension)]
  }

  /// The bias `b_k`.
  public func bias(ofClass k: Int) -> Float { weights[k * stride + dimension] }

  /// The scores `s_k(x) = w_k · x + b_k` of every class for one sparse row.
  ///
  /// Accumulated in Double in the row's stored order, rounded to Float once.
  /// - Precondition: the row's columns (increasing, as ``SparseFeatureMatrix`` stores them) lie
  ///   in `0..<dimension`: the dot product reads the weights through an unchecked pointer.
  /// - Complexity: O(classes · nnz(x)).
  public func scores(_ row: SparseFeatureMatrix.Row) -> [Float] {
    precondition((row.columns.first ?? 0) >= 0 && Int(row.columns.last ?? 0) < max(dimension, 1),
                 "feature row with columns \(row.columns.first ?? 0)...\(row.columns.last ?? 0) for an SVM of \(dimension) features")
    return weights.withUnsafeBufferPointer { all in
      (0..<classes).map { k in
        let w = UnsafeBufferPointer(rebasing: all[(k * stride)..<((k + 1) * stride)])
        return Float(row.dot(w) + Double(w[dimension]))
      }
    }
  }

  /// The scores of every class for a dense feature vector of length `dimension`.
  public func scores(dense x: [Float]) -> [Float] {
    precondition(x.count == dimension, "vector of \(x.count) for dimension \(dimension)")
    return (0..<classes).map { k in
      var s = 0.0
      for j in 0..<dimension where x[j] != 0 { s += Double(weights[k * stride + j]) * Double(x[j]) }
      return Float(s + Double(weights[k * stride + dimension]))
    }
  }

  /// The winning class and its margin over the runner-up, `s_best − s_second`
  /// (`+∞` with a single class). A small margin flags an uncertain decision.
  public static func decide(_ scores: [Float]) -> (class: Int, margin: Float) {
    var best = 0
    for k in 1..<max(scores.count, 1) where scores[k] > scores[best] { best = k }
    var second = -Float.infinity
    for k in scores.indices where k != best { second = max(second, scores[k]) }
    return (best, scores[best] - second)
  }

  /// The predicted class of one sparse row and its margin (see ``decide(_:)``).
  public func predict(_ row: SparseFeatureMatrix.Row) -> (class: Int, margin: Float) {
    LinearSVM.decide(scores(row))
  }

  /// The predicted class of a dense vector and its margin.
  public func predict(dense x: [Float]) -> (class: Int, margin: Float) {
    LinearSVM.decide(scores(dense: x))
  }

  /// Predicts every row of `matrix`, rows in parallel (`parallelFor`); each row's result is
  /// computed exactly as by ``predict(_:)``, so the output does not depend on `threads`.
  /// - Complexity: O(classes · nnz(matrix)) work.
  public func predict(_ matrix: SparseFeatureMatrix, threads: Int = defaultThreadCount)
    -> [(class: Int, margin: Float)]
  {
    precondition(matrix.dimension == dimension, "matrix of dimension \(matrix.dimension) for model \(dimension)")
    var labels = [Int](repeating: 0, count: matrix.rows)
    var margins = [Float](repeating: 0, count: matrix.rows)
    labels.withUnsafeMutableBufferPointer { lp in
      margins.withUnsafeMutableBufferPointer { mp in
        let l = SharedBuffer(lp)
        let m = SharedBuffer(mp)
        parallelFor(matrix.rows, threads: threads) { r in
          let d = self.predict(matrix[row: r])
          l[r] = d.class
          m[r] = d.margin
        }
      }
    }
    return zip(labels, margins).map { ($0, $1) }
  }

  /// Fraction of rows of `matrix` whose predicted class equals `labels[row]`.
  public func accuracy(on matrix: SparseFeatureMatrix, labels: [Int], threads: Int = defaultThreadCount) -> Double {
    precondition(labels.count == matrix.rows, "\(labels.count) labels for \(matrix.rows) rows")
    if labels.isEmpty { return 0 }
    let predicted = predict(matrix, threads: threads)
    var hits = 0
    for (p, y) in zip(predicted, labels) where p.class == y { hits += 1 }
    return Double(hits) / Double(labels.count)
  }
}
