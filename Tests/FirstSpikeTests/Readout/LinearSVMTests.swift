import Testing
@testable import FirstSpike

@Suite struct LinearSVMTests {
  /// Three classes over 3 features: w_0 = (1, 0, 0), b_0 = 0; w_1 = (0, 2, 0), b_1 = −1;
  /// w_2 = (0.5, 0.5, 0.5), b_2 = 0.25.
  static let svm = LinearSVM(classes: 3, dimension: 3, weights: [1, 0, 0, 0, 0, 2, 0, -1, 0.5, 0.5, 0.5, 0.25])

  @Test func scoresAndMargin() {
    let x = SparseFeatureMatrix(denseRows: [[1, 1, 0], [0, 0, 1], [2, 0, 2]], dimension: 3)
    #expect(Self.svm.scores(x[row: 0]) == [1, 1, 1.25])
    #expect(Self.svm.scores(x[row: 1]) == [0, -1, 0.75])
    #expect(Self.svm.scores(x[row: 2]) == [2, -1, 2.25])
    #expect(Self.svm.scores(dense: [2, 0, 2]) == [2, -1, 2.25])
    let p = Self.svm.predict(x[row: 0])
    #expect(p.class == 2 && p.margin == 0.25)
    let q = Self.svm.predict(x[row: 1])
    #expect(q.class == 2 && q.margin == 0.75)
    #expect(Self.svm.bias(ofClass: 1) == -1)
    #expect(Array(Self.svm.weightVector(ofClass: 2)) == [0.5, 0.5, 0.5])
  }

  /// Ties go to the lowest class, with margin 0.
  @Test func tiesGoToLowestClass() {
    let d = LinearSVM.decide([3, 5, 5, 1])
    #expect(d.class == 1 && d.margin == 0)
    #expect(LinearSVM.decide([-2, -7]) == (0, 5))
  }

  /// Batch prediction over 2 threads equals row-by-row prediction, on a random model.
  @Test func batchPredictEqualsSerial() {
    var rng = SplitMix64(seed: 31)
    let weights = (0..<(10 * 51)).map { _ in Float(rng.nextNormal()) }
    let svm = LinearSVM(classes: 10, dimension: 50, weights: weights)
    let (x, labels) = SVMTestData.blocks(seed: 31, classes: 10, perClass: 20, dimension: 50)
    let batch = svm.predict(x, threads: 2)
    let serial = svm.predict(x, threads: 1)
    #expect(batch.count == 200)
    for r in 0..<x.rows {
      let one = svm.predict(x[row: r])
      #expect(batch[r] == one && serial[r] == one, "row \(r), seed 31")
    }
    let hits = (0..<x.rows).filter { batch[$0].class == labels[$0] }.count
    #expect(svm.accuracy(on: x, labels: labels) == Double(hits) / 200)
  }
}
