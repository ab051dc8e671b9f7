/// Why a training stage cannot start or resume.
public enum StageError: FirstSpikeError, Equatable {
  case noSuchStage(path: String, stage: Int, stages: Int)
  case needsEarlierStage(path: String, stage: Int, completed: Int)
  case nothingToResume(path: String, stage: Int)
  case alreadyFinished(path: String, stage: Int)
  case dataChanged(path: String, stage: Int, started: Int, now: Int)
  case modelMismatch(path: String, inFile: String, requested: String)
  /// Starting `stage` over would discard the saved training listed in `saved`.
  case wouldDiscard(path: String, stage: Int, saved: [String])
  /// The data cannot train the model (labels outside its classes, too many images to cache).
  case dataMismatch(path: String, reason: String)

  public var description: String {
    switch self {
    case .noSuchStage(let path, let stage, let stages):
      return "\(path): the model has stages 1...\(stages), not \(stage)"
    case .needsEarlierStage(let path, let stage, let completed):
      return "\(path): stage \(stage) needs stages 1...\(stage - 1) trained first (\(completed == 0 ? "none is" : "only 1...\(completed) are") finished in this checkpoint)"
    case .nothingToResume(let path, let stage):
      return "\(path): stage \(stage) has no interrupted run to resume (train it without --resume)"
    case .alreadyFinished(let path, let stage):
      return "\(path): stage \(stage) is already finished (train it again without --resume to start over)"
    case .dataChanged(let path, let stage, let started, let now):
      return "\(path): stage \(stage) was started on \(started) images per pass, now \(now) (use the same --limit to resume)"
    case .modelMismatch(let path, let inFile, let requested):
      return "\(path): holds model '\(inFile)', not '\(requested)'"
    case .wouldDiscard(let path, let stage, let saved):
      return "\(path): stage \(stage) already holds training (\(saved.joined(separator: ", "))); --resume continues an unfinished run, --retrain starts stage \(stage) over (keeping the current file as a backup)"
    case .dataMismatch(let path, let reason):
      return "\(path): \(reason)"
    }
  }
}
