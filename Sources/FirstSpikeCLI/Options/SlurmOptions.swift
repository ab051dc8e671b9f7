import ArgumentParser
import FirstSpike
import Foundation

/// Resources of a sweep's Slurm array job, and its submission.
struct SlurmOptions: ParsableArguments {
  @Option(help: "Slurm partition.") var partition: String?
  @Option(help: "CPUs per task (FIRSTSPIKE_THREADS in the task).") var cpusPerTask = 2
  @Option(help: "Memory per task (sbatch --mem, e.g. 4G).") var mem: String?
  @Option(help: "Time limit per task (sbatch --time, e.g. 02:00:00); SIGTERM comes 120 s before it, and the trial saves.")
  var time: String?
  @Option(help: "At most this many tasks at once (--array=…%K).") var maxParallel: Int?
  @Option(name: .customLong("sbatch-option"), help: ArgumentHelp("A further #SBATCH option, e.g. --account=lab (repeatable).", valueName: "option"))
  var sbatchOptions: [String] = []

  func validate() throws {
    if cpusPerTask < 1 { throw ValidationError("--cpus-per-task must be 1 or more") }
    if let maxParallel, maxParallel < 1 { throw ValidationError("--max-parallel must be 1 or more") }
    for v in [partition, mem, time].compactMap({ $0 }) + sbatchOptions where v.contains(where: { $0.isNewline }) {
      throw ValidationError("Slurm options are one line each")
    }
  }

  func job(plan: SweepPlan, folder: String, trials: [Int]) throws -> SlurmJob {
    guard !folder.contains(where: { $0.isWhitespace }) else {
      throw FileProblem(path: folder, reason: "a Slurm sweep folder may not contain spaces (#SBATCH --output cannot quote them)")
    }
    return SlurmJob(name: plan.spec.name, folder: folder, executable: executablePath(), trials: trials, cpusPerTask: cpusPerTask,
                    memory: mem, time: time, partition: partition, maxParallel: maxParallel, extraOptions: sbatchOptions)
  }

  /// Writes `DIR/slurm/job.sh` and submits it with `sbatch --parsable`.
  func submit(_ job: SlurmJob, folder: SweepFolder) throws {
    try FileManager.default.createDirectory(atPath: folder.slurmFolder, withIntermediateDirectories: true)
    let script = folder.slurmFolder + "/job.sh"
    try Data(job.script.utf8).write(to: URL(fileURLWithPath: script))
    guard let sbatch = Self.which("sbatch") else {
      throw FileProblem(path: script, reason: "written, but sbatch is not on the PATH (is this a Slurm login node?)")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: sbatch)
    process.arguments = ["--parsable", script]
    let (out, err) = (Pipe(), Pipe())
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    let id = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard process.terminationStatus == 0, !id.isEmpty else {
      throw FileProblem(path: script, reason: "sbatch failed (exit \(process.terminationStatus)): \(message)")
    }
    let jobs = folder.slurmFolder + "/jobs.txt"
    let line = "\(id.split(separator: ";").first ?? "") \(job.arraySpec) \(ISO8601DateFormatter().string(from: Date()))\n"
    if let handle = FileHandle(forWritingAtPath: jobs) {
      handle.seekToEndOfFile()
      handle.write(Data(line.utf8))
      handle.closeFile()
    } else {
      try Data(line.utf8).write(to: URL(fileURLWithPath: jobs))
    }
    print("submitted Slurm job \(id) (array \(job.arraySpec)); script \(script)")
    print("follow it with: squeue --job \(id.split(separator: ";").first ?? "");  firstspike sweep-report \(folder.root)")
  }

  static func which(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let path = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }
}
