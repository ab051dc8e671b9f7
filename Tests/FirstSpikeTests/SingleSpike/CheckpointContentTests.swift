import FirstSpikeTestSupport
import Foundation
import Testing

@testable import FirstSpike

/// What a checkpoint holds is checked against its spec: a crafted file whose container is
/// perfect (valid zstd frame and checksum) is refused in one line naming the file.
@Suite struct CheckpointContentTests {
  static let record = DataRecord(kind: "mnist", path: "datasets/mnist", classNames: MNIST.classNames)

  /// Writes the archive of `model` after `edit` and loads it as any model.
  func load(_ model: SingleSpikeModel, editing edit: (inout CheckpointArchive) throws -> Void) throws -> (String, String?) {
    let path = temporaryPath("crafted.fspk")
    var archive = try model.archive()
    try edit(&archive)
    try archive.write(to: path)
    do {
      _ = try ModelRegistry.load(path: path)
      return (path, nil)
    } catch let error as any FirstSpikeError {
      #expect(!error.description.contains("\n"))
      return (path, error.description)
    }
  }

  var tiny: SingleSpikeModel { SingleSpikeModel(spec: TinyModels.mozafari, seed: 3, data: Self.record) }

  @Test func nonFiniteWeightsAreRefused() throws {
    var w = tiny.weights[1].canonical()
    w[17] = .nan
    let (path, message) = try load(tiny) { $0.setTensor(CheckpointTensor(name: "layer2.weight", shape: [24, 12, 3, 3], floats: w)) }
    #expect(message == "\(path): tensor 'layer2.weight': element 17 is nan, weights must be finite")
    var best = tiny.weights[2].canonical()
    best[0] = -.infinity
    let (path2, message2) = try load(tiny) { $0.setTensor(CheckpointTensor(name: "layer3.best", shape: [40, 24, 6, 6], floats: best)) }
    #expect(message2 == "\(path2): tensor 'layer3.best': element 0 is -inf, weights must be finite")
  }

  /// The out-of-bounds read: an SVM narrower than the feature vector.
  @Test func svmNarrowerThanTheFeaturesIsRefused() throws {
    var m = SingleSpikeModel(spec: TinyModels.kheradpisheh, seed: 1, data: Self.record)
    let dimension = try #require(m.spec.svmFeatureDimension)
    m.svm = LinearSVM(classes: 10, dimension: 100, weights: [Float](repeating: 0.5, count: 10 * 101))
    let (path, message) = try load(m) { _ in }
    #expect(message == "\(path): tensor 'svm.weight' has shape [10, 101], expected [10, \(dimension + 1)]")
    m.svm = LinearSVM(classes: 10, dimension: dimension, weights: [Float](repeating: 0.5, count: 10 * (dimension + 1)))
    let (_, accepted) = try load(m) { _ in }
    #expect(accepted == nil)
  }

  @Test func resumeStateOutOfRangeIsRefused() throws {
    func with(_ edit: (inout StageProgress) -> Void) throws -> (String, String?) {
      var m = tiny
      var p = StageProgress(stage: 1, trainingImages: 50, passes: 2, features: 12, training: m.spec.layers[0].training, seed: 3)
      edit(&p)
      m.training[stage: 1] = p
      return try load(m) { _ in }
    }
    let (p1, past) = try with { $0.position = 50 }
    #expect(past == "\(p1): blob 'training': stages[0]: position 50 outside the pass of 50 images")
    let (p2, empty) = try with { $0.rates = [] }
    #expect(empty == "\(p2): blob 'training': stages[0]: rates: 0 rate pairs for 12 features")
    let (p3, done) = try with { $0.passesDone = 3 }
    #expect(done == "\(p3): blob 'training': stages[0]: passesDone 3 outside 0...2")
    let (p4, counts) = try with { $0.batch.correct = .max }
    #expect(counts == "\(p4): blob 'training': stages[0]: batch: outcome counts outside 0...281474976710656")
    let (p6, stage) = try with { $0.stage = 2 }
    #expect(stage == "\(p6): blob 'training': stages[0]: stage 2 recorded as stage 1")
    var m = tiny
    m.training.data.trainFraction = 2
    let (p7, fraction) = try load(m) { _ in }
    #expect(fraction == "\(p7): blob 'training': data: trainFraction 2.0 must lie strictly between 0 and 1")
  }

  @Test func savedSolverIsCheckedAgainstTheSpec() throws {
    var m = SingleSpikeModel(spec: TinyModels.kheradpisheh, seed: 1, data: Self.record)
    let dimension = try #require(m.spec.svmFeatureDimension)
    let rows = 6
    var matrix = SparseFeatureMatrix(dimension: dimension)
    for r in 0..<rows { matrix.append(columns: [Int32(r)]) }
    let labels = (0..<rows).map { $0 % 3 }
    m.svmTrainer = LinearSVMTrainer(parameters: .init(cost: 1), classes: 3, matrix: matrix, labels: labels)
    let (_, accepted) = try load(m) { _ in }
    #expect(accepted == nil)
    var narrow = SparseFeatureMatrix(dimension: 7)
    for _ in 0..<rows { narrow.append(columns: [Int32(1)]) }
    m.svmTrainer = LinearSVMTrainer(parameters: .init(cost: 1), classes: 3, matrix: narrow, labels: labels)
    let (path, message) = try load(m) { _ in }
    #expect(message == "\(path): blob 'svm-trainer': a solver of 7 features for a model of \(dimension)")
    // A solver whose sample order is no permutation (decoded, not built: Codable bypasses the
    // initializers' preconditions).
    m.svmTrainer = LinearSVMTrainer(parameters: .init(cost: 1), classes: 3, matrix: matrix, labels: labels)
    let (path2, message2) = try load(m) { archive in
      var json = String(decoding: try archive.blob(named: "svm-trainer"), as: UTF8.self)
      json = json.replacingOccurrences(of: "\"order\":[0,1,2,3,4,5]", with: "\"order\":[0,1,2,3,4,9]")
      archive.setBlob(CheckpointBlob(name: "svm-trainer", bytes: Array(json.utf8)))
    }
    #expect(message2 == "\(path2): blob 'svm-trainer': solvers[0]: order is not a permutation of 0..<6")
  }

  /// The SVM scores read the weights through an unchecked pointer: a feature row outside the
  /// SVM's dimension is a precondition failure, never a read past the buffer. (Checked here on
  /// the guard itself: rows made by the library always fit.)
  @Test func svmRowGuard() {
    let svm = LinearSVM(classes: 2, dimension: 3, weights: [Float](repeating: 1, count: 8))
    #expect(svm.scores(SparseFeatureMatrix.Row(columns: [0, 2], values: nil)) == [3, 3])
  }
}
