import Foundation

/// What a stage tells its caller while it trains.
public enum StageEvent: Sendable {
  /// Computing the frozen layers' output (or SVM features) for `count` images.
  case caching(split: String, count: Int)
  case image(progress: StageProgress)
  case pass(PassRecord, progress: StageProgress)
  case svm(classesDone: Int, classes: Int)
  case saved(path: String)
}

extension ModelCheckpoint {
  /// Trains one stage on `data`, writing the checkpoint to `path` after every pass (and every
  /// `saveEvery` images within long passes) and when `shouldStop()` turns true.
  ///
  /// - Parameters:
  ///   - resume: continue the interrupted run of this stage saved in the checkpoint; otherwise
  ///     the stage starts over from its initial weights (later stages are discarded).
  ///   - test: evaluated after R-STDP passes (best weights kept) and after the SVM stage.
  /// - Returns: true when the stage finished, false when stopped.
  public mutating func train(stage: Int, data: LabeledImages, test: LabeledImages?, path: String,
                             resume: Bool, passes: Int? = nil, evaluateEvery: Int = 1, saveEvery: Int = 10_000,
                             shouldStop: () -> Bool, report: (StageEvent) -> Void) throws -> Bool {
    guard (1...spec.stageCount).contains(stage) else {
      throw StageError.noSuchStage(path: path, stage: stage, stages: spec.stageCount)
    }
    if completedStages < stage - 1 {
      throw StageError.needsEarlierStage(path: path, stage: stage, completed: completedStages)
    }
    if stage > spec.layers.count {
      return try trainSVM(data: data, test: test, path: path, resume: resume, shouldStop: shouldStop, report: report)
    }
    let layer = stage - 1
    var progress: StageProgress? = nil
    if resume {
      guard let saved = training[stage: stage] else { throw StageError.nothingToResume(path: path, stage: stage) }
      if saved.finished { throw StageError.alreadyFinished(path: path, stage: stage) }
      if saved.trainingImages != data.count {
        throw StageError.dataChanged(path: path, stage: stage, started: saved.trainingImages, now: data.count)
      }
      progress = saved
    } else {
      restart(stage: stage)
    }
    let network = Network(spec: spec, weights: weights)
    report(.caching(split: "train", count: data.count))
    let inputs = WaveCache(count: data.count, shape: network.inputShape(layer: layer), timeSteps: spec.encoder.timeSteps) {
      network.input(of: layer, image: data.images[$0])
    }
    var testSet: (inputs: WaveCache, labels: [Int])? = nil
    if let test, spec.layers[layer].training.rule == .rstdp, evaluateEvery > 0 {
      report(.caching(split: "test", count: test.count))
      testSet = (WaveCache(count: test.count, shape: inputs.shape, timeSteps: inputs.timeSteps) {
        network.input(of: layer, image: test.images[$0])
      }, test.labels)
    }
    var trainer = LayerTrainer(network: network, layer: layer, inputs: inputs, labels: data.labels, test: testSet,
                               progress: progress, bestWeights: bestWeights[layer], passes: passes, seed: training.seed)
    trainer.evaluateEvery = evaluateEvery
    while true {
      let chunk = min(saveEvery, max(1, data.count - trainer.progress.position))
      let finished = trainer.run(maxImages: chunk, shouldStop: shouldStop) { event in
        switch event {
        case .image(let p): report(.image(progress: p))
        case .pass(let r, let p): report(.pass(r, progress: p))
        }
      }
      weights[layer] = trainer.network.weights[layer]
      bestWeights[layer] = trainer.bestWeights
      training[stage: stage] = trainer.progress
      try save(to: path)
      report(.saved(path: path))
      if finished { return true }
      if shouldStop() { return false }
    }
  }

  /// Forgets stage `stage` and everything after it, and re-draws its layer's initial weights.
  mutating func restart(stage: Int) {
    if stage <= spec.layers.count {
      let initial = initialWeights()
      for l in (stage - 1)..<spec.layers.count {
        weights[l] = initial[l]
        bestWeights[l] = nil
      }
    }
    if training.stages.count >= stage { training.stages.removeSubrange((stage - 1)...) }
    svm = nil
    svmTrainer = nil
    training.svm = nil
  }
}
