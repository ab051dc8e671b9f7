import Foundation
import Testing
@testable import FirstSpike

/// Cross-check against scikit-learn's `LinearSVC` (which wraps LIBLINEAR) on a fixed 60×8,
/// 3-class problem: `Fixtures/svm/sklearn_linearsvc.json`, made once by
/// `make_sklearn_fixture.py` (tol = 1e-9). The primal optimum `w` is unique, so both solvers
/// must reach it whatever their coordinate order: weights and biases within 1e-5 (seen: < 2e-6).
@Suite struct LinearSVMSklearnTests {
  struct Fixture: Decodable {
    struct Case: Decodable {
      var loss: String
      var C: Double
      var weights: [[Double]]
      var bias: [Double]
      var trainAccuracy: Double
    }
    var classes: Int
    var dimension: Int
    var x: [[Float]]
    var y: [Int]
    var cases: [Case]
  }

  static func fixture() throws -> Fixture {
    let url = try #require(Bundle.module.url(
      forResource: "sklearn_linearsvc", withExtension: "json", subdirectory: "Fixtures/svm"))
    return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
  }

  @Test func matchesScikitLearnLinearSVC() throws {
    let f = try Self.fixture()
    let x = SparseFeatureMatrix(denseRows: f.x, dimension: f.dimension)
    #expect(f.cases.count == 2)
    for c in f.cases {
      let loss: SVMLoss = c.loss == "hinge" ? .hinge : .squaredHinge
      let p = LinearSVMTrainer.Parameters(loss: loss, cost: c.C, tolerance: 1e-7, maxIterations: 1_000_000)
      var trainer = LinearSVMTrainer(parameters: p, classes: f.classes, matrix: x, labels: f.y)
      let finished = trainer.run(on: x, labels: f.y)
      #expect(finished)
      let svm = trainer.model()
      for k in 0..<f.classes {
        for (j, (ours, theirs)) in zip(svm.weightVector(ofClass: k), c.weights[k]).enumerated() {
          #expect(abs(Double(ours) - theirs) < 1e-5, "\(c.loss) class \(k) w[\(j)]: \(ours) vs \(theirs)")
        }
        #expect(abs(Double(svm.bias(ofClass: k)) - c.bias[k]) < 1e-5, "\(c.loss) class \(k) bias")
      }
      #expect(abs(svm.accuracy(on: x, labels: f.y) - c.trainAccuracy) < 1e-9, "\(c.loss) accuracy")
    }
  }
}
