import Foundation

/// Where a trial stands (`trials/NNNN/state.json`), written by its task at every change and
/// after every pass, so `sweep-report` shows a sweep in progress.
public struct TrialState: Sendable, Equatable, Codable {
  public enum Phase: String, Sendable, Codable, CaseIterable {
    /// Never started.
    case pending
    /// Its task waits for another task to finish a stage they share.
    case waiting
    case running
    /// Stopped by SIGTERM or Ctrl-C with its checkpoint saved: the next run resumes it.
    case preempted
    /// Stopped by an error (``TrialState/message``); the next run resumes from the checkpoint.
    case failed
    case done
  }

  public var phase: Phase = .pending
  /// Runs of its task so far.
  public var attempts = 0
  /// Wall time of all attempts (the current one so far).
  public var seconds = 0.0
  public var timing = TrialTiming()
  /// Progress: the stage and pass running (or last run).
  public var stage: Int?
  public var pass: Int?
  public var passes: Int?
  /// Test accuracy after the latest evaluated pass.
  public var lastTestAccuracy: Double?
  /// The sweep's metric of the finished trial, and its last stage's best evaluated pass.
  public var metric: Double?
  public var bestPass: Int?
  public var bestTestAccuracy: Double?
  /// Where and when it last ran.
  public var host: String?
  public var pid: Int32?
  public var updated: String?
  /// Why it failed or stopped.
  public var message: String?

  public init() {}

  /// The state at `path`; a missing file is a pending trial.
  public static func read(_ path: String) throws -> TrialState {
    guard let bytes = FileManager.default.contents(atPath: path) else { return TrialState() }
    do {
      return try JSONDecoder().decode(TrialState.self, from: bytes)
    } catch {
      throw SweepFolderError(path: path, reason: "not a trial state (\(error))")
    }
  }

  public func write(_ path: String) throws {
    try AtomicFile.write([UInt8](SweepFolder.encode(self)), to: path)
  }

  /// "stage 3, pass 2/5" while it runs.
  public var progress: String? {
    guard let stage else { return nil }
    guard let pass, let passes else { return "stage \(stage)" }
    return "stage \(stage), pass \(pass)/\(passes)"
  }
}

/// Where a trial's wall time went, summed over its attempts (seconds).
public struct TrialTiming: Sendable, Equatable, Codable {
  /// Process start to the trial runner (exec, loading the binary, parsing the command).
  public var startup = 0.0
  /// Reading the plan and the data, making or opening checkpoints, writing state.
  public var setup = 0.0
  /// Waiting for another task to train a shared stage.
  public var waiting = 0.0
  /// Inside the stage runner (training, its test evaluations and saves).
  public var training = 0.0
  /// Evaluating the finished checkpoint for the metric.
  public var evaluation = 0.0

  public init() {}

  /// Start-up and bookkeeping: the time that is neither training, evaluating nor waiting.
  public var overhead: Double { startup + setup }

  public static func + (a: TrialTiming, b: TrialTiming) -> TrialTiming {
    var t = a
    t.startup += b.startup
    t.setup += b.setup
    t.waiting += b.waiting
    t.training += b.training
    t.evaluation += b.evaluation
    return t
  }
}
