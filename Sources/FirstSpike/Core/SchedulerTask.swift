/// The index of this process among the tasks of a cluster job: Slurm job arrays set
/// `SLURM_ARRAY_TASK_ID`, Kubernetes indexed jobs `JOB_COMPLETION_INDEX`. Sweeps
/// (`firstspike sweep-trial`) and sharded evaluation (`evaluate --shard auto/N`) read it, so
/// one command line serves every task of an array.
public enum SchedulerTask {
  /// The variables read, in order.
  public static let variables = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"]

  /// The task index from `environment`, nil when no variable is set.
  /// - Throws: ``SchedulerTaskError`` when one is set but not a number ≥ 0.
  public static func index(environment: [String: String]) throws(SchedulerTaskError) -> Int? {
    for name in variables {
      guard let text = environment[name] else { continue }
      guard let i = Int(text), i >= 0 else { throw SchedulerTaskError(variable: name, value: text) }
      return i
    }
    return nil
  }
}

/// A task-index variable that does not hold a task index.
public struct SchedulerTaskError: FirstSpikeError, Equatable {
  public var variable: String
  public var value: String
  public var description: String { "\(variable)='\(value)' is not a task index (a whole number from 0)" }
}
