import ArgumentParser
import FirstSpike
import Foundation

struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train one stage of a model (a layer, a readout, or label assignment).",
    discussion: """
      The checkpoint is read when it exists (the model and the earlier stages come from it) and \
      written after every pass and on Ctrl-C or SIGTERM. --resume continues an interrupted stage \
      exactly where it stopped, with the options of the run it continues (recorded in the \
      checkpoint: data, stage, --limit, --test-limit, --eval-every, …), so \
      `train --checkpoint m.fspk --resume` needs nothing else; without it the stage starts over, \
      which a stage holding training (its own saved run, or later trained stages) does only with \
      --retrain, after keeping the file as <checkpoint>.bak. One run at a time trains a \
      checkpoint (it is locked through <checkpoint>.lock); a checkpoint replaced during training \
      is left alone and the run is saved next to it. \
      When a model's last stage finishes, its probabilities are calibrated on held-out \
      training images (see `firstspike calibrate`).

      Single-spike models: stage N trains layer N with STDP or R-STDP, or, after the last layer \
      of a model with an SVM readout, the SVM. diehlcook2015: stage 1 = unsupervised STDP, \
      stage 2 = label assignment. A new checkpoint takes --model (with --preset and --set) or \
      --spec FILE.json (see `firstspike inspect --spec`).

      \(ModelOptions.builtInList)

      Examples:
        firstspike train --model mozafari2019 --data datasets/mnist --stage 1 --checkpoint m.fspk
        firstspike train --model mozafari2019 --preset paper --data datasets/mnist --stage 1 --checkpoint p.fspk
        firstspike train --data datasets/mnist --stage 2 --checkpoint m.fspk
        firstspike train --data datasets/mnist --stage 3 --epochs 30 --checkpoint m.fspk
        firstspike train --checkpoint m.fspk --resume
        firstspike train --model diehlcook2015 --neurons 100 --data datasets/mnist --stage 1 --checkpoint dc.fspk
      """)

  @OptionGroup var modelOptions: ModelOptions
  @OptionGroup var dataOptions: DataOptions
  @Option(help: "Stage to train (1-based; with --resume, the interrupted run's).") var stage: Int?
  @Option(help: "Passes over the training set (default: the model's).") var epochs: Int?
  @OptionGroup var limitOption: LimitOption
  @Option(help: "Use only the first K test images for evaluation.") var testLimit: Int?
  @Option(help: "Checkpoint file to read (if it exists) and write.") var checkpoint: String
  @Flag(help: "Continue the interrupted run of this stage saved in the checkpoint.") var resume = false
  @Flag(help: "Start the stage over even though it (or a later stage) holds training; the current file is kept as <checkpoint>.bak first.")
  var retrain = false
  @Option(help: "Evaluate the test split every N passes where the stage does (R-STDP keeps the best weights; 0 = never; default 1).")
  var evalEvery: Int?
  @Option(help: "Save the checkpoint at least every N images within a pass (default 10000).") var saveEvery: Int?
  @Option(help: "Held-out training images to calibrate probabilities on when the last stage finishes (0 = skip).")
  var calibrationImages = CalibrationImages.count
  @Option(help: "Stop as if interrupted after N images (SVM stage: N solver iterations); for tests and time-boxed runs.")
  var stopAfter: Int?

  func validate() throws {
    if let stage, stage < 1 { throw ValidationError("--stage must be 1 or more") }
    if stage == nil && !resume { throw ValidationError("--stage is required (only --resume can take it from the checkpoint)") }
    if let epochs, epochs < 1 { throw ValidationError("--epochs must be 1 or more") }
    if let epochs, epochs > ModelSpec.maxPasses { throw ValidationError("--epochs must be at most \(ModelSpec.maxPasses), not \(epochs)") }
    if let testLimit, testLimit < 1 { throw ValidationError("--test-limit must be 1 or more, not \(testLimit)") }
    if let evalEvery, evalEvery < 0 { throw ValidationError("--eval-every must be 0 or more, not \(evalEvery)") }
    if let saveEvery, saveEvery < 1 { throw ValidationError("--save-every must be 1 or more, not \(saveEvery)") }
    if calibrationImages < 0 { throw ValidationError("--calibration-images must be 0 or more") }
    if let stopAfter, stopAfter < 0 { throw ValidationError("--stop-after must be 0 or more, not \(stopAfter)") }
    if resume && retrain { throw ValidationError("give --resume or --retrain, not both") }
  }

  func run() throws {
    try checkWritable()
    let file = try TrainingCheckpoint(path: checkpoint)
    Interrupt.install()
    let existing = try openCheckpoint(file)
    let run = try resolvedRun(existing)
    let stage = run.stage
    let (train, record, note) = try dataOptions.load(.train, record: existing?.data, limit: run.limit, for: existing,
                                                     checkpoint: checkpoint)
    var model = try existing ?? newModel(record: record)
    // --data on an existing checkpoint: the data set may have moved (or the run was started
    // from another folder); record where it is now, so later commands find it without --data.
    if existing != nil && dataOptions.data != nil { model.data.path = record.path }
    model.adopt(classNames: record.classNames)
    model.lastRun = run
    let options = StageOptions(passes: run.epochs, evaluateEvery: run.evaluateEvery, saveEvery: run.saveEvery)
    let test = model.stageUsesTestSet(stage, options: options)
      ? try? dataOptions.load(.test, record: model.data, limit: run.testLimit).images : nil
    try StageRunner.checkStart(model, stage: stage, images: train.count, path: checkpoint, resume: resume, retrain: retrain)
    print("data: \(note)")
    print("\(model.title): stage \(stage) of \(model.stageCount), \(model.stageSummary(stage, passes: run.epochs)); \(train.count) training images\(test.map { ", \($0.count) test images" } ?? ""), seed \(model.seed)")
    let printer = StagePrinter()
    var polls = 0
    let finished = try StageRunner.train(
      &model, stage: stage, data: train, test: test, checkpoint: file, resume: resume, retrain: retrain, options: options,
      shouldStop: {
        polls += 1
        return Interrupt.requested || stopAfter.map { polls > $0 } ?? false
      }, report: printer.handle)
    printer.finish()
    if finished {
      print("stage \(stage) finished; checkpoint \(checkpoint)")
      if model.completedStages == model.stageCount { try calibrateFinished(&model, file) }
      return
    }
    if let status = model.stageStatus(stage), status.resumable {
      print("interrupted at \(status.location); checkpoint saved to \(checkpoint)")
      print("resume with: firstspike train --checkpoint \(checkpoint) --resume")
    } else {
      print("stage \(stage) interrupted; nothing was saved (it is one step: run it again)")
    }
    throw ExitCode(128 + (Interrupt.signal ?? SIGINT))  // 130 after Ctrl-C (or --stop-after), 143 after SIGTERM
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

  /// The existing checkpoint (checked against the model options), or nil.
  func openCheckpoint(_ file: TrainingCheckpoint) throws -> (any Model)? {
    guard let model = try file.open()?.model else {
      if resume { throw FileProblem(path: checkpoint, reason: "no such checkpoint, so there is no run to resume (train without --resume to start one)") }
      return nil
    }
    try modelOptions.check(model, path: checkpoint)
    return model
  }

  /// A new model from the options, with the trained stages of `--init-from`.
  func newModel(record: DataRecord) throws -> any Model {
    var fresh = try modelOptions.newModel(data: record, checkpoint: checkpoint)
    if let initFrom = modelOptions.initFrom {
      let copied = fresh.adoptTrainedStages(from: try ModelRegistry.load(path: initFrom))
      print("took stage\(copied == 1 ? "" : "s") 1...\(copied) from \(initFrom)")
      if copied == 0 { throw ValidationError("\(initFrom): no trained stage matches the new model's first layer") }
    }
    return fresh
  }
}
