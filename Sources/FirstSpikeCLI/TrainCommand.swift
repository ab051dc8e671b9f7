import ArgumentParser
import FirstSpike
import Foundation

struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train one stage (one layer, or the SVM readout) of a model.",
    discussion: """
      Stage N trains layer N with STDP or R-STDP (or, after the last layer of a model with an \
      SVM readout, the SVM). The checkpoint is read when it exists (the model and the earlier \
      stages come from it) and written after every pass and on Ctrl-C. --resume continues an \
      interrupted stage exactly where it stopped; without it the stage starts over.

      Models: \(ModelSpec.presetNames.joined(separator: ", ")); or --spec FILE.json (see \
      `firstspike inspect --spec`). Rate-coded: diehlcook2015 (Diehl & Cook 2015; --neurons, \
      --time), stage 1 = unsupervised STDP, stage 2 = label assignment.

      Example:
        firstspike train --model mozafari2019 --data datasets/mnist --stage 1 --checkpoint m.fspk
        firstspike train --model mozafari2019 --preset paper --data datasets/mnist --stage 1 --checkpoint p.fspk
        firstspike train --data datasets/mnist --stage 2 --checkpoint m.fspk
        firstspike train --data datasets/mnist --stage 3 --epochs 30 --checkpoint m.fspk
        firstspike train --data datasets/mnist --stage 3 --checkpoint m.fspk --resume
        firstspike train --model diehlcook2015 --neurons 100 --data datasets/mnist --stage 1 --checkpoint dc.fspk
      """)

  @Option(help: "Built-in model for a new checkpoint.") var model: String?
  @Option(help: "Model spec (JSON) for a new checkpoint.") var spec: String?
  @Option(help: "Settings of a built-in model: improved (FirstSpike's defaults) or paper (exactly the published ones).")
  var preset: ModelSpec.PresetVariant = .improved
  @OptionGroup var dataOptions: DataOptions
  @Option(help: "Stage to train (1-based).") var stage: Int
  @Option(help: "Passes over the training set (default: the model's).") var epochs: Int?
  @Option(help: "Use only the first K training images.") var limit: Int?
  @Option(help: "Use only the first K test images for evaluation.") var testLimit: Int?
  @Option(help: "Seed of weight initialisation, shuffling and dropout (new checkpoints).") var seed: UInt64 = 0
  @Option(help: "Checkpoint file to read (if it exists) and write.") var checkpoint: String
  @Option(help: "New checkpoints: take the trained stages whose layers match (same encoder and layer specs) from this checkpoint.")
  var initFrom: String?
  @Flag(help: "Continue the interrupted run of this stage saved in the checkpoint.") var resume = false
  @Option(help: "R-STDP: evaluate the test split every N passes and keep the best weights (0 = never).")
  var evalEvery = 1
  @Option(help: "Save the checkpoint at least every N images within a pass.") var saveEvery = 10_000
  @Option(help: "Stop as if interrupted after N images (SVM stage: N solver iterations); for tests and time-boxed runs.")
  var stopAfter: Int?
  @Option(help: "diehlcook2015: excitatory (and inhibitory) neurons of a new checkpoint (default 100).") var neurons: Int?
  @Option(help: "diehlcook2015: presentation time per image of a new checkpoint, ms (default 250).") var time: Double?

  func validate() throws {
    if stage < 1 { throw ValidationError("--stage must be 1 or more") }
    if let epochs, epochs < 1 { throw ValidationError("--epochs must be 1 or more") }
    if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more") }
    if model != nil && spec != nil { throw ValidationError("give --model or --spec, not both") }
  }

  func run() throws {
    try checkWritable()
    if try trainsRateCoded() { return try runRateCoded() }
    if neurons != nil || time != nil { throw ValidationError("--neurons and --time are options of --model diehlcook2015") }
    Interrupt.install()
    var ckpt = try openCheckpoint()
    let (train, record) = try dataOptions.load(.train, record: ckpt.map { $0.training.data }, limit: limit)
    var state = try ckpt ?? newCheckpoint(record: record)
    // --data on an existing checkpoint: the data set may have moved (or the run was started
    // from another folder); record where it is now, so later commands find it without --data.
    if ckpt != nil && dataOptions.data != nil { state.training.data.path = record.path }
    if state.spec.classNames.isEmpty { state.spec.classNames = record.classNames }
    ckpt = state
    let needsTest = stage > state.spec.layers.count || state.spec.layers[stage - 1].training.rule == .rstdp
    let test = needsTest ? try? dataOptions.load(.test, record: state.training.data, limit: testLimit).0 : nil
    describe(state, train: train, test: test)
    let reporter = StageProgressPrinter(stage: stage, images: train.count)
    var polls = 0
    let finished = try state.train(
      stage: stage, data: train, test: test, path: checkpoint, resume: resume, passes: epochs,
      evaluateEvery: evalEvery, saveEvery: saveEvery,
      shouldStop: {
        polls += 1
        return Interrupt.requested || stopAfter.map { polls > $0 } ?? false
      }, report: reporter.handle)
    reporter.finish()
    if finished {
      print("stage \(stage) finished; checkpoint \(checkpoint)")
    } else {
      let p = state.training[stage: stage]
      let at = p.map { "pass \($0.passesDone + 1), image \($0.position)" } ?? "the SVM solver"
      print("interrupted at \(at); checkpoint saved to \(checkpoint)")
      print("resume with: firstspike train --data \(state.training.data.path) --stage \(stage) --checkpoint \(checkpoint)\(limit.map { " --limit \($0)" } ?? "") --resume")
      throw ExitCode(130)
    }
  }

  /// Fails before any training when the checkpoint could not be written.
  func checkWritable() throws {
    let folder = URL(fileURLWithPath: checkpoint).deletingLastPathComponent().path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
      throw FileProblem(path: checkpoint, reason: "folder '\(folder)' does not exist")
    }
    // Create (and remove) a probe file: permission bits alone do not tell (root, /proc).
    let probe = folder + "/.firstspike-probe-\(getpid())"
    guard FileManager.default.createFile(atPath: probe, contents: Data()) else {
      throw FileProblem(path: checkpoint, reason: "cannot create files in folder '\(folder)'")
    }
    try? FileManager.default.removeItem(atPath: probe)
  }

  func openCheckpoint() throws -> ModelCheckpoint? {
    guard FileManager.default.fileExists(atPath: checkpoint) else {
      if resume { throw StageError.nothingToResume(path: checkpoint, stage: stage) }
      return nil
    }
    let c = try ModelCheckpoint.load(path: checkpoint)
    if let model, model != c.spec.name {
      throw StageError.modelMismatch(path: checkpoint, inFile: c.spec.name, requested: model)
    }
    return c
  }

  func newCheckpoint(record: DataRecord) throws -> ModelCheckpoint {
    let modelSpec: ModelSpec
    if let spec {
      modelSpec = try SpecFile.load(spec)
    } else if let model {
      guard let preset = ModelSpec.preset(model, variant: preset) else {
        throw ValidationError("unknown model '\(model)' (known: \(ModelSpec.presetNames.joined(separator: ", ")))")
      }
      modelSpec = preset
    } else {
      throw ValidationError("\(checkpoint) does not exist: give --model or --spec to start a new one")
    }
    var fresh = ModelCheckpoint(spec: modelSpec, seed: seed, data: record)
    if let initFrom {
      let source = try ModelCheckpoint.load(path: initFrom)
      let copied = fresh.adoptTrainedStages(from: source)
      print("took stage\(copied == 1 ? "" : "s") 1...\(copied) from \(initFrom)")
      if copied == 0 { throw ValidationError("\(initFrom): no trained stage matches the new model's first layer") }
    }
    return fresh
  }

  func describe(_ c: ModelCheckpoint, train: LabeledImages, test: LabeledImages?) {
    let what: String
    if stage <= c.spec.layers.count {
      let l = c.spec.layers[stage - 1]
      what = "layer \(stage) (\(l.inChannels)→\(l.outChannels), k \(l.kernel)), \(l.training.rule.rawValue.uppercased()), \(epochs ?? l.training.passes) passes"
    } else {
      what = "linear SVM readout"
    }
    print("\(c.spec.name): stage \(stage) of \(c.spec.stageCount), \(what); \(train.count) training images\(test.map { ", \($0.count) test images" } ?? ""), seed \(c.training.seed)")
  }
}
