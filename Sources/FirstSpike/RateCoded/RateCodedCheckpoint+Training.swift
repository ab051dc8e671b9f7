import Foundation

/// What a rate-coded stage tells its caller while it trains.
public enum RateCodedEvent: Sendable {
  /// Stage 1 trained an image; `spikes` excitatory spikes in its (last) presentation.
  case image(spikes: Int, progress: RateCodedProgress)
  /// Stage 1 finished a pass.
  case pass(PassRecord, progress: RateCodedProgress)
  /// Stage 2 is running the network on `count` images of `split` (`train` to label, `test`).
  case responding(split: String, count: Int)
  /// Stage 2 assigned the labels (and evaluated the test set, when given).
  case labels(LabelAssignmentRecord)
  case saved(path: String)
}

extension RateCodedCheckpoint {
  /// Trains one stage on `data`, writing the checkpoint to `path`.
  ///
  /// Stage 1 (unsupervised STDP, labels unused) runs ``DiehlCook2015Trainer`` over `passes`
  /// passes (default 1) in shuffled order, saving after every pass, every `saveEvery` images
  /// and when `shouldStop()` (polled before every image) turns true; with `resume` it
  /// continues the saved run bit-identically, otherwise it starts over from the seed's
  /// initial weights and forgets stage 2. Stage 2 (needs stage 1 finished) labels every
  /// neuron by its mean response per class on `data` (encoder seeds from ``labellingSeed``),
  /// evaluates `test` when given, and saves; it is one step, not resumable; when stopped
  /// before its test evaluation nothing is saved.
  ///
  /// - Returns: true when the stage finished, false when stopped.
  /// - Throws: ``StageError`` (one line naming `path`): no such stage, stage 2 before stage 1,
  ///   nothing to resume, already finished, data changed; I/O errors of the save.
  public mutating func train(stage: Int, data: LabeledImages, test: LabeledImages?, path: String, resume: Bool,
                             passes: Int? = nil, saveEvery: Int = 10_000,
                             shouldStop: () -> Bool, report: (RateCodedEvent) -> Void) throws -> Bool {
    guard (1...Self.stageCount).contains(stage) else {
      throw StageError.noSuchStage(path: path, stage: stage, stages: Self.stageCount)
    }
    if stage == 2 {
      guard completedStages >= 1 else { throw StageError.needsEarlierStage(path: path, stage: 2, completed: 0) }
      if resume { throw StageError.nothingToResume(path: path, stage: 2) }
      return try assignLabels(data: data, test: test, path: path, shouldStop: shouldStop, report: report)
    }
    var progress: RateCodedProgress? = nil
    if resume {
      guard let saved = training.stage1 else { throw StageError.nothingToResume(path: path, stage: 1) }
      if saved.finished { throw StageError.alreadyFinished(path: path, stage: 1) }
      if saved.trainingImages != data.count {
        throw StageError.dataChanged(path: path, stage: 1, started: saved.trainingImages, now: data.count)
      }
      progress = saved
    } else {
      restart()
    }
    var trainer = DiehlCook2015Trainer(model: model, images: inputImages(data.images), passes: max(1, passes ?? 1),
                                       seed: training.seed, progress: progress)
    model.weights = []  // the trainer holds the only copy while it learns
    while true {
      let chunk = max(1, min(saveEvery, data.count - trainer.progress.position))
      let before = trainer.progress.imagesSeen
      let finished = trainer.run(maxImages: chunk, shouldStop: shouldStop) { event in
        switch event {
        case .image(let spikes, let p): report(.image(spikes: spikes, progress: p))
        case .pass(let r, let p): report(.pass(r, progress: p))
        }
      }
      model = trainer.model
      training.stage1 = trainer.progress
      try save(to: path)
      report(.saved(path: path))
      if finished { return true }
      if trainer.progress.imagesSeen - before < chunk { return false }
      model.weights = []
    }
  }

  /// Forgets stage 1 and 2 and re-draws the initial weights and θ = 0.
  mutating func restart() {
    model = Self.initialModel(spec: spec, seed: training.seed)
    training.stage1 = nil
    training.stage2 = nil
    training.history = []
    assignment = nil
  }

  /// Stage 2: labels from `data`, test accuracy on `test`, then save.
  mutating func assignLabels(data: LabeledImages, test: LabeledImages?, path: String,
                             shouldStop: () -> Bool, report: (RateCodedEvent) -> Void) throws -> Bool {
    let start = ContinuousClock.now
    report(.responding(split: "train", count: data.count))
    let inputs = LabeledImages(images: inputImages(data.images), labels: data.labels, classNames: data.classNames)
    let labels = model.assignLabels(inputs, seed: labellingSeed)
    if shouldStop() { return false }
    var record = LabelAssignmentRecord(labellingImages: data.count, afterImages: training.stage1?.imagesSeen ?? 0,
                                       assignment: labels, seconds: 0)
    if let test, test.count > 0 {
      report(.responding(split: "test", count: test.count))
      record.testImages = test.count
      record.testAccuracy = RateCodedAccuracy(evaluate(test, assignment: labels))
    }
    record.seconds = seconds(ContinuousClock.now - start)
    assignment = labels
    training.stage2 = record
    training.history.append(record)
    try save(to: path)
    report(.labels(record))
    report(.saved(path: path))
    return true
  }
}
