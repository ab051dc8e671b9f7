/// Trains a one-vs-rest linear SVM (LIBLINEAR `-s 1`/`-s 3` with `-B`) by dual coordinate
/// descent, resumably: the trainer is a value whose whole state is plain data (`Codable`), so
/// a run stopped at an outer-iteration boundary, saved, restored and continued ends with the
/// bit-identical model of an uninterrupted run.
///
/// One ``DualCoordinateDescent`` per class (class `k` positive, all others negative), each with
/// its own permutation generator seeded from `parameters.seed`, so the classes are independent
/// problems: training them one after another or in parallel gives the same weights, and so does
/// stopping and resuming at any point.
///
/// Unlike LIBLINEAR, two classes also train two weight vectors (scores stay comparable).
///
/// ```swift
/// var trainer = LinearSVMTrainer(parameters: .init(cost: 2.4), classes: 10, matrix: x, labels: y)
/// while !trainer.run(on: x, labels: y, until: { timeIsUp() }) { save(trainer) }
/// let svm = trainer.model()
/// ```
public struct LinearSVMTrainer: Sendable, Codable, Equatable {
  public let parameters: Parameters
  /// Number of classes; labels are `0..<classes`.
  public let classes: Int
  /// Features per sample.
  public let dimension: Int
  /// Number of training samples.
  public let rows: Int
  /// Fingerprint of the training data (``trainingDataFingerprint(_:labels:)``).
  public let dataFingerprint: UInt64
  /// One solver per class, `solvers[k].positiveClass == k`.
  public internal(set) var solvers: [DualCoordinateDescent]

  /// A fresh trainer for `matrix` and `labels` (each in `0..<classes`).
  public init(parameters: Parameters, classes: Int, matrix: SparseFeatureMatrix, labels: [Int]) {
    precondition(classes >= 2, "one-vs-rest needs at least 2 classes, got \(classes)")
    precondition(labels.count == matrix.rows, "\(labels.count) labels for \(matrix.rows) rows")
    if let bad = labels.first(where: { !(0..<classes).contains($0) }) {
      preconditionFailure("label \(bad) outside 0..<\(classes)")
    }
    self.parameters = parameters
    self.classes = classes
    self.dimension = matrix.dimension
    self.rows = matrix.rows
    self.dataFingerprint = trainingDataFingerprint(matrix, labels: labels)
    var seeds = SplitMix64(seed: parameters.seed)
    solvers = (0..<classes).map { k in
      DualCoordinateDescent(positiveClass: k, rows: matrix.rows, dimension: matrix.dimension, seed: seeds.next())
    }
  }

  /// Whether every class has converged or hit the iteration limit.
  public var isFinished: Bool { solvers.allSatisfy(\.isFinished) }

  /// Total outer iterations done over all classes.
  public var iterations: Int { solvers.reduce(0) { $0 + $1.iterations } }

  /// Throws unless `matrix`/`labels` are the data this trainer started on.
  public func checkCompatible(with matrix: SparseFeatureMatrix, labels: [Int]) throws(ReadoutError) {
    guard matrix.rows == rows, matrix.dimension == dimension, labels.count == rows else {
      throw .trainingDataShape(expected: "\(rows)×\(dimension)", actual: "\(labels.count) labels, \(matrix.rows)×\(matrix.dimension)")
    }
    let actual = trainingDataFingerprint(matrix, labels: labels)
    guard actual == dataFingerprint else {
      throw .trainingDataFingerprint(expected: dataFingerprint, actual: actual)
    }
  }

  /// Trains the classes one after another until all are done or `shouldStop()` returns true;
  /// `shouldStop` is asked before every outer iteration.
  ///
  /// - Precondition: `matrix` and `labels` are the data given to `init` (checked by fingerprint;
  ///   call ``checkCompatible(with:labels:)`` first to get an error instead of a trap).
  /// - Returns: whether training is finished.
  /// - Complexity: O(nnz) per outer iteration and class.
  @discardableResult
  public mutating func run(on matrix: SparseFeatureMatrix, labels: [Int], until shouldStop: () -> Bool = { false }) -> Bool {
    let problem = makeProblem(matrix, labels)
    for k in 0..<classes {
      while !solvers[k].isFinished {
        if shouldStop() { return false }
        solvers[k].iterate(problem)
      }
    }
    return true
  }

  /// Trains the unfinished classes concurrently (`parallelFor` over classes), each until done
  /// or until `shouldStop()` (asked before each of its outer iterations). Gives the same
  /// weights as ``run(on:labels:until:)``.
  /// - Returns: whether training is finished.
  @discardableResult
  public mutating func runParallel(
    on matrix: SparseFeatureMatrix, labels: [Int], threads: Int = defaultThreadCount,
    until shouldStop: @Sendable () -> Bool = { false }
  ) -> Bool {
    let problem = makeProblem(matrix, labels)
    let pending = solvers.indices.filter { !solvers[$0].isFinished }
    solvers.withUnsafeMutableBufferPointer { buffer in
      let shared = SharedBuffer(buffer)
      parallelFor(pending.count, threads: threads) { n in
        let k = pending[n]
        while !shared[k].isFinished && !shouldStop() {
          shared.base[k].iterate(problem)
        }
      }
    }
    return isFinished
  }

  /// The model from the current weights (the trained model once ``isFinished``):
  /// `w_k` rounded to Float, bias `b_k = w_{k,B} · B`.
  public func model() -> LinearSVM {
    var weights = [Float](repeating: 0, count: classes * (dimension + 1))
    for (k, solver) in solvers.enumerated() {
      for j in 0..<dimension { weights[k * (dimension + 1) + j] = Float(solver.w[j]) }
      weights[k * (dimension + 1) + dimension] = Float(solver.w[dimension] * parameters.bias)
    }
    return LinearSVM(classes: classes, dimension: dimension, weights: weights)
  }

  private func makeProblem(_ matrix: SparseFeatureMatrix, _ labels: [Int]) -> DualProblem {
    do {
      try checkCompatible(with: matrix, labels: labels)
    } catch {
      preconditionFailure(error.description)
    }
    return DualProblem(matrix: matrix, labels: labels, parameters: parameters)
  }
}
