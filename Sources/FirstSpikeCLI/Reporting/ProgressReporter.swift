import Foundation

/// Shows the progress of a long run on stderr: a redrawn bar on a terminal, plain lines every
/// few seconds otherwise (logs, CI).
final class ProgressReporter {
  var label: String
  let total: Int
  let isTerminal = isatty(STDERR_FILENO) != 0
  let start = Date()
  var lastDraw = Date.distantPast
  let interval: TimeInterval
  var startCount = 0

  init(label: String, total: Int, interval: TimeInterval? = nil) {
    self.label = label
    self.total = max(total, 1)
    self.interval = interval ?? (isatty(STDERR_FILENO) != 0 ? 0.2 : 10)
  }

  /// Records that `done` of `total` items are finished; `extra` is appended (e.g. accuracy),
  /// computed only when the bar is drawn.
  func update(_ done: Int, force: Bool = false, extra: () -> String = { "" }) {
    let now = Date()
    if !force && now.timeIntervalSince(lastDraw) < interval { return }
    let extra = extra()
    if lastDraw == .distantPast && !force { startCount = done }
    lastDraw = now
    let elapsed = now.timeIntervalSince(start)
    let rate = elapsed > 0 ? Double(done - startCount) / elapsed : 0
    let eta = rate > 0 ? Double(total - done) / rate : 0
    let pct = 100 * Double(done) / Double(total)
    let stats = String(format: "%6.1f%% %d/%d  %.0f img/s  ETA %@", pct, done, total, rate, rate > 0 ? Self.duration(eta) : "…")
    let tail = extra.isEmpty ? "" : "  " + extra
    if isTerminal {
      let width = 24, filled = Int(Double(width) * Double(done) / Double(total))
      let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
      write("\r\u{1B}[K\(label) [\(bar)] \(stats)\(tail)")
    } else {
      write("\(label): \(stats)\(tail)\n")
    }
  }

  /// Ends the bar line on a terminal.
  func finish() {
    if isTerminal && lastDraw != .distantPast { write("\n") }
  }

  func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }

  static func duration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    return s >= 3600 ? String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) : String(format: "%dm%02ds", s / 60, s % 60)
  }
}
