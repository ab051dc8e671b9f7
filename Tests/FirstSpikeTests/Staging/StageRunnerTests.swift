import FirstSpike
import FirstSpikeTestSupport
import Foundation
import Testing

/// The shared stage runner, driven with a minimal model kind (``CountingModel``).
@Suite struct StageRunnerTests {
  func train(_ m: inout CountingModel, stage: Int = 1, images: Int = 10, resume: Bool = false, saveEvery: Int = 10_000,
             path: String, stopAfter: Int? = nil, saves: inout Int) throws -> Bool {
    var polls = 0
    var count = 0
    defer { saves += count }
    return try StageRunner.train(
      &m, stage: stage, data: CountingModel.images(images), test: nil, path: path, resume: resume,
      options: StageOptions(passes: 2, saveEvery: saveEvery),
      shouldStop: { polls += 1; return stopAfter.map { polls > $0 } ?? false },
      report: { if case .saved = $0 { count += 1 } })
  }

  @Test func savesAfterEveryChunkAndPassEnd() throws {
    let path = temporaryPath("count.fspk")
    var m = CountingModel(), saves = 0
    #expect(try train(&m, saveEvery: 4, path: path, saves: &saves))
    // Each pass of 10 images: chunks of 4, 4, 2 (never across a pass end); 2 passes.
    #expect(saves == 6)
    #expect(m.state.sum == 2 * 45 && m.state.passesDone == 2)
    let loaded = try #require(try ModelRegistry.openForTests(path, as: CountingModel.self))
    #expect(loaded.state == m.state)
  }

  /// `--stop-after N` trains exactly N images whatever the chunk size, and the saved run
  /// resumes to the same end state as an uninterrupted one.
  @Test(arguments: [1, 3, 4, 7, 13]) func stopsExactlyAndResumes(stopAfter: Int) throws {
    let path = temporaryPath("count.fspk")
    var m = CountingModel(), saves = 0
    #expect(try train(&m, saveEvery: 4, path: path, stopAfter: stopAfter, saves: &saves) == false)
    var resumed = try #require(try ModelRegistry.openForTests(path, as: CountingModel.self))
    #expect(resumed.trainedImages == stopAfter)
    #expect(try train(&resumed, resume: true, saveEvery: 4, path: path, saves: &saves))
    var straight = CountingModel()
    #expect(try train(&straight, path: temporaryPath("straight.fspk"), saves: &saves))
    #expect(resumed.state == straight.state)
  }

  @Test func refusesImpossibleStarts() throws {
    let path = temporaryPath("count.fspk")
    var m = CountingModel(), saves = 0
    #expect(throws: StageError.noSuchStage(path: path, stage: 3, stages: 2)) { try train(&m, stage: 3, path: path, saves: &saves) }
    #expect(throws: StageError.needsEarlierStage(path: path, stage: 2, completed: 0)) { try train(&m, stage: 2, path: path, saves: &saves) }
    #expect(throws: StageError.nothingToResume(path: path, stage: 1)) { try train(&m, resume: true, path: path, saves: &saves) }
    #expect(try train(&m, path: path, stopAfter: 5, saves: &saves) == false)
    #expect(throws: StageError.dataChanged(path: path, stage: 1, started: 10, now: 9)) {
      try train(&m, images: 9, resume: true, path: path, saves: &saves)
    }
    #expect(try train(&m, resume: true, path: path, saves: &saves))
    #expect(throws: StageError.alreadyFinished(path: path, stage: 1)) { try train(&m, resume: true, path: path, saves: &saves) }
    // A one-step stage cannot be resumed, and is not saved when stopped.
    #expect(throws: StageError.nothingToResume(path: path, stage: 2)) { try train(&m, stage: 2, resume: true, path: path, saves: &saves) }
    let before = saves
    #expect(try train(&m, stage: 2, path: path, stopAfter: 0, saves: &saves) == false)
    #expect(saves == before && m.state.total == nil)
    #expect(try train(&m, stage: 2, path: path, saves: &saves))
    #expect(m.state.total == 90 && m.completedStages == 2)
  }

  /// The test split gets the training data's checks (it is cached and scored too): a label
  /// outside its classes is refused before the stage starts, and nothing is saved.
  @Test func refusesATestSplitOutsideItsClasses() throws {
    let path = temporaryPath("count-test.fspk")
    var m = CountingModel()
    var test = CountingModel.images(3)
    test.labels[1] = 7
    #expect(throws: StageError.dataMismatch(path: path, reason: "the test data has label 7, outside its 2 classes")) {
      try StageRunner.train(&m, stage: 1, data: CountingModel.images(10), test: test, path: path, resume: false,
                            options: StageOptions(passes: 2), shouldStop: { false }, report: { _ in })
    }
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}

extension ModelRegistry {
  /// Reads a checkpoint of a test-only kind (the registry lists the shipped kinds only).
  static func openForTests<M: Model>(_ path: String, as type: M.Type) throws -> M? {
    let archive = try CheckpointArchive.load(from: path)
    return try ModelKind.marked(in: archive) == M.kind ? M(archive: archive) : nil
  }
}
