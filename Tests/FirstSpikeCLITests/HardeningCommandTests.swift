import ArgumentParser
import FirstSpike
import FirstSpikeTestSupport
import Foundation
import Testing

@testable import FirstSpikeCLI

/// The CLI side of "nothing a user or a shared file can throw at it crashes it or loses work":
/// every numeric option is validated before anything runs (the `--opt=-N` spelling too), one
/// trainer per checkpoint, SIGTERM saves and exits 143, a mistaken restart is refused.
@Suite(.serialized) struct HardeningCommandTests {
  static let scratch = TempDirectory("hardening")
  static let spec = TinyModels.mozafariSpecFile(in: scratch.path)

  /// Each option value the issue lists (and their neighbours) fails validation, naming it.
  @Test(arguments: [
    (["evaluate", "--checkpoint", "x", "--limit=-1"], "--limit must be 1 or more, not -1"),
    (["train", "--checkpoint", "x", "--stage", "1", "--test-limit=-1"], "--test-limit must be 1 or more, not -1"),
    (["train", "--checkpoint", "x", "--stage", "1", "--save-every", "0"], "--save-every must be 1 or more, not 0"),
    (["train", "--checkpoint", "x", "--stage", "1", "--eval-every=-2"], "--eval-every must be 0 or more, not -2"),
    (["train", "--checkpoint", "x", "--stage", "1", "--stop-after=-1"], "--stop-after must be 0 or more, not -1"),
    (["train", "--checkpoint", "x", "--stage", "1", "--epochs", "0"], "--epochs must be 1 or more"),
    (["train", "--checkpoint", "x", "--stage", "1", "--epochs", "2000000"], "--epochs must be at most 1000000, not 2000000"),
    (["train", "--checkpoint", "x", "--stage", "1", "--resume", "--retrain"], "give --resume or --retrain, not both"),
    (["features", "--checkpoint", "x", "--out", "y.png", "--columns", "0"], "--columns must lie in 1...65536, not 0"),
    (["features", "--checkpoint", "x", "--out", "y.png", "--layer=-1"], "--layer must be 1 or more, not -1"),
    (["bench", "--segments", "0"], "--segments must be 1 or more, not 0"),
    (["bench", "--images=-5"], "--images must be 1 or more, not -5"),
    (["bench", "--rate-train-images=-1"], "--rate-train-images must be 0 (skip) or more, not -1"),
    (["evaluate", "--checkpoint", "x", "--threads", "0"], "--threads must be 1 or more, not 0"),
  ])
  func numericOptionsAreValidated(args: [String], message: String) {
    #expect(throws: (any Error).self) { _ = try FirstSpikeCommand.parseAsRoot(args) }
    do {
      _ = try FirstSpikeCommand.parseAsRoot(args)
    } catch {
      #expect(FirstSpikeCommand.message(for: error) == message, "\(args)")
    }
  }

  func train(_ checkpoint: String, stage: Int, _ extra: [String] = []) throws -> CLIResult {
    try runFirstSpike(["train", "--spec", Self.spec, "--data", "datasets/mnist", "--stage", "\(stage)", "--limit", "30",
                       "--epochs", "1", "--test-limit", "10", "--checkpoint", checkpoint] + extra)
  }

  /// `train --stage 1` again on a checkpoint with trained stages: refused, file untouched;
  /// with --retrain it runs and the old file is kept as `.bak`.
  @Test func mistakenRestartIsRefusedUnlessRetrain() throws {
    let c = Self.scratch.file("restart.fspk")
    #expect(try train(c, stage: 1).status == 0)
    #expect(try train(c, stage: 2).status == 0)
    let before = try Data(contentsOf: URL(fileURLWithPath: c))
    let again = try train(c, stage: 1)
    #expect(again.status == 1)
    #expect(again.stderr == "firstspike: error: \(c): stage 1 already holds training (stage 1 finished, stage 2 finished); --resume continues an unfinished run, --retrain starts stage 1 over (keeping the current file as a backup)\n")
    #expect(try Data(contentsOf: URL(fileURLWithPath: c)) == before)
    let retrained = try train(c, stage: 1, ["--retrain"])
    #expect(retrained.status == 0, "\(retrained.stderr)")
    #expect(retrained.stdout.contains("stage 1 starts over (--retrain); the previous checkpoint is kept as \(c).bak"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: c + ".bak")) == before)
    #expect(try SingleSpikeModel.load(path: c).completedStages == 1)
    #expect(!FileManager.default.fileExists(atPath: c + ".lock"))
  }

  /// A running trainer (here: paused by SIGSTOP, holding its lock) keeps a second one out;
  /// readers keep working; SIGTERM makes the first save and exit 143.
  @Test func oneTrainerPerCheckpointAndSIGTERM() throws {
    let c = Self.scratch.file("locked.fspk")
    let first = Process()
    first.executableURL = URL(fileURLWithPath: firstSpikeBinary)
    first.arguments = ["train", "--spec", Self.spec, "--data", "datasets/mnist", "--stage", "1", "--limit", "2000",
                       "--epochs", "20", "--save-every", "5", "--checkpoint", c]
    first.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
    first.standardOutput = FileHandle.nullDevice
    first.standardError = FileHandle.nullDevice
    try first.run()
    defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
    let deadline = Date().addingTimeInterval(120)
    while !FileManager.default.fileExists(atPath: c) && Date() < deadline && first.isRunning { usleep(20_000) }
    kill(first.processIdentifier, SIGSTOP)
    let second = try train(c, stage: 1, ["--resume"])
    #expect(second.status == 1)
    #expect(second.stderr == "firstspike: error: \(c): in use by another training run (pid \(first.processIdentifier))\n")
    let reader = try runFirstSpike(["inspect", c])
    #expect(reader.status == 0, "\(reader.stderr)")
    kill(first.processIdentifier, SIGTERM)
    kill(first.processIdentifier, SIGCONT)
    first.waitUntilExit()
    #expect(first.terminationReason == .exit && first.terminationStatus == 143)
    let saved = try SingleSpikeModel.load(path: c)
    #expect(saved.training[stage: 1].map { !$0.finished && $0.trainingImages == 2000 } == true)
    #expect(!FileManager.default.fileExists(atPath: c + ".lock"))
  }
}
