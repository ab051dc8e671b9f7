import FirstSpike
import FirstSpikeTestSupport
import Foundation
import Testing

/// End-to-end through the built binary: a gradient stage (a small s4nn, Adam, batches of 4,
/// augmentation shifts, shuffled passes) stopped mid-pass and mid-batch with `--stop-after`
/// and resumed equals the uninterrupted run bit for bit; the result evaluates, classifies and
/// inspects like every model; the hybrid takes mozafari2019's STDP stages with `--init-from`.
@Suite(.serialized) struct GradientTrainCommandTests {
  static let scratch = TempDirectory("gradient-train")
  static var folder: String { scratch.path }

  static let small = [
    "--set", "layers[0].outChannels=16", "--set", "layers[1].inChannels=16",
    "--set", "layers[1].training.gradient.batchSize=4", "--set", "layers[1].training.gradient.shift=1",
    "--set", "layers[1].training.gradient.validationFraction=0.2", "--set", "layers[1].training.shuffle=true",
    "--set", #"layers[1].training.gradient.optimizer={"adam":{"rate":0.01,"beta1":0.9,"beta2":0.999,"epsilon":1e-8}}"#,
  ]

  static func train(_ checkpoint: String, _ extra: [String]) throws -> CLIResult {
    try runFirstSpike(["train", "--data", "datasets/mnist", "--stage", "1", "--limit", "40", "--epochs", "2",
                       "--save-every", "7", "--checkpoint", checkpoint] + extra)
  }

  @Test func interruptedGradientStageResumesBitIdentically() throws {
    let a = Self.folder + "/a.fspk", b = Self.folder + "/b.fspk"
    let full = try Self.train(a, ["--model", "s4nn"] + Self.small)
    #expect(full.status == 0, "\(full.stderr)")
    #expect(full.stdout.contains("gradient (S4NN relative targets γ 3, Adam 0.01, batch 4)"), "\(full.stdout)")
    // 32 training images per pass (8 held out): stop in pass 2 at image 13, one image into
    // its fourth batch, with Adam's moments and the batch's partial sum saved.
    let stopped = try Self.train(b, ["--model", "s4nn"] + Self.small + ["--stop-after", "45"])
    #expect(stopped.status == 130, "\(stopped.stderr)")
    #expect(stopped.stdout.contains("interrupted at pass 2, image 13"), "\(stopped.stdout)")
    let mid = try CheckpointArchive.load(from: b)
    #expect(mid.tensors.map(\.name).contains("layer2.adam-m") && mid.tensors.map(\.name).contains("layer1.batch-gradient"))
    let resumed = try Self.train(b, ["--resume"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    let ma = try SingleSpikeModel.load(path: a), mb = try SingleSpikeModel.load(path: b)
    #expect(ma.weights == mb.weights)
    #expect(ma.bestWeights == mb.bestWeights && !ma.bestWeights.isEmpty)
    let ha = ma.training[stage: 1]!, hb = mb.training[stage: 1]!
    #expect(ha.history.map(\.train) == hb.history.map(\.train))
    #expect(ha.history.map(\.validationAccuracy) == hb.history.map(\.validationAccuracy))
    #expect(ha.gradient == hb.gradient && ha.generator == hb.generator)
    #expect(mb.gradientState == nil, "a finished stage keeps no optimiser state")

    let eval = try runFirstSpike(["evaluate", "--checkpoint", a, "--limit", "20"])
    #expect(eval.status == 0 && eval.stdout.contains("accuracy"), "\(eval.stderr)")
    let inspect = try runFirstSpike(["inspect", a])
    #expect(inspect.stdout.contains("best validation accuracy"), "\(inspect.stdout)")
    let plot = Self.folder + "/curve.png"
    #expect(try runFirstSpike(["inspect", a, "--plot", plot]).status == 0)
  }

  @Test func hybridTakesTheSTDPStages() throws {
    let h = Self.folder + "/h.fspk"
    let r = try runFirstSpike(["train", "--model", "mozafari2019-hybrid", "--init-from", "checkpoints/mozafari2019.fspk",
                               "--data", "datasets/mnist", "--stage", "3", "--limit", "30", "--epochs", "1", "--checkpoint", h])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("took stages 1...2 from checkpoints/mozafari2019.fspk"))
    let model = try SingleSpikeModel.load(path: h), moz = try SingleSpikeModel.load(path: "checkpoints/mozafari2019.fspk")
    #expect(model.weights[0] == moz.weights[0] && model.weights[1] == moz.weights[1])
    #expect(model.completedStages == 3)
  }

  @Test func misplacedGradientLayerIsRefused() throws {
    let r = try runFirstSpike(["train", "--model", "mozafari2019", "--set", "layers[0].training.rule=gradient",
                               "--data", "datasets/mnist", "--stage", "1", "--limit", "10", "--checkpoint", Self.folder + "/x.fspk"])
    #expect(r.status == 1)
    #expect(r.stderr == "firstspike: error: mozafari2019 with --set layers[0].training.rule=gradient: layers[0].training.rule: gradient layers must be the last layers\n", "\(r.stderr)")
  }

  /// bench times a gradient stage on MNIST even for a checkpoint with fewer classes than
  /// digits (a cup/dog s4nn): no crash on labels beyond the output layer.
  @Test func benchOfATwoClassGradientCheckpoint() throws {
    let c = Self.folder + "/cupdog.fspk"
    let t = try runFirstSpike(["train", "--model", "s4nn", "--set", "classNames=[]", "--set", "layers[0].outChannels=16",
                               "--set", "layers[1].inChannels=16", "--set", "layers[1].outChannels=2",
                               "--data", "datasets/eth80-cup-dog", "--stage", "1", "--limit", "24", "--epochs", "1", "--checkpoint", c])
    #expect(t.status == 0, "\(t.stderr)")
    let b = try runFirstSpike(["bench", "--checkpoint", c, "--images", "12", "--segments", "2", "--threads", "1"])
    #expect(b.status == 0, "\(b.stderr)")
    #expect(b.stdout.contains("stage 1 training (gradient, batch 1, 1 thread, input cached)"), "\(b.stdout)")
  }
}
