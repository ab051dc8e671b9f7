import Foundation

/// Every trial of a sweep folder as one table (`firstspike sweep-report`), read from the
/// plan and the trials' state files, so it can be made at any time, also while tasks run.
/// Finished trials come first, best metric first; the others follow by state.
public struct SweepReport: Sendable {
  public struct Row: Sendable {
    public var trial: Int
    /// The level label of each parameter.
    public var levels: [String]
    public var state: TrialState
  }

  public var plan: SweepPlan
  public var rows: [Row]

  public static func load(_ folder: SweepFolder) throws -> SweepReport {
    let plan = try folder.readPlan()
    let rows = try plan.trials.map { t in
      Row(trial: t.index, levels: t.levels, state: try TrialState.read(folder.state(t.index, of: plan.trials.count)))
    }
    return SweepReport(plan: plan, rows: sorted(rows, maximize: plan.spec.metric.maximize))
  }

  static let phaseOrder: [TrialState.Phase] = [.done, .running, .waiting, .preempted, .failed, .pending]

  static func sorted(_ rows: [Row], maximize: Bool) -> [Row] {
    rows.sorted { a, b in
      let (pa, pb) = (phaseOrder.firstIndex(of: a.state.phase)!, phaseOrder.firstIndex(of: b.state.phase)!)
      if pa != pb { return pa < pb }
      if let x = a.state.metric, let y = b.state.metric, x != y { return maximize ? x > y : x < y }
      return a.trial < b.trial
    }
  }

  public var metricName: String { plan.spec.metric.name }

  /// "12 trials: 7 done, 2 running, 3 pending".
  public var summary: String {
    let counts = Self.phaseOrder.compactMap { p -> String? in
      let n = rows.filter { $0.state.phase == p }.count
      return n == 0 ? nil : "\(n) \(p.rawValue)"
    }
    return "\(rows.count) trials: " + counts.joined(separator: ", ")
  }

  /// The state column: `done`, `running (stage 3, pass 2/5)`, `failed: <why>`.
  public static func stateText(_ s: TrialState) -> String {
    switch s.phase {
    case .done, .pending: return s.phase.rawValue
    case .failed: return "failed: " + String((s.message ?? "").prefix(120))
    default: return s.phase.rawValue + (s.progress.map { " (\($0))" } ?? "")
    }
  }

  static func number(_ x: Double?, _ format: String = "%.4f") -> String { x.map { String(format: format, $0) } ?? "" }

  public func markdown() -> String {
    let m = plan.spec.metric
    var lines = [
      "Sweep \(plan.spec.name): \(summary). Metric: \(m.name) on the \(m.split) split\(m.limit.map { " (first \($0) images)" } ?? ""), \(m.maximize ? "higher" : "lower") is better.",
      "",
      "| # | trial | " + plan.parameterNames.joined(separator: " | ") + " | \(m.name) | best pass | wall s | state |",
      "|---:|---:|" + String(repeating: "---|", count: plan.parameterNames.count) + "---:|---:|---:|---|",
    ]
    for (rank, r) in rows.enumerated() {
      let s = r.state
      let cells = ["\(rank + 1)", "\(r.trial)"] + r.levels + [Self.number(s.metric), s.bestPass.map(String.init) ?? "",
                                                             String(format: "%.1f", s.seconds), Self.stateText(s)]
      lines.append("| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n")
  }

  public func csv() -> String {
    func field(_ s: String) -> String { s.contains(where: { ",\"\n".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
    let header = ["trial"] + plan.parameterNames + [metricName, "best_pass", "best_test_accuracy", "seconds", "state", "progress",
                                                    "attempts", "overhead_seconds", "training_seconds", "message"]
    var lines = [header.map(field).joined(separator: ",")]
    for r in rows {
      let s = r.state
      let cells = ["\(r.trial)"] + r.levels + [s.metric.map { "\($0)" } ?? "", s.bestPass.map(String.init) ?? "",
                                              s.bestTestAccuracy.map { "\($0)" } ?? "", String(format: "%.3f", s.seconds),
                                              s.phase.rawValue, s.progress ?? "", "\(s.attempts)",
                                              String(format: "%.3f", s.timing.overhead), String(format: "%.3f", s.timing.training),
                                              s.message ?? ""]
      lines.append(cells.map(field).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  public func json() -> [String: Any] {
    let m = plan.spec.metric
    func opt(_ v: Any?) -> Any { v ?? NSNull() }
    return [
      "sweep": plan.spec.name, "summary": summary, "parameters": plan.parameterNames,
      "metric": ["name": m.name, "split": m.split, "limit": opt(m.limit), "goal": m.maximize ? "max" : "min"],
      "trials": rows.map { r -> [String: Any] in
        let s = r.state, t = s.timing
        return [
          "trial": r.trial, "parameters": Dictionary(uniqueKeysWithValues: zip(plan.parameterNames, r.levels)),
          "metric": opt(s.metric), "best_pass": opt(s.bestPass), "best_test_accuracy": opt(s.bestTestAccuracy),
          "seconds": s.seconds, "state": s.phase.rawValue, "progress": opt(s.progress), "attempts": s.attempts,
          "message": opt(s.message), "updated": opt(s.updated),
          "timing": ["startup": t.startup, "setup": t.setup, "waiting": t.waiting, "training": t.training, "evaluation": t.evaluation],
        ]
      },
    ]
  }

  /// Start-up and bookkeeping per trial against the trial's time, over the finished trials
  /// (`measured`: the wall time a launcher saw per trial, with the process's exit).
  public func overheadSummary(trials measured: [(trial: Int, seconds: Double)] = []) -> String {
    let done = rows.filter { $0.state.phase == .done }
    guard !done.isEmpty else { return "overhead: no finished trial yet" }
    let n = Double(done.count)
    let mean = { (f: (TrialState) -> Double) in done.reduce(0) { $0 + f($1.state) } / n }
    let (total, startup, setup) = (mean { $0.seconds }, mean { $0.timing.startup }, mean { $0.timing.setup })
    let (waiting, training, evaluation) = (mean { $0.timing.waiting }, mean { $0.timing.training }, mean { $0.timing.evaluation })
    var line = String(format: "per finished trial (mean of %d): %.2f s wall = %.3f s start-up + %.3f s setup (plan, data, checkpoints, state) + %.2f s waiting for shared stages + %.2f s training + %.2f s metric evaluation; overhead (start-up + setup) %.3f s = %.2f%% of the trial",
                      done.count, total, startup, setup, waiting, training, evaluation, startup + setup, total > 0 ? 100 * (startup + setup) / total : 0)
    let launched = measured.filter { m in done.contains { $0.trial == m.trial && $0.state.attempts == 1 } }
    if !launched.isEmpty {
      let outside = launched.reduce(0.0) { acc, m in acc + m.seconds - (done.first { $0.trial == m.trial }?.state.seconds ?? 0) } / Double(launched.count)
      line += String(format: "; the worker pool saw %.3f s more per trial (process exit, polling)", outside)
    }
    return line
  }
}
