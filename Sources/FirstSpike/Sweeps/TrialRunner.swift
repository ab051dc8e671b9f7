import Foundation

/// Runs one trial of a sweep in this process (`firstspike sweep-trial`): its shared stages
/// (each trained once under a lock by whichever task gets there first, resumed by the next
/// if that task was stopped), then its own stages in its own checkpoint, then the metric.
/// Every stage resumes a saved run where there is one and skips a finished one, so a task
/// rerun after preemption or failure continues, and a finished trial is not run again.
public final class TrialRunner {
  public enum Outcome: Equatable, Sendable {
    /// Finished now, or already before (`alreadyDone`).
    case done(alreadyDone: Bool)
    /// Stopped (SIGTERM, Ctrl-C) with its checkpoint saved: the next run resumes it.
    case stopped
  }

  let folder: SweepFolder
  let plan: SweepPlan
  let trial: TrialPlan
  let shouldStop: () -> Bool
  let report: (StageEvent) -> Void
  let note: (String) -> Void
  let startup: Double
  let started = ContinuousClock.now
  var state = TrialState()
  var previous = TrialState()
  var timing = TrialTiming()
  var splits: [TrainingData.Split: (images: LabeledImages, record: DataRecord, note: String)] = [:]

  /// - Parameters:
  ///   - startup: seconds from the process's start to this call (reported as start-up time).
  ///   - shouldStop: polled before every image and while waiting for a lock.
  ///   - report: the stage events, for the log; `note`: lines for the log.
  public init(folder: SweepFolder, plan: SweepPlan, trial index: Int, startup: Double, shouldStop: @escaping () -> Bool,
              report: @escaping (StageEvent) -> Void, note: @escaping (String) -> Void) {
    self.folder = folder
    self.plan = plan
    self.trial = plan.trials[index]
    self.startup = startup
    self.shouldStop = shouldStop
    self.report = report
    self.note = note
  }

  var count: Int { plan.trials.count }
  var statePath: String { folder.state(trial.index, of: count) }

  public func run() throws -> Outcome {
    // One task per trial at a time: a second one (a resubmitted array, a pool beside a Slurm
    // job) leaves the trial's files alone.
    let lockPath = folder.trialFolder(trial.index, of: count) + "/.lock"
    var holder = ""
    guard let lock = try FileLock.acquire(lockPath, holder: "\(ProcessInfo.processInfo.hostName) pid \(getpid())",
                                          shouldStop: { true }, whileWaiting: { holder = $0 }) else {
      throw SweepFolderError(path: folder.trialFolder(trial.index, of: count), reason: "trial \(trial.index) is running in another task (\(holder.isEmpty ? "unknown" : holder))")
    }
    return try withExtendedLifetime(lock) { try runLocked() }
  }

  func runLocked() throws -> Outcome {
    previous = try TrialState.read(statePath)
    if previous.phase == .done {
      note("trial \(trial.index) is done (\(plan.spec.metric.name) \(previous.metric.map { String($0) } ?? "?")); nothing to do")
      return .done(alreadyDone: true)
    }
    state = previous
    state.attempts += 1
    state.host = ProcessInfo.processInfo.hostName
    state.pid = getpid()
    state.message = nil
    timing.startup = startup
    try save(.running)
    note("trial \(trial.index) of \(count) (\(trial.describe(plan.parameterNames))), attempt \(state.attempts), seed \(trial.seed)")
    do {
      let outcome = try runStages()
      try save(outcome == .stopped ? .preempted : .done,
               message: outcome == .stopped ? "stopped with its checkpoint saved; the next run resumes it" : nil)
      return outcome
    } catch {
      try? save(.failed, message: "\(error)")
      throw error
    }
  }

  func runStages() throws -> Outcome {
    let models = try TrialModels(base: plan.spec.base)
    let record = try split(.train).1
    let fresh = try models.model(settings: trial.settings, seed: trial.seed, data: record)
    var source: any Model = fresh
    for stage in trial.stages where stage.shared {
      guard let trained = try sharedStage(stage, fresh: fresh, source: source) else { return .stopped }
      source = trained
    }
    let own = trial.stages.filter { !$0.shared }
    let path = folder.checkpoint(trial.index, of: count)
    var model: any Model
    if FileManager.default.fileExists(atPath: path) {
      model = try ModelRegistry.load(path: path)
      guard model.specJSON == fresh.specJSON else {
        throw SweepFolderError(path: path, reason: "holds another model than trial \(trial.index) trains")
      }
    } else {
      guard let derived = TrialModels.derive(fresh, from: source, stages: own[0].stage - 1) else {
        throw SweepFolderError(path: path, reason: "\(fresh.name) cannot take stages 1…\(own[0].stage - 1) from the shared checkpoint")
      }
      model = derived
    }
    for stage in own {
      guard try train(stage, &model, path: path, shared: false) else { return .stopped }
    }
    try evaluate(model, checkpoint: path)
    return .done(alreadyDone: false)
  }

  /// The shared checkpoint of `stage`, trained by this task unless another did.
  /// - Returns: nil when stopped.
  func sharedStage(_ stage: TrialStage, fresh: any Model, source: any Model) throws -> (any Model)? {
    let (path, done) = (folder.shared(stage), folder.sharedDone(stage))
    if FileManager.default.fileExists(atPath: done) { return try ModelRegistry.load(path: path) }
    let waitStart = ContinuousClock.now
    let holder = "trial \(trial.index), \(state.host ?? "?") pid \(getpid())"
    let lock = try FileLock.acquire(folder.sharedLock(stage), holder: holder, shouldStop: shouldStop) { other in
      self.note("waiting for shared stage \(stage.stage) (\(stage.key.prefix(16))), trained by \(other.isEmpty ? "another task" : other)")
      try? self.save(.waiting)
    }
    timing.waiting += seconds(ContinuousClock.now - waitStart)
    guard let lock else { return nil }
    defer { withExtendedLifetime(lock) {} }
    if FileManager.default.fileExists(atPath: done) {
      try save(.running)
      return try ModelRegistry.load(path: path)
    }
    try save(.running)
    var model: any Model
    if FileManager.default.fileExists(atPath: path) {
      model = try ModelRegistry.load(path: path)
    } else {
      guard let derived = TrialModels.derive(fresh, from: source, stages: stage.stage - 1) else {
        throw SweepFolderError(path: path, reason: "\(fresh.name) cannot share stages 1…\(stage.stage - 1)")
      }
      model = derived
    }
    guard try train(stage, &model, path: path, shared: true) else { return nil }
    let users = plan.trials.filter { $0.stages.contains { $0.key == stage.key } }.map(\.index)
    try AtomicFile.write(Array("stage \(stage.stage) trained by trial \(trial.index) for trials \(users.map(String.init).joined(separator: ", "))\n".utf8), to: done)
    return model
  }

  /// Trains `stage` of `model` into `path` unless finished: resumes a saved run of it, else
  /// starts it. - Returns: false when stopped.
  func train(_ stage: TrialStage, _ model: inout any Model, path: String, shared: Bool) throws -> Bool {
    if model.completedStages >= stage.stage {
      note("stage \(stage.stage)\(shared ? " (shared)" : ""): finished in \(path)")
      return true
    }
    let data = try split(.train).0.prefix(stage.limit)
    let options = StageOptions(passes: stage.epochs, evaluateEvery: stage.evalEvery, saveEvery: stage.saveEvery)
    let test = model.stageUsesTestSet(stage.stage, options: options) ? try split(.test).0.prefix(stage.testLimit) : nil
    let saved = model.stageStatus(stage.stage)
    let resume = saved.map { $0.resumable && !$0.finished && $0.trainingImages == data.count } ?? false
    note("stage \(stage.stage)\(shared ? " (shared, key \(stage.key.prefix(16)))" : ""): \(model.stageSummary(stage.stage, passes: stage.epochs)); \(data.count) training images\(test.map { ", \($0.count) test images" } ?? ""); \(resume ? "resuming at \(saved!.location)" : "starting") in \(path)")
    state.stage = stage.stage
    state.pass = nil
    try save(.running)
    let start = ContinuousClock.now
    defer { timing.training += seconds(ContinuousClock.now - start) }
    return try StageRunner.train(&model, stage: stage.stage, data: data, test: test, path: path, resume: resume,
                                 options: options, shouldStop: shouldStop, report: progress)
  }

  /// Records the pass in the state file, then hands the event on.
  func progress(_ event: StageEvent) {
    switch event {
    case .image(let tick) where state.pass != tick.passesDone + 1:
      state.pass = tick.passesDone + 1
      state.passes = tick.passes
      try? save(.running)
    case .pass(let record, _):
      state.lastTestAccuracy = record.testAccuracy ?? state.lastTestAccuracy
      try? save(.running)
    default: break
    }
    report(event)
  }

  func evaluate(_ model: any Model, checkpoint: String) throws {
    if let problem = model.inferenceProblem(checkpoint: checkpoint) { throw SweepFolderError(path: checkpoint, reason: problem) }
    let metric = plan.spec.metric
    let split = TrainingData.Split(rawValue: metric.split) ?? .test
    let (all, _, dataNote) = try self.split(split)
    let data = all.prefix(trial.metricLimit)
    let start = ContinuousClock.now
    let evaluation = model.evaluate(data, threads: defaultThreadCount)
    let spent = seconds(ContinuousClock.now - start)
    timing.evaluation += spent
    var json = evaluation.json(EvaluationContext(checkpoint: checkpoint, split: split.rawValue, seconds: spent,
                                                 threads: defaultThreadCount))
    json["data"] = dataNote  // as evaluate --json prints it
    let text = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
    try AtomicFile.write([UInt8](text) + [10], to: folder.evaluation(trial.index, of: count))
    guard let value = json[metric.name].flatMap(JSONReader.number) else {
      let numbers = json.filter { JSONReader.number($0.value) != nil }.keys.sorted()
      throw SweepFolderError(path: folder.planPath, reason: "metric '\(metric.name)' is not a number of the evaluation report (numbers: \(numbers.joined(separator: ", ")))")
    }
    state.metric = value
    if let curve = model.learningCurve(), let best = curve.test.max(by: { $0.accuracy < $1.accuracy || ($0.accuracy == $1.accuracy && $0.pass > $1.pass) }) {
      state.bestPass = best.pass
      state.bestTestAccuracy = best.accuracy
    }
    note(String(format: "trial %d done: %@ %.6g on %d %@ images (best pass %@), %.1f s", trial.index, metric.name,
                value, data.count, split.rawValue, state.bestPass.map(String.init) ?? "—", elapsed))
  }

  /// The split, loaded once with the most images any use of it needs, and the line saying
  /// what the data set is.
  func split(_ split: TrainingData.Split) throws -> (images: LabeledImages, record: DataRecord, note: String) {
    if let loaded = splits[split] { return loaded }
    let metric = plan.spec.metric
    var limits: [Int?] = split == .train ? trial.stages.map(\.limit) : trial.stages.map(\.testLimit)
    if metric.split == split.rawValue { limits.append(trial.metricLimit) }
    let limit = limits.contains { $0 == nil } ? nil : limits.compactMap { $0 }.max()
    let d = plan.spec.data
    let loaded = try TrainingData.load(path: d.path, split: split, trainFraction: d.trainFraction, splitSeed: d.splitSeed,
                                       limit: limit, verifyChecksums: d.verifyChecksums)
    splits[split] = loaded
    return loaded
  }

  var elapsed: Double { startup + seconds(ContinuousClock.now - started) }

  /// Writes the state with `phase`, the time so far and its breakdown.
  func save(_ phase: TrialState.Phase, message: String? = nil) throws {
    state.phase = phase
    if let message { state.message = message }
    var t = timing
    t.setup = max(0, elapsed - t.startup - t.waiting - t.training - t.evaluation)
    state.timing = previous.timing + t
    state.seconds = previous.seconds + elapsed
    state.updated = ISO8601DateFormatter().string(from: Date())
    try state.write(statePath)
  }
}
