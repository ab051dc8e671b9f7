import FirstSpike
import FirstSpikeTestSupport
import Foundation
import Testing

/// What keeps a training run's work safe: one writer per checkpoint, no save over a file
/// replaced meanwhile, no silent restart over trained stages, no temporary files left behind.
@Suite struct TrainingCheckpointTests {
  func train(_ m: inout CountingModel, stage: Int = 1, checkpoint: TrainingCheckpoint, resume: Bool = false,
             retrain: Bool = false, stopAfter: Int? = nil, events: inout [String]) throws -> Bool {
    var polls = 0
    var lines: [String] = []
    defer { events += lines }
    return try StageRunner.train(
      &m, stage: stage, data: CountingModel.images(10), test: nil, checkpoint: checkpoint, resume: resume,
      retrain: retrain, options: StageOptions(passes: 2, saveEvery: 4),
      shouldStop: { polls += 1; return stopAfter.map { polls > $0 } ?? false },
      report: { if case .result(let line) = $0 { lines.append(line) } })
  }

  /// The lock is per open file: a second holder (here in the same process) is refused with the
  /// owner's pid, and the lock file goes away with the lock.
  @Test func secondTrainerIsRefused() throws {
    let path = temporaryPath("locked.fspk")
    do {
      let first = try TrainingCheckpoint(path: path)
      #expect(FileManager.default.fileExists(atPath: path + ".lock"))
      #expect(throws: CheckpointLockError.inUse(path: path, pid: getpid())) { try TrainingCheckpoint(path: path) }
      #expect(CheckpointLockError.inUse(path: path, pid: 42).description == "\(path): in use by another training run (pid 42)")
      withExtendedLifetime(first) {}
    }
    #expect(!FileManager.default.fileExists(atPath: path + ".lock"))
    _ = try TrainingCheckpoint(path: path)
  }

  /// A checkpoint replaced while the run trains is left as it is; the run goes to a side file.
  @Test func replacedCheckpointIsNotOverwritten() throws {
    let path = temporaryPath("replaced.fspk")
    let file = try TrainingCheckpoint(path: path)
    var m = CountingModel(), events: [String] = []
    #expect(try !train(&m, checkpoint: file, stopAfter: 3, events: &events))
    let stranger = Data(repeating: 7, count: 100)  // someone else's file takes the name
    try stranger.write(to: URL(fileURLWithPath: path + ".new"))
    #expect(rename(path + ".new", path) == 0)
    let side = file.sidePath
    #expect(side.hasSuffix(".run-\(getpid()).fspk"))
    #expect(throws: CheckpointReplaced(path: path, savedTo: side)) {
      _ = try train(&m, checkpoint: file, resume: true, events: &events)
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == stranger)
    let saved = try #require(try ModelRegistry.openForTests(side, as: CountingModel.self))
    #expect(saved.trainedImages == 3 + 4)
  }

  /// Starting a stage over that holds training is refused (file untouched) unless `retrain`,
  /// which keeps the file as `.bak` (then `.bak2`) first.
  @Test func mistakenRestartIsRefused() throws {
    let path = temporaryPath("restart.fspk")
    let file = try TrainingCheckpoint(path: path)
    var m = CountingModel(), events: [String] = []
    #expect(try train(&m, checkpoint: file, events: &events))
    #expect(try train(&m, stage: 2, checkpoint: file, events: &events))
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(throws: StageError.wouldDiscard(path: path, stage: 1, saved: ["stage 1 finished", "stage 2 finished"])) {
      try train(&m, checkpoint: file, events: &events)
    }
    #expect(throws: StageError.wouldDiscard(path: path, stage: 2, saved: ["stage 2 finished"])) {
      try train(&m, stage: 2, checkpoint: file, events: &events)
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    #expect(try !train(&m, checkpoint: file, retrain: true, stopAfter: 2, events: &events))
    #expect(events == ["stage 1 starts over (--retrain); the previous checkpoint is kept as \(path).bak"])
    #expect(try Data(contentsOf: URL(fileURLWithPath: path + ".bak")) == before)
    // A saved, unfinished run: refused too; --retrain keeps a second backup.
    #expect(throws: StageError.wouldDiscard(path: path, stage: 1, saved: ["stage 1 at pass 1, image 2"])) {
      try train(&m, checkpoint: file, events: &events)
    }
    #expect(try train(&m, checkpoint: file, retrain: true, events: &events))
    #expect(FileManager.default.fileExists(atPath: path + ".bak2"))
    #expect(StageError.wouldDiscard(path: "m.fspk", stage: 2, saved: ["stage 2 finished", "stage 3 finished"]).description
      == "m.fspk: stage 2 already holds training (stage 2 finished, stage 3 finished); --resume continues an unfinished run, --retrain starts stage 2 over (keeping the current file as a backup)")
  }

  /// Temporary files of a killed write (a pid that no longer runs) are removed by the next
  /// save; those of a running process are not.
  @Test func staleTemporariesAreRemoved() throws {
    let folder = TempDirectory("tmp")
    let path = folder.file("m.fspk")
    let stale = folder.file(".m.fspk.tmp-2147483646-abc"), live = folder.file(".m.fspk.tmp-\(getpid())-def")
    let unrelated = folder.file(".other.fspk.tmp-2147483646-abc")
    for p in [stale, live, unrelated] { FileManager.default.createFile(atPath: p, contents: Data([1])) }
    try CountingModel().save(to: path)
    #expect(!FileManager.default.fileExists(atPath: stale))
    #expect(FileManager.default.fileExists(atPath: live) && FileManager.default.fileExists(atPath: unrelated))
  }
}
