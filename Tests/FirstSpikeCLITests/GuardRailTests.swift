import FirstSpike
import FirstSpikeTestSupport
import Foundation
import Testing

/// Mistakes that used to run silently: each is one line and a non-zero exit now.
@Suite(.serialized) struct GuardRailTests {
  static let scratch = TempDirectory("guards")
  static var folder: String { scratch.path }
  static let spec = TinyModels.mozafariSpecFile(in: folder)

  static func train(_ c: String, _ extra: [String]) throws -> CLIResult {
    try runFirstSpike(["train", "--checkpoint", c] + extra)
  }

  /// `--resume` takes every option of the run from the checkpoint and refuses a different one.
  @Test func resumeKeepsTheRecordedRun() throws {
    let c = Self.folder + "/r.fspk"
    let first = try Self.train(c, ["--spec", Self.spec, "--data", "datasets/mnist", "--stage", "1", "--limit", "30",
                                   "--test-limit", "10", "--eval-every", "2", "--stop-after", "7"])
    #expect(first.status == 130 && first.stdout.contains("resume with: firstspike train --checkpoint \(c) --resume"))
    let run = try #require(try SingleSpikeModel.load(path: c).training.run)
    #expect(run == TrainingRun(stage: 1, epochs: nil, limit: 30, testLimit: 10, evaluateEvery: 2, saveEvery: 10_000))
    let other = try Self.train(c, ["--resume", "--limit", "20"])
    #expect(other.status == 1)
    #expect(other.stderr == "firstspike: error: \(c): the interrupted run of stage 1 used --limit 30; --resume continues it with the same options (leave out --limit 20, or train without --resume to start over)\n")
    let testLimit = try Self.train(c, ["--resume", "--test-limit", "5"])
    #expect(testLimit.stderr.contains("used --test-limit 10;"))
    let resumed = try Self.train(c, ["--resume"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout.contains("30 training images") && resumed.stdout.contains("stage 1 finished"))
    let fresh = try Self.train(Self.folder + "/none.fspk", ["--resume"])
    #expect(fresh.stderr.hasSuffix("none.fspk: no such checkpoint, so there is no run to resume (train without --resume to start one)\n"))
  }

  /// Evaluating or classifying a model whose later stages never ran says so.
  @Test func untrainedStagesAreRefused() throws {
    let c = Self.folder + "/u.fspk"
    #expect(try Self.train(c, ["--spec", Self.spec, "--data", "datasets/mnist", "--stage", "1", "--limit", "10"]).status == 0)
    for args in [["evaluate", "--checkpoint", c], ["classify", "--checkpoint", c, "x.png"]] {
      let r = try runFirstSpike(args)
      #expect(r.status == 1)
      #expect(r.stderr.hasPrefix("firstspike: error: \(c): stage 2 of 3 (layer 2 (12→24, k 3), STDP, 4 passes) has never been trained"), "\(r.stderr)")
      #expect(r.stderr.split(separator: "\n").count == 1)
    }
  }

  /// A decision layer with more channels than classes × features per class is refused before training.
  @Test func decisionLayerWiderThanTheClasses() throws {
    var spec = TinyModels.mozafari
    spec.layers[2].outChannels = 60
    let file = TinyModels.specFile(spec, named: "wide", in: Self.folder)
    let r = try Self.train(Self.folder + "/w.fspk", ["--spec", file, "--data", "datasets/mnist", "--stage", "1", "--limit", "5"])
    #expect(r.status == 1)
    // The spec validation (#12) sees it first, naming the file and the JSON path.
    #expect(r.stderr == "firstspike: error: \(file): layers[2].outChannels: must be classes × featuresPerClass = 10 × 4 = 40 for the decision readout, got 60\n")
  }

  @Test func optionValuesThatMeanNothing() throws {
    for (args, message) in [(["--test-limit", "0"], "--test-limit must be 1 or more"), (["--save-every", "0"], "--save-every must be 1 or more"),
                            (["--eval-every=-1"], "--eval-every must be 0 or more")] {
      let r = try Self.train(Self.folder + "/o.fspk", ["--spec", Self.spec, "--data", "datasets/mnist", "--stage", "1"] + args)
      #expect(r.status != 0 && r.stderr.contains(message), "\(args): \(r.stderr)")
    }
    let noStage = try Self.train(Self.folder + "/o.fspk", ["--spec", Self.spec, "--data", "datasets/mnist"])
    #expect(noStage.stderr.contains("--stage is required"))
    let limit = try runFirstSpike(["evaluate", "--checkpoint", RepositoryPaths.checkpoints + "/kheradpisheh2018.fspk", "--limit", "0"])
    #expect(limit.status != 0 && limit.stderr.contains("--limit must be 1 or more, not 0"))
  }
}
