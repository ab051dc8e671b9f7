/// Trains one stage of any model: the resume checks, the chunked save loop, interruption and
/// progress events, written once for every kind.
///
/// - Without `resume` the stage starts over (``Model/restart(stage:)``), but only when that
///   discards nothing: a stage with a saved run, or followed by trained stages, starts over
///   only with `retrain`, after the current file is kept as a backup. With `resume` the saved
///   run continues bit-identically, after checking there is one, it is unfinished and it was
///   started on as many images as `data` holds.
/// - The trainer runs in chunks of at most `options.saveEvery` images, never past a pass end;
///   after each chunk its state goes into the model and the checkpoint is written atomically
///   to `path`. `shouldStop` (Ctrl-C, SIGTERM, `--stop-after`) is polled before every image
///   (so `--stop-after N` trains exactly N images); once it says stop, the state is saved and
///   the runner returns.
/// - Training clears the model's probability calibration, and the first stage records what
///   the training images look like (``DataProfile``) in the data record.
public enum StageRunner {
  /// Trains stage `stage` of `model`, saving to `checkpoint` (locked by this run, and checked
  /// before each save to be the file this run read or last wrote).
  /// - Parameter retrain: allow starting a stage over that already holds training (its own
  ///   saved run, or later stages); the current file is kept as a backup first.
  /// - Returns: true when the stage finished, false when stopped (saved, unless the stage is
  ///   one step with nothing to save).
  /// - Throws: ``StageError`` (one line naming the checkpoint) before any work; I/O errors of a
  ///   save; ``CheckpointReplaced`` when the file was replaced (the run is then saved aside).
  public static func train<M: Model>(_ model: inout M, stage: Int, data: LabeledImages, test: LabeledImages?,
                                     checkpoint: TrainingCheckpoint, resume: Bool, retrain: Bool = false,
                                     options: StageOptions, shouldStop: () -> Bool,
                                     report: (StageEvent) -> Void) throws -> Bool {
    try run(&model, stage: stage, data: data, test: test, path: checkpoint.path, resume: resume, retrain: retrain,
            options: options, save: { try checkpoint.save($0) }, backup: { try checkpoint.keepBackup() },
            shouldStop: shouldStop, report: report)
  }

  /// ``train(_:stage:data:test:checkpoint:resume:retrain:options:shouldStop:report:)`` writing
  /// to `path` with no lock and no replacement check (tests, library use).
  public static func train<M: Model>(_ model: inout M, stage: Int, data: LabeledImages, test: LabeledImages?,
                                     path: String, resume: Bool, retrain: Bool = false, options: StageOptions,
                                     shouldStop: () -> Bool, report: (StageEvent) -> Void) throws -> Bool {
    try run(&model, stage: stage, data: data, test: test, path: path, resume: resume, retrain: retrain,
            options: options, save: { try $0.save(to: path) }, backup: { try TrainingCheckpoint.keepBackup(of: path) },
            shouldStop: shouldStop, report: report)
  }

  static func run<M: Model>(_ model: inout M, stage: Int, data: LabeledImages, test: LabeledImages?, path: String,
                            resume: Bool, retrain: Bool, options: StageOptions, save: (M) throws -> Void,
                            backup: () throws -> String?, shouldStop: () -> Bool,
                            report: (StageEvent) -> Void) throws -> Bool {
    try checkStart(model, stage: stage, images: data.count, path: path, resume: resume, retrain: retrain)
    if let problem = dataProblem(model, stage: stage, data: data) { throw StageError.dataMismatch(path: path, reason: problem) }
    // The test split is cached too (R-STDP stages): the same checks, before anything is allocated.
    if let test, let problem = dataProblem(model, stage: stage, data: test) {
      let reason = problem.replacingOccurrences(of: "the training data", with: "the test data")
        .replacingOccurrences(of: "images needs", with: "test images needs").replacingOccurrences(of: "use --limit", with: "use --test-limit")
      throw StageError.dataMismatch(path: path, reason: reason)
    }
    if !resume {
      if retrain && !savedStages(model, from: stage).isEmpty, let kept = try backup() {
        report(.result("stage \(stage) starts over (--retrain); the previous checkpoint is kept as \(kept)"))
      }
      model.restart(stage: stage)
    }
    // New weights: the old probabilities no longer hold. The training images' look is measured
    // once, from the first stage's data.
    model.calibration = nil
    if model.data.profile == nil { model.data.profile = DataProfile(measuring: data.images) }
    var trainer = try model.trainer(stage: stage, data: data, test: test, options: options, resuming: resume,
                                  report: report)
    var stopped = false
    let poll = {
      stopped = stopped || shouldStop()
      return stopped
    }
    while true {
      let chunk = max(1, min(options.saveEvery, trainer.imagesLeftInPass))
      let finished = trainer.run(maxImages: chunk, shouldStop: poll, report: report)
      if stopped && !trainer.savesWhenStopped { return false }
      trainer.store(in: &model)
      try save(model)
      report(.saved(path: path))
      if finished { return true }
      if stopped { return false }
    }
  }

  /// The checks before a stage starts or resumes: the stage exists, the earlier ones are
  /// finished; a resumed run is saved, unfinished, on as many images; a run started over
  /// discards nothing (no saved run of this stage, no later stage trained) unless `retrain`.
  public static func checkStart<M: Model>(_ model: M, stage: Int, images: Int, path: String, resume: Bool,
                                          retrain: Bool = false) throws(StageError) {
    guard (1...model.stageCount).contains(stage) else {
      throw .noSuchStage(path: path, stage: stage, stages: model.stageCount)
    }
    if model.completedStages < stage - 1 {
      throw .needsEarlierStage(path: path, stage: stage, completed: model.completedStages)
    }
    guard resume else {
      let saved = savedStages(model, from: stage)
      if !saved.isEmpty && !retrain { throw .wouldDiscard(path: path, stage: stage, saved: saved) }
      return
    }
    guard let saved = model.stageStatus(stage), saved.resumable else { throw .nothingToResume(path: path, stage: stage) }
    if saved.finished { throw .alreadyFinished(path: path, stage: stage) }
    if saved.trainingImages != images {
      throw .dataChanged(path: path, stage: stage, started: saved.trainingImages, now: images)
    }
  }

  /// What a start-over of `stage` would discard: "stage 2 finished", "stage 3 at pass 1,
  /// image 3000", for the stage and every later one with saved training.
  static func savedStages<M: Model>(_ model: M, from stage: Int) -> [String] {
    guard stage >= 1 && stage <= model.stageCount else { return [] }
    return (stage...model.stageCount).compactMap { s in
      model.stageStatus(s).map { $0.finished ? "stage \(s) finished" : "stage \(s) at \($0.location)" }
    }
  }

  /// Why `data` cannot train `stage` of `model` (labels outside its classes, the kind's own
  /// checks), or nil.
  static func dataProblem<M: Model>(_ model: M, stage: Int, data: LabeledImages) -> String? {
    let classes = data.classNames.count
    if classes > 0, let bad = data.labels.first(where: { !(0..<classes).contains($0) }) {
      return "the training data has label \(bad), outside its \(classes) classes"
    }
    return model.problem(training: stage, on: data)
  }
}

extension Model {
  /// Trains stage `stage` with ``StageRunner``, writing the checkpoint to `path`.
  /// - Returns: true when the stage finished, false when stopped.
  public mutating func train(stage: Int, data: LabeledImages, test: LabeledImages?, path: String, resume: Bool,
                             retrain: Bool = false, passes: Int? = nil, evaluateEvery: Int = 1, saveEvery: Int = 10_000,
                             shouldStop: () -> Bool, report: (StageEvent) -> Void = { _ in }) throws -> Bool {
    try StageRunner.train(&self, stage: stage, data: data, test: test, path: path, resume: resume, retrain: retrain,
                          options: StageOptions(passes: passes, evaluateEvery: evaluateEvery, saveEvery: saveEvery),
                          shouldStop: shouldStop, report: report)
  }
}
