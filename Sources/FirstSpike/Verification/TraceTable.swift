import Foundation

/// The comparison of one whole-network trace with a reference file: one row per stored array
/// (or scalar), the differences that only float32 rounding or a documented FirstSpike tie rule
/// decides (each named), and the verdict.
///
/// A row *agrees* when the semantics decide it and FirstSpike gives the reference's value
/// (exactly, or within the stated tolerance for potentials). A row is *explained* when it
/// differs only at neurons or picks listed in ``explained``, each with the evidence that no
/// rule decides it (a float32 tie that exact arithmetic breaks, an exact tie broken by the
/// reference's unstable sort, a pick merged by the reference's float32 score). Any other
/// difference makes the row *differ* and the verdict fail.
public struct TraceTable: Sendable, Equatable {
  public enum Status: Sendable, Equatable {
    case agrees
    case explained
    case differs
  }

  public struct Row: Sendable, Equatable {
    /// The stored array, as the reference file names it (`conv2.spike_time`).
    public var name: String
    /// What was compared: a count (`23520`), `SHA-256`, or empty.
    public var compared: String
    /// The figures: `equal`, `max |Δ| 2.4e-06 ≤ 1e-4 + 2e-5·|ref|`, `3 of 23520 differ`, ….
    public var result: String
    public var status: Status
  }

  /// First lines of the report (model, image, files, how stages are fed).
  public var header: [String]
  public var rows: [Row] = []
  /// One line per difference that rounding or a documented FirstSpike rule decides.
  public var explained: [String] = []
  /// Places where only float32 rounding decides and FirstSpike agrees with the reference.
  public var notes: [String] = []

  public init(header: [String]) {
    self.header = header
  }

  public mutating func add(_ name: String, _ compared: String = "", _ result: String, _ status: Status) {
    rows.append(Row(name: name, compared: compared, result: result, status: status))
  }

  /// Adds a row that agrees when `equal`, and differs otherwise.
  public mutating func check(_ name: String, _ compared: String = "", equal: Bool, _ result: String) {
    add(name, compared, result, equal ? .agrees : .differs)
  }

  /// The rows whose differences are not explained.
  public var failures: [String] { rows.filter { $0.status == .differs }.map(\.name) }

  public var isOK: Bool { failures.isEmpty }

  /// `verdict: OK`, `verdict: OK — …explained…`, or `verdict: DIFFERENT (rows)`.
  public var verdict: String {
    if !isOK { return "verdict: DIFFERENT (" + failures.joined(separator: "; ") + ")" }
    let n = rows.filter { $0.status == .explained }.count
    if n == 0 { return "verdict: OK" }
    return "verdict: OK — every array agrees where the semantics decide; \(n) "
      + (n == 1 ? "row differs" : "rows differ") + " only where float32 rounding or a documented FirstSpike tie rule decides"
      + " (every such difference is listed above)"
  }

  /// The report: header, the table, the explained differences, the verdict.
  public func report() -> String {
    let nameWidth = max(24, rows.map(\.name.count).max() ?? 0) + 2
    let countWidth = max(9, rows.map(\.compared.count).max() ?? 0) + 2
    func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(1, n - s.count)) }
    var lines = header
    lines.append("  " + pad("array", nameWidth) + pad("compared", countWidth) + "result")
    for r in rows {
      let mark = r.status == .differs ? "  << DIFFERS" : r.status == .explained ? "  (explained below)" : ""
      lines.append("  " + pad(r.name, nameWidth) + pad(r.compared, countWidth) + r.result + mark)
    }
    if !notes.isEmpty {
      lines.append("decided only by float32 rounding, and FirstSpike agrees:")
      lines += notes.map { "  - " + $0 }
    }
    if !explained.isEmpty {
      lines.append("decided only by float32 rounding or a documented FirstSpike tie rule, not by the semantics:")
      lines += explained.map { "  - " + $0 }
    }
    lines.append(verdict)
    return lines.joined(separator: "\n")
  }
}

/// `%.3g`-style number for reports: 15 → "15", 2.67e-05 → "2.67e-05".
func short(_ x: Double) -> String { String(format: "%.3g", x) }
func short(_ x: Float) -> String { short(Double(x)) }

/// `[f, r, c]` lists for reports.
func winnerList(_ w: [Winner]) -> String { "[" + w.map(\.description).joined(separator: ", ") + "]" }
