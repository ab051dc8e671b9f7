import ArgumentParser
import FirstSpike
import Foundation

struct SweepTrialCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep-trial",
    abstract: "Run one trial of a sweep folder (what each worker, Slurm array task or Kubernetes pod runs).",
    discussion: """
      Without --trial the trial is the scheduler's task index: SLURM_ARRAY_TASK_ID (Slurm job \
      arrays) or JOB_COMPLETION_INDEX (Kubernetes indexed jobs). Output goes to the trial's \
      log.txt; one line about the outcome goes to the original stderr. A finished trial is \
      skipped; a preempted or failed one continues from its checkpoint. Exit status: 0 done, \
      143 stopped by SIGTERM and 130 by Ctrl-C (checkpoint saved: run it again to resume), 1 \
      failed.

      Examples:
        firstspike sweep-trial runs/moz --trial 3
        SLURM_ARRAY_TASK_ID=3 firstspike sweep-trial runs/moz
      """)

  @Argument(help: "Sweep folder (written by firstspike sweep).") var folder: String
  @Option(help: "Trial index (0-based; default: the scheduler's task index).") var trial: Int?
  @Flag(help: "Print to stdout/stderr instead of the trial's log.txt.") var noLog = false

  func run() throws {
    let startup = processAge()
    Interrupt.install()
    let sweep = SweepFolder(folder)
    let plan = try sweep.readPlan()
    guard let index = try trial ?? SchedulerTask.index(environment: ProcessInfo.processInfo.environment) else {
      throw ValidationError("give --trial N, or run as a task of a Slurm array or Kubernetes indexed job (\(SchedulerTask.variables.joined(separator: ", ")))")
    }
    guard plan.trials.indices.contains(index) else {
      throw FileProblem(path: sweep.planPath, reason: "trial \(index) does not exist (the sweep has trials 0…\(plan.trials.count - 1))")
    }
    let console = noLog ? FileHandle.standardError : try redirectOutput(toLog: sweep.log(index, of: plan.trials.count))
    func tell(_ line: String) {
      console.write(Data("firstspike sweep-trial: trial \(index): \(line)\n".utf8))
    }
    print("---- \(ISO8601DateFormatter().string(from: Date())) \(ProcessInfo.processInfo.hostName) pid \(getpid())")
    let printer = StagePrinter()
    let runner = TrialRunner(folder: sweep, plan: plan, trial: index, startup: startup, shouldStop: { Interrupt.requested },
                             report: printer.handle, note: { print($0); fflush(nil) })
    do {
      let outcome = try runner.run()
      printer.finish()
      switch outcome {
      case .done(let before):
        tell(before ? "already done" : "done")
      case .stopped:
        let signal = Interrupt.signal ?? SIGTERM
        print("stopped by signal \(signal); checkpoint saved, the next run resumes it")
        fflush(nil)
        tell("stopped by signal \(signal), checkpoint saved")
        throw ExitCode(128 + signal)
      }
    } catch let error as any FirstSpikeError {
      printer.finish()
      tell("failed: \(error.description)")
      throw error
    }
  }
}
