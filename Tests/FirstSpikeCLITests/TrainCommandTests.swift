import FirstSpike
import FirstSpikeTestSupport
import Foundation
import Testing

/// End-to-end: the built `firstspike` binary trains, stops, resumes, evaluates, classifies and
/// inspects on a few vendored MNIST images.
@Suite(.serialized) struct TrainCommandTests {
  static let scratch = TempDirectory("train")
  static var folder: String { scratch.path }

  /// The tiny mozafari2019 (12, 24, 40 features) as a spec file: fast in a debug build, and it
  /// exercises `--spec`.
  static let spec = TinyModels.mozafariSpecFile(in: folder)

  static func train(_ checkpoint: String, stage: Int, _ extra: [String] = []) throws -> CLIResult {
    try runFirstSpike(["train", "--spec", spec, "--data", "datasets/mnist", "--stage", "\(stage)",
                       "--limit", "40", "--epochs", "1", "--test-limit", "20", "--checkpoint", checkpoint] + extra)
  }

  @Test func interruptedStageResumesBitIdentically() throws {
    let a = Self.folder + "/a.fspk", b = Self.folder + "/b.fspk"
    let full = try Self.train(a, stage: 1)
    #expect(full.status == 0, "\(full.stderr)")
    #expect(full.stdout.contains("stage 1 finished"))
    let stopped = try Self.train(b, stage: 1, ["--stop-after", "17"])
    #expect(stopped.status == 130)
    #expect(stopped.stdout.contains("interrupted at pass 1, image 17"), "\(stopped.stdout)")
    #expect(stopped.stdout.contains("--resume"))
    let resumed = try Self.train(b, stage: 1, ["--resume"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    let wa = try SingleSpikeModel.load(path: a), wb = try SingleSpikeModel.load(path: b)
    #expect(wa.weights[0].storage == wb.weights[0].storage)
    #expect(wa.training[stage: 1]?.imagesSeen == 40)
    #expect(wb.training.data.path == "datasets/mnist")

    // --data on an existing checkpoint records where the data set is now (here: another
    // spelling of the same folder), so that later commands find it without --data.
    let moved = try runFirstSpike(["train", "--data", "./datasets/mnist", "--stage", "2", "--limit", "40",
                                   "--epochs", "1", "--checkpoint", b, "--stop-after", "0"])
    #expect(moved.status == 130, "\(moved.stderr)")
    #expect(try SingleSpikeModel.load(path: b).training.data.path == "./datasets/mnist")

    // Stage 3 before stage 2: refused with one line naming the checkpoint.
    let early = try Self.train(a, stage: 3)
    #expect(early.status == 1)
    #expect(early.stderr == "firstspike: error: \(a): stage 3 needs stages 1...2 trained first (only 1...1 are finished in this checkpoint)\n")
  }

  @Test func evaluateClassifyInspect() throws {
    let c = Self.folder + "/eval.fspk"
    for stage in 1...3 { #expect(try Self.train(c, stage: stage).status == 0, "stage \(stage)") }

    let eval = try runFirstSpike(["evaluate", "--checkpoint", c, "--limit", "30", "--json"])
    #expect(eval.status == 0, "\(eval.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any])
    #expect(json["images"] as? Int == 30)
    // The library's own evaluation of the same checkpoint on the same 30 test images.
    let network = try SingleSpikeModel.load(path: c).inferenceNetwork()
    let test = try TrainingData.load(path: "\(repositoryRoot)/datasets/mnist", split: .test, limit: 30).images
    let expected = network.evaluate(test, threads: 1)
    #expect(json["accuracy"] as? Double == expected.accuracy && json["silent"] as? Double == expected.silentRate)
    #expect(json["correct"] as? Int == expected.correct)
    #expect(json["confusion"] as? [[Int]] == expected.confusion)
    #expect(json["spikes_per_image"] as? [Double] == expected.spikesPerImage)
    #expect(json["synaptic_events_per_image"] as? [Double] == expected.synapticEventsPerImage)
    let events = expected.synapticEventsPerImage.reduce(0, +)
    #expect(abs(((json["energy_pj_per_image"] as? [String: Double])?["snn"] ?? 0) - 0.9 * events) <= 1e-6 * events)

    let text = try runFirstSpike(["evaluate", "--checkpoint", c, "--limit", "30"])
    #expect(text.stdout.contains("accuracy") && text.stdout.contains("confusion") && text.stdout.contains("pJ"))

    let digits = Self.folder + "/digits"
    #expect(try runFirstSpike(["export", "--data", "datasets/mnist", "--split", "test", "--range", "0..<3", "--out", digits]).status == 0)
    let broken = Self.folder + "/broken.png"
    try Data("not a png".utf8).write(to: URL(fileURLWithPath: broken))
    let files = try FileManager.default.contentsOfDirectory(atPath: digits).sorted().map { digits + "/" + $0 }
    let classify = try runFirstSpike(["classify", "--checkpoint", c, "--json"] + files + [broken])
    #expect(classify.status == 1)
    let results = try #require(try JSONSerialization.jsonObject(with: Data(classify.stdout.utf8)) as? [[String: Any]])
    #expect(results.count == 4)
    for (r, file) in zip(results.prefix(3), files) {
      // The library's decision on the same PNG: class, index and margin.
      let d = network.classify(try GrayImage(pngPath: file))
      #expect(r["index"] as? Int == d.label ?? -1 && r["class"] as? String == d.label.map(String.init), "\(r)")
      #expect((r["margin"] as? Double).map(Float.init) == d.margin, "\(r)")
    }
    #expect((results[3]["error"] as? String)?.hasPrefix(broken) == true)

    let plain = try runFirstSpike(["classify", "--checkpoint", c] + files)
    #expect(plain.status == 0)
    let lines = plain.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    for (line, r) in zip(lines, results) { #expect(line.hasPrefix(r["path"] as? String ?? "?"), "\(line)") }

    let inspect = try runFirstSpike(["inspect", c])
    #expect(inspect.status == 0)
    #expect(inspect.stdout.contains("stages finished: 3 of 3"))
    #expect(inspect.stdout.contains("layer3.weight: float32[40, 24, 6, 6]"))
  }

  @Test func damagedCheckpointIsOneLineError() throws {
    let bad = Self.folder + "/bad.fspk"
    try Data("FSPK but not really a checkpoint".utf8).write(to: URL(fileURLWithPath: bad))
    for args in [["evaluate", "--checkpoint", bad], ["inspect", bad], ["classify", "--checkpoint", bad, "x.png"]] {
      let r = try runFirstSpike(args)
      #expect(r.status == 1, "\(args)")
      #expect(r.stderr.hasPrefix("firstspike: error: \(bad): "), "\(args): \(r.stderr)")
      #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
    }
  }
}
