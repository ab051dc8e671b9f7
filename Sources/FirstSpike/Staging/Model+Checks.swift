/// Checks before a model is used for inference, the same for every kind.
extension Model {
  /// The first stage that has never run, as one line, or nil (an interrupted stage counts as
  /// run: its saved weights are used).
  public var untrainedStageProblem: String? {
    for s in 1...max(1, stageCount) where stageStatus(s) == nil {
      return "stage \(s) of \(stageCount) (\(stageSummary(s, passes: nil))) has never been trained, so the model cannot decide yet; train it first (firstspike train --stage \(s) …)"
    }
    return nil
  }
}
