import Foundation
import Testing
@testable import FirstSpike

/// Determinism of the trainer: interrupted + saved + restored runs, parallel class training,
/// and binary vs. explicit-value storage all give bit-identical weights.
@Suite struct LinearSVMTrainerResumeTests {
  static let parameters = LinearSVMTrainer.Parameters(cost: 2.4, tolerance: 1e-3, seed: 42)

  static func data() -> (SparseFeatureMatrix, [Int]) {
    SVMTestData.noisyBlocks(seed: 5, classes: 4, perClass: 25, dimension: 24, dropout: 0.5)
  }

  static func uninterrupted() -> LinearSVMTrainer {
    let (x, y) = data()
    var t = LinearSVMTrainer(parameters: parameters, classes: 4, matrix: x, labels: y)
    t.run(on: x, labels: y)
    return t
  }

  /// Stop after N outer iterations, JSON-encode, decode, continue (repeatedly): the final
  /// state, including every α, w, permutation and RNG state, equals the uninterrupted one.
  @Test(arguments: [1, 3, 17])
  func resumeIsBitIdentical(every n: Int) throws {
    let (x, y) = Self.data()
    let reference = Self.uninterrupted()
    #expect(reference.iterations > 3 * n, "too few iterations (\(reference.iterations)) to test")
    var trainer = LinearSVMTrainer(parameters: Self.parameters, classes: 4, matrix: x, labels: y)
    var stops = 0
    while true {
      var asked = 0
      let finished = trainer.run(on: x, labels: y) {
        asked += 1
        return asked > n
      }
      if finished { break }
      stops += 1
      let saved = try JSONEncoder().encode(trainer)
      trainer = try JSONDecoder().decode(LinearSVMTrainer.self, from: saved)
      try trainer.checkCompatible(with: x, labels: y)
    }
    #expect(stops >= 1)
    let same = trainer == reference
    #expect(same, "every \(n) iterations, \(stops) stops")
    #expect(trainer.model().weights.map(\.bitPattern) == reference.model().weights.map(\.bitPattern))
  }

  /// Rebuilding a half-trained trainer field by field (as a binary checkpoint would) and
  /// continuing gives the uninterrupted result.
  @Test func restoreFromFieldsIsBitIdentical() {
    let (x, y) = Self.data()
    var half = LinearSVMTrainer(parameters: Self.parameters, classes: 4, matrix: x, labels: y)
    var asked = 0
    let halfFinished = half.run(on: x, labels: y) {
      asked += 1
      return asked > 300
    }
    #expect(!halfFinished && half.iterations == 300)
    var restored = LinearSVMTrainer(
      parameters: half.parameters, classes: half.classes, dimension: half.dimension, rows: half.rows,
      dataFingerprint: half.dataFingerprint,
      solvers: half.solvers.map { s in
        DualCoordinateDescent(
          positiveClass: s.positiveClass, alpha: s.alpha, w: s.w, order: s.order, activeSize: s.activeSize,
          shrinkAbove: s.shrinkAbove, shrinkBelow: s.shrinkBelow, iterations: s.iterations, rng: s.rng,
          status: s.status, lastGap: s.lastGap)
      })
    let finished = restored.run(on: x, labels: y)
    #expect(finished)
    let same = restored == Self.uninterrupted()
    #expect(same)
  }

  /// Classes trained concurrently, and stopped at arbitrary points by a shared counter, end
  /// with the serial result.
  @Test(arguments: [5, 1_000_000])
  func parallelEqualsSerial(stopAfter limit: Int) {
    let (x, y) = Self.data()
    var trainer = LinearSVMTrainer(parameters: Self.parameters, classes: 4, matrix: x, labels: y)
    var rounds = 0
    while !trainer.runParallel(on: x, labels: y, threads: 2, until: StopAfter(limit).callAsFunction) {
      rounds += 1
    }
    let same = trainer == Self.uninterrupted()
    #expect(same, "stop after \(limit) asks, \(rounds) rounds")
  }

  /// A binary matrix and the same matrix with every value stored as 1.0 train the same model.
  @Test func binaryAndExplicitValuesTrainTheSameModel() {
    let (x, y) = Self.data()
    let valued = x.withExplicitValues()
    #expect(valued.values != nil && x.values == nil)
    var a = LinearSVMTrainer(parameters: Self.parameters, classes: 4, matrix: x, labels: y)
    var b = LinearSVMTrainer(parameters: Self.parameters, classes: 4, matrix: valued, labels: y)
    a.run(on: x, labels: y)
    b.run(on: valued, labels: y)
    let sameModel = a.model() == b.model()
    let sameState = a.solvers == b.solvers
    #expect(sameModel && sameState)
  }

  /// Resuming on other data is refused with an error naming both fingerprints.
  @Test func resumeOnOtherDataIsRefused() {
    let (x, y) = Self.data()
    let trainer = LinearSVMTrainer(parameters: Self.parameters, classes: 4, matrix: x, labels: y)
    var otherLabels = y
    otherLabels.swapAt(0, 1)
    #expect(throws: ReadoutError.self) { try trainer.checkCompatible(with: x, labels: otherLabels) }
    let small = SVMTestData.noisyBlocks(seed: 5, classes: 4, perClass: 5, dimension: 24, dropout: 0.5)
    do {
      try trainer.checkCompatible(with: small.0, labels: small.1)
      Issue.record("no error for a 20-row matrix")
    } catch {
      #expect(error.description == "svm trainer: training data is 20 labels, 20×24, the saved trainer expects 100×24")
    }
  }
}
