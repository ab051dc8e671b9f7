import Testing
@testable import FirstSpike

@Suite struct LinearSVMTrainerTests {
  /// Two 1-D points with the bias feature B = 1: x̂ = (0, 1) of class 0 and x̂ = (2, 1) of
  /// class 1. For "class 1 vs rest":
  /// - hinge, C ≥ 1.5: the hard-margin solution min ½(w² + b²) s.t. b ≤ −1, 2w + b ≥ 1, i.e.
  ///   w = 1, b = −1 (dual α = (1.5, 0.5), so any C ≥ 1.5 gives it);
  /// - squared hinge, C = 1: both points violate the margin, and setting the gradient of
  ///   ½(w² + b²) + (1 + b)² + (1 − 2w − b)² to zero gives 9w + 4b = 4, 4w + 5b = 0, i.e.
  ///   w = 20/29, b = −16/29.
  /// "Class 0 vs rest" is the mirror image (−w, −b).
  @Test(arguments: [(SVMLoss.hinge, 10.0, 1.0, -1.0), (SVMLoss.squaredHinge, 1.0, 20.0 / 29, -16.0 / 29)])
  func twoPointsClosedForm(loss: SVMLoss, cost: Double, w: Double, b: Double) {
    let x = SparseFeatureMatrix(denseRows: [[0], [2]], dimension: 1)
    for shrinking in [true, false] {
      let p = LinearSVMTrainer.Parameters(loss: loss, cost: cost, tolerance: 1e-9, shrinking: shrinking)
      var trainer = LinearSVMTrainer(parameters: p, classes: 2, matrix: x, labels: [0, 1])
      let finished = trainer.run(on: x, labels: [0, 1])
      #expect(finished)
      #expect(trainer.solvers.allSatisfy { $0.status == .converged })
      let svm = trainer.model()
      let tolerance: Float = 1e-6
      #expect(abs(svm.weightVector(ofClass: 1).first! - Float(w)) < tolerance, "\(loss) w \(svm.weights)")
      #expect(abs(svm.bias(ofClass: 1) - Float(b)) < tolerance, "\(loss) b \(svm.weights)")
      #expect(abs(svm.weightVector(ofClass: 0).first! + Float(w)) < tolerance, "\(loss) mirror \(svm.weights)")
      #expect(abs(svm.bias(ofClass: 0) + Float(b)) < tolerance, "\(loss) mirror \(svm.weights)")
    }
  }

  /// One-vs-rest separable data (binary blocks and bounded clusters) is fitted perfectly.
  @Test(arguments: [SVMLoss.hinge, .squaredHinge])
  func separableDataIsFittedPerfectly(loss: SVMLoss) {
    for seed in UInt64(1)...3 {
      let (x, y) = SVMTestData.blocks(seed: seed, classes: 4, perClass: 15, dimension: 30)
      let p = LinearSVMTrainer.Parameters(loss: loss, cost: 10, seed: seed)
      var trainer = LinearSVMTrainer(parameters: p, classes: 4, matrix: x, labels: y)
      trainer.run(on: x, labels: y)
      #expect(trainer.model().accuracy(on: x, labels: y) == 1, "seed \(seed) \(loss)")

      // Clusters 4·e_k + U(−1, 1)^d: class k is the only one with x_k > 1.
      var rng = SplitMix64(seed: seed)
      var dense = SparseFeatureMatrix(dimension: 5)
      var labels: [Int] = []
      for i in 0..<60 {
        let k = i % 5
        dense.append(dense: (0..<5).map { j in Float((j == k ? 4 : 0) + 2 * rng.nextUniform() - 1) })
        labels.append(k)
      }
      var t2 = LinearSVMTrainer(parameters: p, classes: 5, matrix: dense, labels: labels)
      t2.run(on: dense, labels: labels)
      #expect(t2.model().accuracy(on: dense, labels: labels) == 1, "clusters seed \(seed) \(loss)")
    }
  }

  /// Overlapping Gaussian classes N(2.5·e_k, I): on fresh test data the SVM is within 4
  /// points of the Bayes-optimal rule of the generating model (nearest mean), whose accuracy
  /// is measured on the same test set.
  @Test func noisyDataNearBayesAccuracy() {
    for seed in UInt64(10)...12 {
      let train = SVMTestData.gaussians(seed: seed, classes: 3, dimension: 5, count: 600, scale: 2.5)
      let test = SVMTestData.gaussians(seed: seed + 100, classes: 3, dimension: 5, count: 3000, scale: 2.5)
      let x = SparseFeatureMatrix(denseRows: train.rows, dimension: 5)
      let p = LinearSVMTrainer.Parameters(cost: 1, seed: seed)
      var trainer = LinearSVMTrainer(parameters: p, classes: 3, matrix: x, labels: train.labels)
      trainer.run(on: x, labels: train.labels)
      let svmAccuracy = trainer.model().accuracy(
        on: SparseFeatureMatrix(denseRows: test.rows, dimension: 5), labels: test.labels)
      var bayesHits = 0
      for (row, k) in zip(test.rows, test.labels) {
        let nearest = (0..<3).min { a, b in distance2(row, mean: a) < distance2(row, mean: b) }!
        if nearest == k { bayesHits += 1 }
      }
      let bayes = Double(bayesHits) / Double(test.rows.count)
      #expect(bayes > 0.8 && bayes < 0.97, "seed \(seed): Bayes accuracy \(bayes) (classes should overlap)")
      #expect(svmAccuracy >= bayes - 0.04, "seed \(seed): SVM \(svmAccuracy) vs Bayes \(bayes)")
    }
  }

  private func distance2(_ x: [Float], mean k: Int) -> Double {
    x.indices.reduce(0) { s, j in
      let d = Double(x[j]) - (j == k ? 2.5 : 0)
      return s + d * d
    }
  }

  /// At convergence the primal and dual objectives meet: relative duality gap
  /// (P − D)/P ≤ 1e-4 at ε = 1e-5 (weak duality: P ≥ D up to rounding), and the solver's
  /// incrementally updated w equals w(α) recomputed from scratch within 1e-9.
  @Test(arguments: [SVMLoss.hinge, .squaredHinge])
  func dualityGapClosesAtConvergence(loss: SVMLoss) {
    let seed: UInt64 = 7
    let (x, y) = SVMTestData.noisyBlocks(seed: seed, classes: 3, perClass: 30, dimension: 16, dropout: 0.5)
    let p = LinearSVMTrainer.Parameters(loss: loss, cost: 2.4, tolerance: 1e-5, maxIterations: 100_000, seed: seed)
    var trainer = LinearSVMTrainer(parameters: p, classes: 3, matrix: x, labels: y)
    let finished = trainer.run(on: x, labels: y)
    #expect(finished)
    for s in trainer.solvers {
      #expect(s.status == .converged, "class \(s.positiveClass) seed \(seed)")
      let (primal, dual) = SVMTestData.objectives(s, x, y, p)
      let gap = (primal - dual) / primal
      #expect(gap >= -1e-12 && gap <= 1e-4, "class \(s.positiveClass) \(loss): P \(primal) D \(dual)")
      let exact = SVMTestData.primalWeights(s, x, y, bias: 1)
      for j in exact.indices { #expect(abs(exact[j] - s.w[j]) < 1e-9, "w[\(j)] class \(s.positiveClass)") }
    }
  }

  /// Shrinking changes the path but not the optimum: weights agree within 1e-4 at ε = 1e-6.
  @Test func shrinkingReachesTheSameOptimum() {
    let (x, y) = SVMTestData.noisyBlocks(seed: 3, classes: 3, perClass: 30, dimension: 16, dropout: 0.5)
    var models: [LinearSVM] = []
    for shrinking in [true, false] {
      let p = LinearSVMTrainer.Parameters(cost: 2.4, tolerance: 1e-6, maxIterations: 100_000, shrinking: shrinking)
      var trainer = LinearSVMTrainer(parameters: p, classes: 3, matrix: x, labels: y)
      trainer.run(on: x, labels: y)
      models.append(trainer.model())
    }
    for (a, b) in zip(models[0].weights, models[1].weights) { #expect(abs(a - b) < 1e-4, "\(a) vs \(b)") }
  }
}
