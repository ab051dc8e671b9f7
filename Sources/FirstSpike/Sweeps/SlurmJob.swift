/// The Slurm array job of a sweep (`firstspike sweep --slurm`): one task per unfinished
/// trial, each running `firstspike sweep-trial DIR`, which reads `SLURM_ARRAY_TASK_ID`. Tasks
/// are requeueable; with a time limit Slurm sends SIGTERM `signalSeconds` before it, and the
/// task saves its checkpoint and exits 143, so a requeued or resubmitted task resumes.
public struct SlurmJob: Sendable, Equatable {
  public var name: String
  public var folder: String
  public var executable: String
  /// The trial indices to run (the array's task ids).
  public var trials: [Int]
  public var cpusPerTask: Int
  public var memory: String?
  public var time: String?
  public var partition: String?
  /// At most this many tasks at once (`%K`).
  public var maxParallel: Int?
  /// Seconds before the time limit at which the task gets SIGTERM.
  public var signalSeconds: Int
  /// Further `#SBATCH` options, as written (`--account=lab`).
  public var extraOptions: [String]

  public init(name: String, folder: String, executable: String, trials: [Int], cpusPerTask: Int = 2, memory: String? = nil,
              time: String? = nil, partition: String? = nil, maxParallel: Int? = nil, signalSeconds: Int = 120,
              extraOptions: [String] = []) {
    self.name = name
    self.folder = folder
    self.executable = executable
    self.trials = trials
    self.cpusPerTask = cpusPerTask
    self.memory = memory
    self.time = time
    self.partition = partition
    self.maxParallel = maxParallel
    self.signalSeconds = signalSeconds
    self.extraOptions = extraOptions
  }

  /// `0-3,5,7-9` for the trials, then `%K`.
  public var arraySpec: String {
    var parts: [String] = [], i = 0
    let t = trials.sorted()
    while i < t.count {
      var j = i
      while j + 1 < t.count && t[j + 1] == t[j] + 1 { j += 1 }
      parts.append(i == j ? "\(t[i])" : "\(t[i])-\(t[j])")
      i = j + 1
    }
    return parts.joined(separator: ",") + (maxParallel.map { "%\($0)" } ?? "")
  }

  /// The batch script.
  public var script: String {
    var lines = [
      "#!/bin/bash",
      "# Sweep \(name): \(trials.count) trial\(trials.count == 1 ? "" : "s") of \(folder), written by firstspike sweep --slurm.",
      "# Each task runs one trial (SLURM_ARRAY_TASK_ID); see \(folder)/trials/NNNN/log.txt.",
      "#SBATCH --job-name=\(Self.jobName(name))",
      "#SBATCH --array=\(arraySpec)",
      "#SBATCH --cpus-per-task=\(cpusPerTask)",
      "#SBATCH --ntasks=1",
    ]
    if let memory { lines.append("#SBATCH --mem=\(memory)") }
    if let time {
      lines.append("#SBATCH --time=\(time)")
      lines.append("#SBATCH --signal=B:TERM@\(signalSeconds)")
    }
    if let partition { lines.append("#SBATCH --partition=\(partition)") }
    lines += [
      "#SBATCH --output=\(folder)/slurm/%A_%a.out",
      "#SBATCH --open-mode=append",
      "#SBATCH --requeue",
    ]
    lines += extraOptions.map { "#SBATCH \($0)" }
    lines += [
      "",
      "# Parallel loops use the task's CPUs; the trial saves and exits 143 on SIGTERM (scancel, preemption, time limit).",
      "export FIRSTSPIKE_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"",
      "exec \(Self.quote(executable)) sweep-trial \(Self.quote(folder))",
      "",
    ]
    return lines.joined(separator: "\n")
  }

  /// A job name Slurm and shells take: letters, digits, `-_.`.
  static func jobName(_ name: String) -> String {
    "firstspike-" + String(name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" }.prefix(40))
  }

  /// `s` in single quotes for bash.
  public static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
