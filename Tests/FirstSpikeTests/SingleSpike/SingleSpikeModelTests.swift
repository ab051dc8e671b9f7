import FirstSpikeTestSupport
import Foundation
import Testing
@testable import FirstSpike

/// Training through checkpoint files: save, load, interrupt, resume.
@Suite struct SingleSpikeModelTests {
  static let train = SyntheticDigits.make(count: 60, seed: 21)
  static let test = SyntheticDigits.make(count: 30, seed: 22)
  static let record = DataRecord(kind: "synthetic", path: "<memory>", classNames: (0..<10).map(String.init))

  /// Trains `stages` of `spec` into a fresh file; stage `interrupt.stage` stops after
  /// `interrupt.after` polls, is saved, re-loaded from the file and resumed.
  static func trainStages(_ spec: ModelSpec, _ stages: ClosedRange<Int>, interrupt: (stage: Int, after: Int)?) throws -> SingleSpikeModel {
    let path = temporaryPath("model.fspk")
    var ckpt = SingleSpikeModel(spec: spec, seed: 5, data: record)
    for stage in stages {
      if let interrupt, interrupt.stage == stage {
        var polls = 0
        let finished = try ckpt.train(stage: stage, data: train, test: test, path: path, resume: false,
                                      shouldStop: { polls += 1; return polls > interrupt.after }, report: { _ in })
        #expect(!finished, "stage \(stage) should have been interrupted")
        ckpt = try SingleSpikeModel.load(path: path)
        let done = try ckpt.train(stage: stage, data: train, test: test, path: path, resume: true,
                                  shouldStop: { false }, report: { _ in })
        #expect(done)
      } else {
        let done = try ckpt.train(stage: stage, data: train, test: test, path: path, resume: false,
                                  shouldStop: { false }, report: { _ in })
        #expect(done)
      }
    }
    return try SingleSpikeModel.load(path: path)
  }

  @Test(arguments: [1, 2, 3]) func resumedStageIsBitIdentical(stage: Int) throws {
    let spec = TinyModels.mozafari
    let full = try Self.trainStages(spec, 1...stage, interrupt: nil)
    let resumed = try Self.trainStages(spec, 1...stage, interrupt: (stage, 37 + 60 * (stage == 3 ? 1 : 0)))
    for l in 0..<stage {
      #expect(full.weights[l].storage == resumed.weights[l].storage, "layer \(l + 1)")
    }
    // Everything but wall-clock times is identical.
    #expect(Self.untimed(full.training) == Self.untimed(resumed.training))
    if stage == 3 {
      #expect(full.bestWeights[2]?.storage == resumed.bestWeights[2]?.storage)
      #expect(full.training[stage: 3]?.history.count == 2)
    }
  }

  static func untimed(_ r: TrainingRecord) -> TrainingRecord {
    var r = r
    for i in r.stages.indices {
      r.stages[i]?.seconds = 0
      r.stages[i]?.passSeconds = 0
      for j in (r.stages[i]?.history ?? []).indices { r.stages[i]?.history[j].seconds = 0 }
    }
    r.svm?.seconds = 0
    return r
  }

  @Test func resumedSVMStageIsBitIdentical() throws {
    let spec = TinyModels.kheradpisheh
    let full = try Self.trainStages(spec, 1...3, interrupt: nil)
    let resumed = try Self.trainStages(spec, 1...3, interrupt: (3, 4))
    #expect(full.svm != nil)
    #expect(full.svm == resumed.svm)
    #expect(Self.untimed(full.training) == Self.untimed(resumed.training))
    // The whole network evaluates the same, and the SVM learned something.
    let network = full.inferenceNetwork()
    let report = network.evaluate(Self.train)
    #expect(report.accuracy > 0.3, "train accuracy \(report.accuracy)")
  }

  @Test func roundTripKeepsEverything() throws {
    let path = temporaryPath("rt.fspk")
    var ckpt = SingleSpikeModel(spec: TinyModels.mozafari, seed: 9, data: Self.record)
    _ = try ckpt.train(stage: 1, data: Self.train, test: nil, path: path, resume: false, shouldStop: { false }, report: { _ in })
    let loaded = try SingleSpikeModel.load(path: path)
    #expect(loaded.spec == ckpt.spec)
    #expect(loaded.training == ckpt.training)
    #expect(loaded.weights == ckpt.weights)
    #expect(loaded.completedStages == 1)
  }

  @Test func stageNeedsEarlierStages() throws {
    let path = temporaryPath("order.fspk")
    var ckpt = SingleSpikeModel(spec: TinyModels.mozafari, seed: 1, data: Self.record)
    #expect(throws: StageError.needsEarlierStage(path: path, stage: 2, completed: 0)) {
      try ckpt.train(stage: 2, data: Self.train, test: nil, path: path, resume: false, shouldStop: { false }, report: { _ in })
    }
    #expect(throws: StageError.nothingToResume(path: path, stage: 1)) {
      try ckpt.train(stage: 1, data: Self.train, test: nil, path: path, resume: true, shouldStop: { false }, report: { _ in })
    }
  }

  /// Each kind of damage gives its own error case (one line naming the file), never a crash or
  /// another model: empty, cut inside the preamble or inside the frame, foreign bytes, a
  /// flipped bit in the frame header, in the compressed data and in the checksum, a missing file.
  @Test func corruptCheckpointsAreRejected() throws {
    let path = temporaryPath("good.fspk")
    var ckpt = SingleSpikeModel(spec: TinyModels.mozafari, seed: 2, data: Self.record)
    _ = try ckpt.train(stage: 1, data: Self.train.prefix(10), test: nil, path: path, resume: false,
                       shouldStop: { false }, report: { _ in })
    let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    func flipped(_ offset: Int) -> [UInt8] {
      var b = good
      b[offset] ^= 0x40
      return b
    }
    let bad = temporaryPath("bad.fspk")
    let cases: [(String, [UInt8], CheckpointError)] = [
      ("empty", [], .empty(path: bad)),
      ("cut in the preamble", Array(good[0..<10]), .truncated(path: bad, offset: 10, expected: 16)),
      ("preamble only", Array(good[0..<16]), .truncated(path: bad, offset: 16, expected: nil)),
      ("cut in the frame", Array(good[0..<(good.count / 2)]), .truncated(path: bad, offset: good.count / 2, expected: nil)),
      ("text", Array("hello, not a checkpoint\n".utf8), .notACheckpoint(path: bad)),
      ("png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], .notACheckpoint(path: bad)),
      ("version 2", Array(good[0..<8]) + [2, 0, 0, 0] + Array(good[12...]), .newerFormat(path: bad, version: 2, supported: 1)),
      ("a flag bit", Array(good[0..<12]) + [1, 0, 0, 0] + Array(good[16...]), .unsupportedFlags(path: bad, flags: 1)),
      ("zstd magic", flipped(16), .corrupt(path: bad, reason: "no zstd frame at byte 16")),
      // Without the checksum flag the frame ends 4 bytes earlier: its checksum is left over.
      ("frame header checksum flag", { var b = good; b[20] ^= 0x04; return b }(),
       .trailingData(path: bad, offset: good.count - 4, count: 4)),
      // A flipped bit in the compressed literals still decodes, to other bytes: the checksum catches it.
      ("compressed data", flipped(good.count / 3), .corrupt(path: bad, reason: "Restored data doesn't match checksum")),
      ("checksum", flipped(good.count - 2), .corrupt(path: bad, reason: "Restored data doesn't match checksum")),
      ("a byte appended", good + [0], .trailingData(path: bad, offset: good.count, count: 1)),
    ]
    for (name, bytes, expected) in cases {
      try Data(bytes).write(to: URL(fileURLWithPath: bad))
      do {
        _ = try SingleSpikeModel.load(path: bad)
        Issue.record("\(name): loaded a damaged checkpoint")
      } catch let error as CheckpointError {
        #expect(error == expected, "\(name): \(error.description)")
        #expect(error.description.hasPrefix(bad + ": ") && !error.description.contains("\n"), "\(name)")
      }
    }
    let missing = temporaryPath("missing.fspk")
    #expect(throws: CheckpointError.io(path: missing, operation: "open for reading", errno: ENOENT)) {
      try SingleSpikeModel.load(path: missing)
    }
  }

  /// A tensor whose shape does not match the spec is refused with both shapes named.
  @Test func shapeMismatchIsRejected() throws {
    let path = temporaryPath("shape.fspk")
    let ckpt = SingleSpikeModel(spec: TinyModels.mozafari, seed: 2, data: Self.record)
    var archive = try ckpt.archive()
    var spec = TinyModels.mozafari
    spec.layers[0].outChannels = 13
    spec.layers[1].inChannels = 13
    archive.setBlob(try CheckpointBlob(name: "spec", json: spec))
    try archive.write(to: path)
    #expect(throws: CheckpointError.shapeMismatch(path: path, name: "layer1.weight", actual: [12, 6, 5, 5], expected: [13, 6, 5, 5])) {
      try SingleSpikeModel.load(path: path)
    }
  }

  /// Initial weights drawn in parallel chunks, skipped ahead per layer, or taken from the
  /// model's own first draw are the serial draws, bit for bit.
  @Test func initialWeightsAreTheSerialDraws() {
    let spec = TinyModels.mozafari
    var g = SplitMix64(seed: 9)
    var serial: [[Float]] = []
    for layer in spec.layers {
      serial.append((0..<(layer.outChannels * layer.inChannels * layer.kernel * layer.kernel)).map { _ in
        layer.weightMean + layer.weightStd * Float(g.nextNormal())
      })
    }
    var model = SingleSpikeModel(spec: spec, seed: 9, data: Self.record)
    #expect(model.weights.map { $0.canonical() } == serial)
    for first in 0..<spec.layers.count {
      #expect(model.initialWeights(from: first).mapValues { $0.canonical() } == Dictionary(uniqueKeysWithValues: (first..<3).map { ($0, serial[$0]) }))
    }
    model.initialDraw = nil  // as after loading: drawn again, skipping the earlier layers
    #expect(model.initialWeights(from: 2)[2]?.canonical() == serial[2])
    #expect(model.initialWeights().map { $0.canonical() } == serial)
    let big = ConvWeights(inChannels: 250, outChannels: 200, kernel: 6, mean: 0.8, std: 0.05, generator: &g)
    var h = SplitMix64(seed: 9).advanced(by: 2 * serial.map(\.count).reduce(0, +))
    #expect(big.canonical() == (0..<big.count).map { _ in 0.8 + 0.05 * Float(h.nextNormal()) })
    #expect(g == h)
  }

  /// Skipping ahead knows that a uniform initialisation (S4NN) takes one draw a weight: a
  /// reloaded s4nn or ttfs-cnn model re-draws any layer exactly as a fresh one drew it.
  @Test(arguments: [ModelSpec.s4nn, ModelSpec.ttfsCNN])
  func skippedUniformDrawsMatchTheFreshModel(spec: ModelSpec) {
    var model = SingleSpikeModel(spec: spec, seed: 4, data: Self.record)
    let fresh = model.weights.map { $0.canonical() }
    model.initialDraw = nil
    for first in 0..<spec.layers.count {
      #expect(model.initialWeights(from: first).mapValues { $0.canonical() } == Dictionary(uniqueKeysWithValues: (first..<spec.layers.count).map { ($0, fresh[$0]) }))
    }
  }
}
