import ArgumentParser
import FirstSpike
import Foundation

struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Run a parameter sweep: many trainings of one model, locally or as one Slurm array job.",
    discussion: """
      SPEC.json names a base model, the stages to train and their options, the parameters to \
      vary (spec fields by JSON path, stage options, the seed) as a grid or a seeded random \
      sample, and the metric (docs/sweeps.md). The sweep expands into trials, each a folder \
      under DIR/trials with its own checkpoint, log and state; stages that several trials \
      share are trained once under DIR/shared. Run again with the same SPEC and DIR to \
      continue: finished trials are skipped, stopped or failed ones resume from their \
      checkpoints.

      Locally, --workers N child processes run the trials (Ctrl-C: every trial saves and \
      stops). --slurm writes DIR/slurm/job.sh, one sbatch --array task per unfinished trial, \
      and submits it (--slurm-dry-run prints it). Kubernetes indexed jobs run \
      `firstspike sweep-trial DIR` after --plan-only (docs/sweeps.md has a Job manifest). \
      `firstspike sweep-report DIR` shows the results, also while the sweep runs.

      Examples:
        firstspike sweep docs/sweeps/mozafari2019-stage3.json --out runs/moz --workers 2
        firstspike sweep moz.json --out /shared/runs/moz --slurm --partition gpu --cpus-per-task 4 --time 02:00:00
        firstspike sweep moz.json --out runs/moz --slurm-dry-run
        firstspike sweep-report runs/moz
      """)

  @Argument(help: "Sweep spec (JSON, docs/sweeps.md).") var spec: String
  @Option(help: "Sweep folder (created; an existing one of the same sweep is continued).") var out: String
  @Option(help: "Trials run at once on this machine.") var workers = 1
  @Flag(help: "Only expand the sweep into DIR (for Kubernetes or other launchers), run nothing.") var planOnly = false
  @Flag(help: "Submit one Slurm array job (sbatch) instead of running locally.") var slurm = false
  @Flag(help: "Print the Slurm batch script and stop (submits nothing, writes nothing).") var slurmDryRun = false
  @OptionGroup var slurmOptions: SlurmOptions

  func validate() throws {
    if workers < 1 { throw ValidationError("--workers must be 1 or more, not \(workers)") }
    if slurm && slurmDryRun { throw ValidationError("give --slurm or --slurm-dry-run, not both") }
    if planOnly && (slurm || slurmDryRun) { throw ValidationError("--plan-only runs nothing: drop --slurm") }
  }

  func run() throws {
    let cwd = FileManager.default.currentDirectoryPath
    let root = out.hasPrefix("/") ? out : URL(fileURLWithPath: out, relativeTo: URL(fileURLWithPath: cwd, isDirectory: true)).standardizedFileURL.path
    let folder = SweepFolder(root)
    let planStart = ContinuousClock.now
    let plan = try makePlan(cwd: cwd)
    let planned = seconds(ContinuousClock.now - planStart)
    let unfinished = try plan.trials.map(\.index).filter { try TrialState.read(folder.state($0, of: plan.trials.count)).phase != .done }
    if slurmDryRun {
      print(try slurmOptions.job(plan: plan, folder: root, trials: unfinished).script, terminator: "")
      return
    }
    let existed = try folder.create(plan)
    let shared = Set(plan.trials.flatMap { $0.stages.filter(\.shared).map(\.key) }).count
    print("\(plan.spec.name): \(plan.trials.count) trials (\(unfinished.count) to run), \(shared) shared stage\(shared == 1 ? "" : "s"); \(existed ? "continuing" : "planned") in \(root) (\(String(format: "%.2f", planned)) s)")
    if planOnly || unfinished.isEmpty {
      if planOnly { print("run each trial with: firstspike sweep-trial \(root) --trial I   (I = 0…\(plan.trials.count - 1), or the scheduler's task index)") }
      if unfinished.isEmpty { print(try SweepReport.load(folder).markdown()) }
      return
    }
    if slurm {
      try slurmOptions.submit(try slurmOptions.job(plan: plan, folder: root, trials: unfinished), folder: folder)
      return
    }
    try runLocally(plan: plan, folder: folder, trials: unfinished)
  }

  func makePlan(cwd: String) throws -> SweepPlan {
    let spec = try SweepSpec.read(path: self.spec, workingDirectory: cwd)
    let d = spec.data
    let (probe, record, _) = try TrainingData.load(path: d.path, split: .train, trainFraction: d.trainFraction, splitSeed: d.splitSeed,
                                                limit: 1, verifyChecksums: d.verifyChecksums)
    let models = try TrialModels(base: spec.base)
    let plan = try SweepPlan.make(spec: spec, models: models, data: record, file: self.spec)
    try checkMetric(plan, models: models, record: record, probe: probe)
    return plan
  }

  /// Fails now, not after the first trial trained, when the metric is not a number of the
  /// model's evaluation report (checked on one image where the untrained model can evaluate).
  func checkMetric(_ plan: SweepPlan, models: TrialModels, record: DataRecord, probe: LabeledImages) throws {
    let trial = plan.trials[0]
    let model = try models.model(settings: trial.settings, seed: trial.seed, data: record)
    guard model.inferenceProblem(checkpoint: "") == nil else { return }
    let json = model.evaluate(probe, threads: 1).json(EvaluationContext(checkpoint: "", split: "train", seconds: 0, threads: 1))
    let numbers = json.filter { !($0.value is Bool) && ($0.value is Double || $0.value is Int) }.keys.sorted()
    guard numbers.contains(plan.spec.metric.name) else {
      throw SweepSpecError(file: self.spec, path: "metric.name",
                           reason: "'\(plan.spec.metric.name)' is not a number of \(model.name)'s evaluation report (numbers: \(numbers.joined(separator: ", ")))")
    }
  }

  func runLocally(plan: SweepPlan, folder: SweepFolder, trials: [Int]) throws {
    Interrupt.install()
    let threads = max(1, defaultThreadCount / workers)
    let pool = WorkerPool(executable: executablePath(), folder: folder, plan: plan, trials: trials, workers: workers, threads: threads)
    let start = ContinuousClock.now
    print("running \(trials.count) trials, \(workers) at a time, \(threads) thread\(threads == 1 ? "" : "s") each; logs in \(folder.root)/trials/*/log.txt")
    try pool.run { line in
      print(String(format: "[%7.1f s] ", seconds(ContinuousClock.now - start)) + line)
      fflush(nil)
    }
    let report = try SweepReport.load(folder)
    print("")
    print(report.markdown())
    print(report.overheadSummary(trials: pool.finished.filter { $0.status == 0 }.map { ($0.trial, $0.seconds) }))
    if Interrupt.requested { throw ExitCode(128 + (Interrupt.signal ?? SIGINT)) }
    if pool.finished.contains(where: { $0.status != 0 }) { throw ExitCode(1) }
  }
}
