/// The options of a checkpoint's latest `train` run that decide what it computes, saved with
/// the checkpoint (in each kind's training record), so that
/// `firstspike train --checkpoint m.fspk --resume` needs nothing else and a resumed run cannot
/// silently differ from the one it continues. The data set's path and split are in
/// ``DataRecord``.
public struct TrainingRun: Codable, Sendable, Equatable {
  /// The stage trained (1-based).
  public var stage: Int
  /// `--epochs`: passes asked for (nil: the model's own number).
  public var epochs: Int?
  /// `--limit`: training images per pass (nil: the whole split).
  public var limit: Int?
  /// `--test-limit`: test images evaluated (nil: the whole split).
  public var testLimit: Int?
  /// `--eval-every`: test evaluation every N passes (0 = never).
  public var evaluateEvery: Int
  /// `--save-every`: images between saves within a pass (does not change the results).
  public var saveEvery: Int

  public init(stage: Int, epochs: Int?, limit: Int?, testLimit: Int?, evaluateEvery: Int, saveEvery: Int) {
    self.stage = stage
    self.epochs = epochs
    self.limit = limit
    self.testLimit = testLimit
    self.evaluateEvery = evaluateEvery
    self.saveEvery = saveEvery
  }
}

extension TrainingRun {
  /// What is out of range in a recorded run of a model of `stages` stages (a crafted
  /// checkpoint's record must not reach `--resume` as a negative limit or a save every 0
  /// images), or nil.
  public func problem(stages: Int) -> String? {
    if !(1...max(1, stages)).contains(stage) { return "stage \(stage) of a model of \(stages) stages" }
    if let epochs, !(1...ModelSpec.maxPasses).contains(epochs) { return "epochs \(epochs) outside 1...\(ModelSpec.maxPasses)" }
    if let limit, limit < 1 { return "limit \(limit) below 1" }
    if let testLimit, testLimit < 1 { return "testLimit \(testLimit) below 1" }
    if evaluateEvery < 0 { return "evaluateEvery \(evaluateEvery) below 0" }
    if saveEvery < 1 { return "saveEvery \(saveEvery) below 1" }
    return nil
  }
}
