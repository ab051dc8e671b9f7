@testable import FirstSpike
import FirstSpikeTestSupport
import Foundation
import Testing

/// End-to-end: the built `firstspike` binary trains the rate-coded diehlcook2015 model (10
/// neurons, 50 ms per image, 50 MNIST images), stops, resumes, assigns labels, evaluates,
/// classifies, inspects, draws receptive fields, and refuses kind mix-ups in one line.
@Suite(.serialized) struct RateCodedCommandTests {
  static let scratch = TempDirectory("rate")
  static var folder: String { scratch.path }

  static func train(_ checkpoint: String, stage: Int, _ extra: [String] = []) throws -> CLIResult {
    try runFirstSpike(["train", "--model", "diehlcook2015", "--neurons", "10", "--time", "50", "--data", "datasets/mnist",
                       "--stage", "\(stage)", "--limit", "50", "--test-limit", "30", "--checkpoint", checkpoint, "--skip-checksums"] + extra)
  }

  @Test func interruptedStage1ResumesBitIdentically() throws {
    let a = Self.folder + "/a.fspk", b = Self.folder + "/b.fspk"
    let full = try Self.train(a, stage: 1)
    #expect(full.status == 0, "\(full.stderr)")
    #expect(full.stdout.contains("stage 1 finished"))
    let stopped = try Self.train(b, stage: 1, ["--stop-after", "17"])
    #expect(stopped.status == 130)
    #expect(stopped.stdout.contains("interrupted at pass 1, image 17"), "\(stopped.stdout)")
    #expect(stopped.stdout.contains("resume with: firstspike train --checkpoint \(b) --resume"))
    #expect(try RateCodedModel.load(path: b).training.stage1?.imagesSeen == 17)
    // The checkpoint records the run (data, stage, --limit, --test-limit, …): nothing else is needed.
    let resumed = try runFirstSpike(["train", "--checkpoint", b, "--resume"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    let ca = try RateCodedModel.load(path: a), cb = try RateCodedModel.load(path: b)
    let same = ca.model == cb.model  // (not inside #expect: it would print every weight)
    #expect(same)
    #expect(ca.training.stage1?.generator == cb.training.stage1?.generator)
    #expect(ca.training.stage1?.imagesSeen == 50 && ca.spec.neurons == 10 && ca.spec.time == 50)

    // Stage 2 before stage 1: refused with one line naming the checkpoint.
    let c = Self.folder + "/c.fspk"
    let early = try Self.train(c, stage: 2)
    #expect(early.status == 1)
    #expect(early.stderr == "firstspike: error: \(c): stage 2 needs stages 1...1 trained first (none is finished in this checkpoint)\n")
    let other = try Self.train(a, stage: 1, ["--neurons", "12"])
    #expect(other.stderr == "firstspike: error: \(a): holds model 'diehlcook2015 (10 excitatory + 10 inhibitory neurons, 50 ms per image)', not 'diehlcook2015 with --neurons 12'\n")
  }

  @Test func evaluateClassifyInspectFeatures() throws {
    let c = Self.folder + "/eval.fspk"
    for stage in 1...2 { #expect(try Self.train(c, stage: stage).status == 0, "stage \(stage)") }
    let ckpt = try RateCodedModel.load(path: c)
    let labels = try #require(ckpt.assignment)

    let eval = try runFirstSpike(["evaluate", "--checkpoint", c, "--limit", "30", "--json", "--skip-checksums"])
    #expect(eval.status == 0, "\(eval.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any])
    #expect(json["images"] as? Int == 30 && json["accuracy_method"] as? String == "proportion weighting")
    let accuracy = try #require(json["accuracy"] as? Double), silent = try #require(json["silent"] as? Double)
    // The same 30 test images and encoder seeds as stage 2's recorded test accuracy.
    #expect(accuracy == ckpt.training.stage2?.testAccuracy?.proportionWeighting)
    #expect(json["accuracy_all_activity"] as? Double == ckpt.training.stage2?.testAccuracy?.allActivity)
    #expect(json["accuracy_proportion_weighting"] as? Double == accuracy)
    let confusion = try #require(json["confusion"] as? [[Int]])
    #expect(confusion.count == 10 && confusion.allSatisfy { $0.count == 10 })
    #expect(confusion.joined().reduce(0, +) == 30 - Int((silent * 30).rounded()))
    let spikes = try #require(json["spikes_per_image"] as? [Double])
    let events = try #require(json["synaptic_events_per_image"] as? [Double])
    #expect(spikes.count == 3 && events.count == 3)
    #expect(abs(events[0] - 10 * spikes[0]) <= 1e-9 * events[0], "input→exc events = input spikes × N")
    let energy = try #require(json["energy_pj_per_image"] as? [String: Double])
    #expect(abs((energy["snn"] ?? 0) - 0.9 * events.reduce(0, +)) <= 1e-6 * (energy["snn"] ?? 1) && (energy["ann"] ?? 0) > 0)

    let text = try runFirstSpike(["evaluate", "--checkpoint", c, "--limit", "30", "--skip-checksums"])
    #expect(text.stdout.contains("by proportion weighting") && text.stdout.contains("by all activity") && text.stdout.contains("nJ"))

    let digits = Self.folder + "/digits"
    #expect(try runFirstSpike(["export", "--data", "datasets/mnist", "--split", "test", "--range", "0..<3", "--out", digits]).status == 0)
    let files = try FileManager.default.contentsOfDirectory(atPath: digits).sorted().map { digits + "/" + $0 }
    let classify = try runFirstSpike(["classify", "--checkpoint", c, "--json"] + files)
    #expect(classify.status == 0, "\(classify.stderr)")
    let results = try #require(try JSONSerialization.jsonObject(with: Data(classify.stdout.utf8)) as? [[String: Any]])
    #expect(results.count == 3)
    for (r, file) in zip(results, files) {
      let expected = ckpt.classify(try PNGFile.readGray(path: file), assignment: labels)
      let margin = try #require(r["margin"] as? Double)
      #expect(r["index"] as? Int == expected.label ?? -1 && abs(margin - expected.margin) <= 1e-12, "\(r)")
    }
    let plain = try runFirstSpike(["classify", "--checkpoint", c] + files)
    #expect(plain.status == 0 && plain.stdout.split(separator: "\n").count == 3)

    let inspect = try runFirstSpike(["inspect", c])
    #expect(inspect.status == 0)
    for line in ["kind rate-coded: model diehlcook2015", "stages finished: 2 of 2", "1/1 passes (finished), 50 images",
                 "accuracy history", "exc.weight: float32[784, 10]", "exc.theta: float32[10]"] {
      #expect(inspect.stdout.contains(line), "\(line)")
    }

    let png = Self.folder + "/fields.png"
    let features = try runFirstSpike(["features", "--checkpoint", c, "--out", png])
    #expect(features.status == 0, "\(features.stderr)")
    let sheet = FeatureSheet(try ckpt.features(layer: nil))
    let drawn = try PNGFile.readGray(path: png)
    #expect(drawn.width == sheet.width && drawn.height == sheet.height && sheet.scale == 2)
    #expect(features.stdout.hasPrefix("wrote the receptive fields of 10 excitatory neurons") && features.stdout.contains(" to \(png) ("))
    // The first neuron labelled with the lowest class comes first, pixel for pixel (×2).
    let first = try #require(sheet.rows.first?.tiles.first), field = ckpt.model.receptiveField(first)
    let o = sheet.tileOrigin(row: 0, column: 0)
    #expect(o.x == o.x.rounded() && o.y == o.y.rounded(), "tiles on whole pixels")
    for (y, x) in [(0, 0), (14, 14), (27, 3), (9, 20)] {
      #expect(drawn[Int(o.y) + 2 * y + 1, Int(o.x) + 2 * x] == field[y, x], "pixel (\(x), \(y))")
    }
  }

  @Test func kindMixUpsAreOneLine() throws {
    let rate = Self.folder + "/kind-rate.fspk", single = Self.folder + "/kind-single.fspk"
    #expect(try Self.train(rate, stage: 1, ["--stop-after", "2"]).status == 130)
    let record = DataRecord(kind: "mnist", path: "datasets/mnist", classNames: (0..<10).map(String.init))
    try SingleSpikeModel(spec: .mozafari2019, seed: 1, data: record).save(to: single)
    let cases: [([String], String)] = [
      (["train", "--model", "mozafari2019", "--data", "datasets/mnist", "--stage", "1", "--checkpoint", rate],
       "\(rate): holds model 'diehlcook2015', not 'mozafari2019'"),
      (["train", "--model", "diehlcook2015", "--data", "datasets/mnist", "--stage", "1", "--checkpoint", single],
       "\(single): holds model 'mozafari2019', not 'diehlcook2015'"),
      (["evaluate", "--checkpoint", rate], "\(rate): stage 2 (label assignment) is not trained yet; run firstspike train --stage 2 --checkpoint \(rate)"),
      // A setting the model's spec does not have.
      (["train", "--model", "mozafari2019", "--neurons", "5", "--data", "datasets/mnist", "--stage", "1", "--checkpoint", single],
       "--neurons 5: mozafari2019 has no setting 'neurons'"),
    ]
    for (args, message) in cases {
      let r = try runFirstSpike(args)
      #expect(r.status == 1, "\(args)")
      #expect(r.stderr == "firstspike: error: \(message)\n", "\(args)")
    }
    // Either kind's spec is printed from its checkpoint (the JSON a spec file holds).
    let spec = try runFirstSpike(["inspect", "--spec", rate])
    #expect(spec.status == 0 && spec.stdout.contains("\"neurons\" : 10"), "\(spec.stdout)")
  }

  @Test func benchOfARateCodedModel() throws {
    let c = Self.folder + "/bench.fspk"
    #expect(try Self.train(c, stage: 1, ["--stop-after", "1"]).status == 130)
    let r = try runFirstSpike(["bench", "--checkpoint", c, "--images", "30", "--rate-train-images", "10", "--rate-test-images", "30"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("| diehlcook2015 N=10 training (STDP, 1 thread) |"), "\(r.stdout)")
    #expect(r.stdout.contains("| diehlcook2015 N=10 inference, "), "\(r.stdout)")
  }
}
