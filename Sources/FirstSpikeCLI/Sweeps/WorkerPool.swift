import FirstSpike
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the unfinished trials of a sweep folder locally: at most `workers` child processes
/// (`firstspike sweep-trial DIR --trial I`) at a time, each in its own process group, so a
/// Ctrl-C or SIGTERM reaches each child exactly once (forwarded by the pool: the children
/// save and stop). A trial whose shared stage another running child is training waits its
/// turn while other trials can run, so two workers never both train the same stage.
final class WorkerPool {
  struct Finished {
    var trial: Int
    var status: Int32
    var seconds: Double
  }

  let executable: String
  let folder: SweepFolder
  let plan: SweepPlan
  let workers: Int
  let environment: [String: String]
  var pending: [Int]
  var running: [pid_t: (trial: Int, start: ContinuousClock.Instant, claims: [String])] = [:]
  var finished: [Finished] = []

  init(executable: String, folder: SweepFolder, plan: SweepPlan, trials: [Int], workers: Int, threads: Int) {
    self.executable = executable
    self.folder = folder
    self.plan = plan
    self.workers = workers
    self.pending = trials
    var env = ProcessInfo.processInfo.environment
    if env["FIRSTSPIKE_THREADS"] == nil { env["FIRSTSPIKE_THREADS"] = String(threads) }
    self.environment = env
  }

  /// Runs until every trial ran once or a signal stopped the pool (then waits for the
  /// children to save). `event` gets each start and end.
  func run(event: (String) -> Void) throws {
    var forwarded = false
    while true {
      if !Interrupt.requested {
        while running.count < workers, let next = pickNext() {
          try spawn(next)
          event("trial \(next) started (\(plan.trials[next].describe(plan.parameterNames)))")
        }
      } else if !forwarded {
        let signal = Interrupt.signal ?? SIGTERM
        for pid in running.keys { kill(pid, signal) }
        forwarded = true
        event("signal \(signal): asked \(running.count) running trial\(running.count == 1 ? "" : "s") to save and stop")
      }
      if running.isEmpty && (pending.isEmpty || Interrupt.requested) { return }
      reap(event: event)
      usleep(50_000)
    }
  }

  /// The first pending trial none of whose unfinished shared stages a running child trains;
  /// when every pending trial waits so and nothing runs, the first pending one.
  func pickNext() -> Int? {
    let claimed = Set(running.values.flatMap(\.claims))
    let free = pending.firstIndex { !undoneSharedKeys($0).contains(where: claimed.contains) }
    guard let i = free ?? (running.isEmpty ? pending.indices.first : nil) else { return nil }
    return pending.remove(at: i)
  }

  func undoneSharedKeys(_ trial: Int) -> [String] {
    plan.trials[trial].stages.filter { $0.shared && !FileManager.default.fileExists(atPath: folder.sharedDone($0)) }.map(\.key)
  }

  func spawn(_ trial: Int) throws {
    let args = [executable, "sweep-trial", folder.root, "--trial", String(trial)]
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK))
    posix_spawnattr_setpgroup(&attributes, 0)
    // Everything the child prints, even before it opens its log itself, goes to its log.
    var files = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&files)
    defer { posix_spawn_file_actions_destroy(&files) }
    let log = folder.log(trial, of: plan.trials.count)
    posix_spawn_file_actions_addopen(&files, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_adddup2(&files, 1, 2)
    let argv = args.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, executable, &files, &attributes, argv, envp)
    guard rc == 0 else { throw FileProblem(path: executable, reason: "cannot start a worker: \(String(cString: strerror(rc)))") }
    running[pid] = (trial, .now, undoneSharedKeys(trial))
  }

  func reap(event: (String) -> Void) {
    while true {
      var status: Int32 = 0
      let pid = waitpid(-1, &status, WNOHANG)
      guard pid > 0, let child = running.removeValue(forKey: pid) else { return }
      let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
      let spent = seconds(ContinuousClock.now - child.start)
      finished.append(Finished(trial: child.trial, status: code, seconds: spent))
      let state = try? TrialState.read(folder.state(child.trial, of: plan.trials.count))
      let what: String
      switch code {
      case 0: what = "done: \(plan.spec.metric.name) \(state?.metric.map { String(format: "%.6g", $0) } ?? "?")"
      case 130, 143: what = "stopped with its checkpoint saved (exit \(code)); the next run resumes it"
      default: what = "failed (exit \(code)): \(state?.message ?? "see its log.txt")"
      }
      event(String(format: "trial %d %@, %.1f s", child.trial, what, spent))
    }
  }
}
