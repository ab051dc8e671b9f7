import FirstSpikeTestSupport
import Foundation
import Testing
@testable import FirstSpike

/// Rate-coded checkpoints: exact round trips through files, stage 1 interrupted and resumed
/// through files is bit-identical to an uninterrupted run, stage rules, stage 2's labels and
/// accuracies equal the library's, and kind mix-ups give one line.
@Suite struct RateCodedModelTests {
  static let record = DataRecord(kind: "mnist", path: "synthetic", classNames: (0..<10).map(String.init))

  /// 12 synthetic images, 8 neurons, 40 ms presentations (as `DiehlCook2015Tests`).
  static func fresh(seed: UInt64 = 3) -> RateCodedModel {
    var spec = DiehlCook2015Spec.diehlCook2015(neurons: 8)
    spec.time = 40
    spec.intensity = 255
    spec.minSpikes = 2
    return RateCodedModel(spec: spec, seed: seed, data: record)
  }

  static let data = SyntheticDigits.make(count: 12, seed: 21)

  /// Stage 1 over 2 passes, saved every 5 images; when `stopAfter` is set, stopped after that
  /// many images, then loaded from the file and resumed. Returns the final file's contents.
  static func stage1(stopAfter: Int?) throws -> RateCodedModel {
    let path = temporaryPath("rate.fspk")
    var c = fresh()
    var polls = 0
    let finished = try c.train(stage: 1, data: data, test: nil, path: path, resume: false, passes: 2, saveEvery: 5,
                               shouldStop: { polls += 1; return stopAfter.map { polls > $0 } ?? false }, report: { _ in })
    #expect(finished == (stopAfter == nil))
    if stopAfter != nil {
      var loaded = try RateCodedModel.load(path: path)
      #expect(loaded.training.stage1?.imagesSeen == stopAfter)
      #expect(try loaded.train(stage: 1, data: data, test: nil, path: path, resume: true, saveEvery: 5,
                               shouldStop: { false }, report: { _ in }))
    }
    return try RateCodedModel.load(path: path)
  }

  @Test(arguments: [5, 12, 17])
  func resumeThroughFilesIsBitIdentical(stopAfter: Int) throws {
    let full = try Self.stage1(stopAfter: nil), resumed = try Self.stage1(stopAfter: stopAfter)
    let same = full.model == resumed.model  // (not inside #expect: it would print every weight)
    #expect(same, "stopped after \(stopAfter)")
    let a = try #require(full.training.stage1), b = try #require(resumed.training.stage1)
    #expect(a.generator == b.generator && a.passGenerator == b.passGenerator, "stopped after \(stopAfter)")
    #expect(a.imagesSeen == 24 && b.imagesSeen == 24 && a.passesDone == 2 && b.passesDone == 2)
    #expect(a.passSpikes == b.passSpikes && a.passPresentations == b.passPresentations)
    #expect(a.history.map(\.pass) == [1, 2] && b.history.map(\.pass) == [1, 2])
    let initial = RateCodedModel.initialModel(spec: full.spec, seed: 3)
    let learned = full.model.weights != initial.weights && full.model.theta.contains { $0 > 0 }
    #expect(learned, "nothing learned")
  }

  /// Stage 2's labels and test accuracy are the library's; the file round trip is exact.
  @Test func stage2AndRoundTrip() throws {
    let path = temporaryPath("rate.fspk")
    var c = Self.fresh()
    let test = SyntheticDigits.make(count: 10, seed: 9)
    #expect(try c.train(stage: 1, data: Self.data, test: nil, path: path, resume: false, shouldStop: { false }, report: { _ in }))
    #expect(c.completedStages == 1)
    #expect(try c.train(stage: 2, data: Self.data, test: test, path: path, resume: false, shouldStop: { false }, report: { _ in }))
    #expect(c.completedStages == 2)
    let labels = c.model.assignLabels(Self.data, seed: c.labellingSeed)
    #expect(c.assignment == labels)
    let e = c.model.evaluate(test, assignment: labels, seed: c.evaluationSeed)
    let record = try #require(c.training.stage2)
    #expect(record.testImages == 10 && record.labellingImages == 12 && record.afterImages == 12)
    #expect(record.testAccuracy == RateCodedAccuracy(e))
    #expect(record.neuronsPerClass.reduce(0, +) + record.unassigned == 8)
    #expect(c.training.history == [record])

    let loaded = try RateCodedModel.load(path: path)
    #expect(loaded == c)
    #expect(try loaded.archive() == c.archive())
    let bytes = try CheckpointArchive.load(from: path)
    #expect(bytes.tensors.map(\.name) == ["exc.weight", "exc.theta"])
    #expect(bytes.tensors[0].shape == [784, 8] && bytes.tensors[1].shape == [8])
    #expect(bytes.blobs.map(\.name) == ["kind", "rate-spec", "rate-training", "assignment"])

    // Classification: the proportion-weighting decision, whose scores' argmax it is.
    for k in 0..<test.count {
      let r = c.classify(test.images[k], assignment: labels)
      var g = DiehlCook2015.imageGenerator(seed: c.evaluationSeed, index: 0)
      let counts = c.model.respond(to: test.images[k].pixels, generator: &g).excitatory.spikeCounts()
      #expect((r.label ?? -1) == labels.predictProportionWeighting(counts), "image \(k)")
      #expect(r.margin >= 0 && r.scores.count == 10)
    }

    // Restarting stage 1 is refused without --retrain (it would discard both stages), and
    // with it forgets stage 2 and its history, keeping the file as a backup.
    #expect(throws: StageError.wouldDiscard(path: path, stage: 1, saved: ["stage 1 finished", "stage 2 finished"])) {
      try c.train(stage: 1, data: Self.data, test: nil, path: path, resume: false, shouldStop: { true }, report: { _ in })
    }
    #expect(try RateCodedModel.load(path: path) == loaded)
    #expect(try c.train(stage: 1, data: Self.data, test: nil, path: path, resume: false, retrain: true, shouldStop: { true }, report: { _ in }) == false)
    #expect(try RateCodedModel.load(path: path + ".bak") == loaded)
    #expect(c.assignment == nil && c.training.stage2 == nil && c.training.history.isEmpty && c.completedStages == 0)
  }

  @Test func stageRules() throws {
    let path = temporaryPath("rate.fspk")
    var c = Self.fresh()
    func train(_ stage: Int, resume: Bool = false, data: LabeledImages = Self.data) throws {
      _ = try c.train(stage: stage, data: data, test: nil, path: path, resume: resume, shouldStop: { false }, report: { _ in })
    }
    #expect(throws: StageError.noSuchStage(path: path, stage: 3, stages: 2)) { try train(3) }
    #expect(throws: StageError.needsEarlierStage(path: path, stage: 2, completed: 0)) { try train(2) }
    #expect(throws: StageError.nothingToResume(path: path, stage: 1)) { try train(1, resume: true) }
    var polls = 0
    _ = try c.train(stage: 1, data: Self.data, test: nil, path: path, resume: false, shouldStop: { polls += 1; return polls > 4 },
                    report: { _ in })
    #expect(throws: StageError.dataChanged(path: path, stage: 1, started: 12, now: 6)) {
      try train(1, resume: true, data: Self.data.prefix(6))
    }
    #expect(throws: StageError.needsEarlierStage(path: path, stage: 2, completed: 0)) { try train(2) }
    try train(1, resume: true)
    #expect(throws: StageError.alreadyFinished(path: path, stage: 1)) { try train(1, resume: true) }
    #expect(throws: StageError.nothingToResume(path: path, stage: 2)) { try train(2, resume: true) }
  }
}
