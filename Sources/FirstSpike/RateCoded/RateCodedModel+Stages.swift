/// Stages of a rate-coded model: stage 1 is unsupervised STDP (``RateCodedSTDPStage``,
/// resumable at any image), stage 2 labels every excitatory neuron by its mean response per
/// class and measures the test accuracy (``LabelAssignmentStage``, one step). ``StageRunner``
/// drives them.
extension RateCodedModel {
  public var stageCount: Int { Self.stageCount }

  public func stageStatus(_ stage: Int) -> StageStatus? {
    if stage == 2 {
      guard let r = training.stage2 else { return nil }
      return StageStatus(trainingImages: r.labellingImages, finished: true, resumable: false, location: "label assignment")
    }
    guard let p = training.stage1 else { return nil }
    return StageStatus(trainingImages: p.trainingImages, finished: p.finished,
                       location: "pass \(p.passesDone + 1), image \(p.position)")
  }

  public func stageSummary(_ stage: Int, passes: Int?) -> String {
    stage == 1 ? "unsupervised STDP, \(passes ?? training.stage1?.passes ?? 1) passes" : "label assignment"
  }

  public func stageUsesTestSet(_ stage: Int, options: StageOptions) -> Bool {
    stage == 2 && options.evaluateEvery > 0
  }

  /// Stage 1 starts over from the seed's initial weights and θ = 0 and forgets stage 2;
  /// stage 2 replaces the labels when it finishes.
  public mutating func restart(stage: Int) {
    guard stage == 1 else { return }
    model = Self.initialModel(spec: spec, seed: training.seed)
    training.stage1 = nil
    training.stage2 = nil
    training.history = []
    assignment = nil
  }

  public func trainer(stage: Int, data: LabeledImages, test: LabeledImages?, options: StageOptions,
                      resuming: Bool, report: (StageEvent) -> Void) throws -> RateCodedStageTrainer {
    if stage == 2 { return .second(LabelAssignmentStage(model: self, data: data, test: test)) }
    return .first(RateCodedSTDPStage(model: self, data: data, passes: options.passes, resuming: resuming))
  }
}

/// The trainer of one stage of a rate-coded model: STDP or label assignment.
public typealias RateCodedStageTrainer = EitherStageTrainer<RateCodedSTDPStage, LabelAssignmentStage>
