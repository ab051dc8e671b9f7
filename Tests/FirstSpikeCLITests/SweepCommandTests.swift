import FirstSpike
import FirstSpikeTestSupport
import Foundation
import Testing

/// End-to-end: a 2-trial sweep of a tiny mozafari2019 (3 stages, stages 1 and 2 shared) on 30
/// MNIST images: one trial stopped by SIGTERM in its first (shared) stage exits 143 and
/// resumes; `sweep --workers 2` runs the rest; every trial equals the same model trained with
/// `train` and evaluated with `evaluate` (sharing and resuming change nothing); the report's
/// formats; reruns skip finished trials; a folder never mixes two sweeps; the Slurm script.
@Suite(.serialized) struct SweepCommandTests {
  static let scratch = TempDirectory("sweep")
  static let data = try! makeMiniMNIST(in: scratch.path, train: 30, test: 20)
  static let modelSpec = TinyModels.mozafariSpecFile(in: scratch.path)

  static func sweepSpec(dropouts: String = "[0, 0.3]") -> String {
    let text = """
      {"name": "tiny", "spec": "\(modelSpec)", "data": "\(data)", "skipChecksums": true, "limit": 30, "testLimit": 20,
       "stages": [{"stage": 1, "epochs": 40}, {"stage": 2, "epochs": 1}, {"stage": 3, "epochs": 2, "saveEvery": 10}],
       "parameters": [{"name": "dropout", "path": "layers[2].training.inputDropout", "values": \(dropouts)}],
       "metric": {"name": "accuracy", "limit": 20}}
      """
    let path = scratch.file("sweep-\(abs(dropouts.hashValue)).json")
    try! text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func strip(_ evaluation: String) -> String {
    evaluation.replacingOccurrences(of: #""seconds":[0-9.eE+-]+"#, with: "", options: .regularExpression)
      .replacingOccurrences(of: #""checkpoint":"[^"]*""#, with: "", options: .regularExpression)
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  static func state(_ folder: String, _ trial: Int) throws -> TrialState {
    try TrialState.read(SweepFolder(folder).state(trial, of: 2))
  }

  /// The evaluation of the trial's model trained with `train` (no sweep, no sharing).
  static func trainedDirectly(dropout: String) throws -> String {
    let checkpoint = scratch.file("direct-\(dropout).fspk")
    let common = ["--data", data, "--limit", "30", "--checkpoint", checkpoint, "--skip-checksums"]
    for (stage, epochs) in [(1, 40), (2, 1), (3, 2)] {
      let model = stage == 1 ? ["--spec", modelSpec, "--set", "layers[2].training.inputDropout=\(dropout)"] : []
      let r = try runFirstSpike(["train", "--stage", "\(stage)", "--epochs", "\(epochs)", "--test-limit", "20"] + model + common)
      #expect(r.status == 0, "\(r.stderr)")
    }
    let e = try runFirstSpike(["evaluate", "--checkpoint", checkpoint, "--data", data, "--limit", "20", "--json", "--skip-checksums"])
    #expect(e.status == 0, "\(e.stderr)")
    return e.stdout
  }

  @Test func sweepStopsResumesSharesAndReports() throws {
    let spec = Self.sweepSpec(), out = Self.scratch.file("run")
    let plan = try runFirstSpike(["sweep", spec, "--out", out, "--plan-only"])
    #expect(plan.status == 0, "\(plan.stderr)")
    #expect(plan.stdout.contains("tiny: 2 trials (2 to run), 2 shared stages; planned in \(out)"), "\(plan.stdout)")

    // Trial 0 alone, stopped by SIGTERM while it trains the shared stage 1.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: firstSpikeBinary)
    process.arguments = ["sweep-trial", out, "--trial", "0"]
    process.standardError = FileHandle.nullDevice
    try process.run()
    let log = SweepFolder(out).log(0, of: 2)
    // A trial runs in one task at a time: a second one is refused while the first holds it.
    do {
      let lock = try #require(try FileLock.acquire(SweepFolder(out).trialFolder(1, of: 2) + "/.lock", holder: "the test",
                                                   shouldStop: { true }, whileWaiting: { _ in }))
      let second = try runFirstSpike(["sweep-trial", out, "--trial", "1", "--no-log"])
      #expect(second.status == 1 && second.stderr.contains("trial 1 is running in another task (the test)"), "\(second.stderr)")
      withExtendedLifetime(lock) {}
    }
    // Stopped once stage 1 trains images (its state names the pass), so SIGTERM saves a
    // checkpoint inside the stage and the rerun resumes from it.
    for _ in 0..<3000 {
      if let s = try? Self.state(out, 0), s.stage == 1, s.pass != nil { break }
      usleep(2_000)
    }
    process.terminate()
    process.waitUntilExit()
    #expect(process.terminationStatus == 143)
    let stopped = try Self.state(out, 0)
    #expect(stopped.phase == .preempted)
    let partial = try runFirstSpike(["sweep-report", out])
    #expect(partial.stdout.contains("2 trials: 1 preempted, 1 pending") && partial.stdout.contains("| preempted (stage "),
            "\(partial.stdout)")

    // The whole sweep: trial 0 resumes, trial 1 reuses the shared stages.
    let run = try runFirstSpike(["sweep", spec, "--out", out, "--workers", "2"])
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(run.stdout.contains("2 trials: 2 done") && run.stdout.contains("overhead (start-up + setup)"), "\(run.stdout)")
    let (t0, t1) = (try Self.state(out, 0), try Self.state(out, 1))
    #expect(t0.phase == .done && t0.attempts == 2 && t1.phase == .done && t1.attempts == 1)
    let resumed = try String(contentsOfFile: log, encoding: .utf8)
    #expect(resumed.contains("resuming at pass "), "stopped at \(stopped.progress ?? "?"): \(resumed)")
    let done = try FileManager.default.contentsOfDirectory(atPath: out + "/shared").filter { $0.hasSuffix(".done") }
    #expect(done.count == 2, "stage 1 and stage 2, each trained once")
    let logs = try (0..<2).map { try String(contentsOfFile: SweepFolder(out).log($0, of: 2), encoding: .utf8) }
    #expect(logs.joined().components(separatedBy: "stage 2 (shared, key").count - 1 == 1, "one trial trains shared stage 2")

    // Sharing and resuming are invisible: the same figures as training each model directly.
    for (trial, dropout) in [(0, "0"), (1, "0.3")] {
      let evaluation = try String(contentsOfFile: SweepFolder(out).evaluation(trial, of: 2), encoding: .utf8)
      #expect(Self.strip(evaluation) == Self.strip(try Self.trainedDirectly(dropout: dropout)), "trial \(trial)")
      #expect(try Self.state(out, trial).metric != nil)
    }

    // The report in every format, and files.
    let csv = try runFirstSpike(["sweep-report", out, "--format", "csv"])
    #expect(csv.stdout.split(separator: "\n").count == 3 && csv.stdout.hasPrefix("trial,dropout,accuracy,best_pass,"))
    let json = try runFirstSpike(["sweep-report", out, "--format", "json"])
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect((object?["trials"] as? [Any])?.count == 2 && object?["summary"] as? String == "2 trials: 2 done")
    let prefix = Self.scratch.file("report")
    let files = try runFirstSpike(["sweep-report", out, "--out", prefix])
    #expect(files.status == 0)
    for ext in ["md", "csv", "json", "svg"] { #expect(FileManager.default.fileExists(atPath: "\(prefix).\(ext)"), "\(ext)") }
    #expect(try String(contentsOfFile: prefix + ".svg", encoding: .utf8).contains("accuracy vs dropout"))

    // A rerun has nothing to do; another sweep may not use the folder.
    let again = try runFirstSpike(["sweep", spec, "--out", out])
    #expect(again.status == 0 && again.stdout.contains("2 trials (0 to run)"), "\(again.stdout)")
    let trialAgain = try runFirstSpike(["sweep-trial", out], environment: ["JOB_COMPLETION_INDEX": "1"])
    #expect(trialAgain.status == 0 && trialAgain.stderr.contains("trial 1: already done"), "\(trialAgain.stderr)")
    let other = try runFirstSpike(["sweep", Self.sweepSpec(dropouts: "[0.1, 0.2]"), "--out", out])
    #expect(other.status == 1 && other.stderr.contains("\(out)/plan.json: the folder holds another sweep"), "\(other.stderr)")
  }

  @Test func slurmDryRunPrintsTheArrayJob() throws {
    let out = Self.scratch.file("dry")
    let r = try runFirstSpike(["sweep", Self.sweepSpec(), "--out", out, "--slurm-dry-run", "--partition", "short",
                               "--cpus-per-task", "3", "--time", "00:30:00", "--max-parallel", "1"])
    #expect(r.status == 0, "\(r.stderr)")
    for line in ["#SBATCH --array=0-1%1", "#SBATCH --partition=short", "#SBATCH --cpus-per-task=3", "#SBATCH --time=00:30:00",
                 "#SBATCH --signal=B:TERM@120", "#SBATCH --output=\(out)/slurm/%A_%a.out"] {
      #expect(r.stdout.contains(line + "\n"), "\(line)")
    }
    #expect(r.stdout.contains("sweep-trial '\(out)'"))
    #expect(!FileManager.default.fileExists(atPath: out), "a dry run writes nothing")
    let noSbatch = try runFirstSpike(["sweep", Self.sweepSpec(), "--out", Self.scratch.file("nosbatch"), "--slurm"],
                                     environment: ["PATH": "/nonexistent"])
    #expect(noSbatch.status == 1 && noSbatch.stderr.contains("job.sh: written, but sbatch is not on the PATH"), "\(noSbatch.stderr)")
    let metric = Self.scratch.file("bad-metric.json")
    try String(contentsOfFile: Self.sweepSpec(), encoding: .utf8).replacingOccurrences(of: "\"name\": \"accuracy\"", with: "\"name\": \"acuracy\"")
      .write(toFile: metric, atomically: true, encoding: .utf8)
    let badMetric = try runFirstSpike(["sweep", metric, "--out", Self.scratch.file("badmetric")])
    #expect(badMetric.status == 1 && badMetric.stderr.contains("bad-metric.json: metric.name: 'acuracy' is not a number of tiny-mozafari's evaluation report (numbers: accuracy, correct, images, seconds, silent)"),
            "\(badMetric.stderr)")
    let noIndex = try runFirstSpike(["sweep-trial", out])
    #expect(noIndex.status == 1 && noIndex.stderr.contains("\(out)/plan.json: cannot be read"), "\(noIndex.stderr)")
  }
}
