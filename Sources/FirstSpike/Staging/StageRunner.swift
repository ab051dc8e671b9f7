/// Trains one stage of any model: the resume checks, the chunked save loop, interruption and
/// progress events, written once for every kind.
///
/// - Without `resume` the stage starts over (``Model/restart(stage:)``); with it the saved run
///   continues bit-identically, after checking there is one, it is unfinished and it was
///   started on as many images as `data` holds.
/// - The trainer runs in chunks of at most `options.saveEvery` images, never past a pass end;
///   after each chunk its state goes into the model and the checkpoint is written atomically
///   to `path`. `shouldStop` (Ctrl-C, SIGTERM, `--stop-after`) is polled before every image
///   (so `--stop-after N` trains exactly N images); once it says stop, the state is saved and
///   the runner returns.
/// - Training clears the model's probability calibration, and the first stage records what
///   the training images look like (``DataProfile``) in the data record.
public enum StageRunner {
  /// - Returns: true when the stage finished, false when stopped (saved, unless the stage is
  ///   one step with nothing to save).
  /// - Throws: ``StageError`` (one line naming `path`) before any work; I/O errors of a save.
  public static func train<M: Model>(_ model: inout M, stage: Int, data: LabeledImages, test: LabeledImages?,
                                     path: String, resume: Bool, options: StageOptions,
                                     shouldStop: () -> Bool, report: (StageEvent) -> Void) throws -> Bool {
    try checkStart(model, stage: stage, images: data.count, path: path, resume: resume)
    if !resume { model.restart(stage: stage) }
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
      try model.save(to: path)
      report(.saved(path: path))
      if finished { return true }
      if stopped { return false }
    }
  }

  /// The checks before a stage starts or resumes.
  static func checkStart<M: Model>(_ model: M, stage: Int, images: Int, path: String, resume: Bool) throws(StageError) {
    guard (1...model.stageCount).contains(stage) else {
      throw .noSuchStage(path: path, stage: stage, stages: model.stageCount)
    }
    if model.completedStages < stage - 1 {
      throw .needsEarlierStage(path: path, stage: stage, completed: model.completedStages)
    }
    guard resume else { return }
    guard let saved = model.stageStatus(stage), saved.resumable else { throw .nothingToResume(path: path, stage: stage) }
    if saved.finished { throw .alreadyFinished(path: path, stage: stage) }
    if saved.trainingImages != images {
      throw .dataChanged(path: path, stage: stage, started: saved.trainingImages, now: images)
    }
  }
}

extension Model {
  /// Trains stage `stage` with ``StageRunner``, writing the checkpoint to `path`.
  /// - Returns: true when the stage finished, false when stopped.
  public mutating func train(stage: Int, data: LabeledImages, test: LabeledImages?, path: String, resume: Bool,
                             passes: Int? = nil, evaluateEvery: Int = 1, saveEvery: Int = 10_000,
                             shouldStop: () -> Bool, report: (StageEvent) -> Void = { _ in }) throws -> Bool {
    try StageRunner.train(&self, stage: stage, data: data, test: test, path: path, resume: resume,
                          options: StageOptions(passes: passes, evaluateEvery: evaluateEvery, saveEvery: saveEvery),
                          shouldStop: shouldStop, report: report)
  }
}
