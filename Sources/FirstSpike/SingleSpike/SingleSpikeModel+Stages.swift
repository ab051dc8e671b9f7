/// Stages of a single-spike model: stage `i ≤ layers` trains layer `i` with STDP or R-STDP
/// (``LayerStageTrainer``); a model with an SVM readout has one more stage that trains the SVM
/// on the frozen network's features (``SVMStageTrainer``). ``StageRunner`` drives them.
extension SingleSpikeModel {
  public var stageCount: Int { spec.stageCount }

  public func stageStatus(_ stage: Int) -> StageStatus? {
    if stage > spec.layers.count {
      guard let r = training.svm else { return nil }
      return StageStatus(trainingImages: r.trainingImages, finished: r.finished, location: "the SVM solver")
    }
    guard let p = training[stage: stage] else { return nil }
    return StageStatus(trainingImages: p.trainingImages, finished: p.finished,
                       location: "pass \(p.passesDone + 1), image \(p.position)")
  }

  public func stageSummary(_ stage: Int, passes: Int?) -> String {
    guard stage <= spec.layers.count else { return "linear SVM readout" }
    let l = spec.layers[stage - 1]
    return "layer \(stage) (\(l.inChannels)→\(l.outChannels), k \(l.kernel)), \(l.training.rule.rawValue.uppercased()), \(passes ?? l.training.passes) passes"
  }

  public func stageUsesTestSet(_ stage: Int, options: StageOptions) -> Bool {
    stage > spec.layers.count || spec.layers[stage - 1].training.rule == .rstdp
  }

  /// Forgets stage `stage` and everything after it, and re-draws the initial weights of its
  /// layer and the later ones (the SVM stage forgets only the SVM).
  public mutating func restart(stage: Int) {
    if stage <= spec.layers.count {
      let initial = initialWeights(from: stage - 1)
      for l in (stage - 1)..<spec.layers.count {
        weights[l] = initial[l]!
        bestWeights[l] = nil
      }
      if training.stages.count >= stage { training.stages.removeSubrange((stage - 1)...) }
    }
    svm = nil
    svmTrainer = nil
    training.svm = nil
  }

  public func trainer(stage: Int, data: LabeledImages, test: LabeledImages?, options: StageOptions,
                      resuming: Bool, report: (StageEvent) -> Void) throws -> SingleSpikeStageTrainer {
    if let problem = spec.readoutProblem { throw SpecFileError(path: "model '\(spec.name)'", reason: problem) }
    if stage > spec.layers.count {
      return .second(try SVMStageTrainer(model: self, data: data, test: test, resuming: resuming, report: report))
    }
    return .first(LayerStageTrainer(model: self, stage: stage, data: data, test: test, options: options,
                                    resuming: resuming, report: report))
  }
}

/// The trainer of one stage of a single-spike model: a layer or the SVM readout.
public typealias SingleSpikeStageTrainer = EitherStageTrainer<LayerStageTrainer, SVMStageTrainer>
