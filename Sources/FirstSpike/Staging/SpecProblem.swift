import Foundation

/// The first thing wrong with a model spec: the JSON path of the setting, as `inspect --spec`
/// prints the spec (`layers[0].inputPadding`, `readout.decision.featuresPerClass`), and what is
/// wrong with it (`must be ≥ 0, got -1`).
///
/// Every kind validates its spec in one pass (``ModelSpec/validate()``,
/// ``DiehlCook2015Spec/validate()``) wherever a spec enters: a spec file, a checkpoint, a
/// built-in with `--set` overrides. ``SpecError`` names the source.
public struct SpecProblem: Error, Sendable, Equatable, CustomStringConvertible {
  /// JSON path of the setting; empty for the spec as a whole.
  public var path: String
  public var message: String

  public init(_ path: String, _ message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// A spec refused, with where it came from: `m.json: layers[0].inputPadding: must be ≥ 0, got -1`.
public struct SpecError: FirstSpikeError, Equatable {
  /// The file, or the built-in and the options that made the spec (`mozafari2019 with --set …`).
  public var source: String
  public var problem: SpecProblem

  public init(source: String, problem: SpecProblem) {
    self.source = source
    self.problem = problem
  }

  public var description: String { "\(source): \(problem)" }
}

/// Checks for one setting, each throwing a ``SpecProblem`` that names the setting's path and
/// the value found. Numbers are compared as they are stored; non-finite values always fail.
struct SpecCheck {
  let path: String

  init(_ path: String) { self.path = path }

  /// `base.key`, or `key` at the top.
  func callAsFunction(_ key: String) -> SpecCheck { SpecCheck(path.isEmpty ? key : "\(path).\(key)") }
  /// `base[i]`.
  subscript(i: Int) -> SpecCheck { SpecCheck("\(path)[\(i)]") }

  func fail(_ message: String) -> SpecProblem { SpecProblem(path, message) }

  func atLeast(_ value: Int, _ minimum: Int) throws(SpecProblem) {
    if value < minimum { throw fail("must be ≥ \(minimum), got \(value)") }
  }

  func within(_ value: Int, _ range: ClosedRange<Int>) throws(SpecProblem) {
    if !range.contains(value) { throw fail("must be in \(range.lowerBound)...\(range.upperBound), got \(value)") }
  }

  func finite<F: BinaryFloatingPoint>(_ value: F) throws(SpecProblem) {
    if !value.isFinite { throw fail("must be a finite number, got \(value)") }
  }

  func positive<F: BinaryFloatingPoint>(_ value: F) throws(SpecProblem) {
    try finite(value)
    if !(value > 0) { throw fail("must be > 0, got \(value)") }
  }

  func nonNegative<F: BinaryFloatingPoint>(_ value: F) throws(SpecProblem) {
    try finite(value)
    if value < 0 { throw fail("must be ≥ 0, got \(value)") }
  }

  func probability<F: BinaryFloatingPoint>(_ value: F) throws(SpecProblem) {
    try finite(value)
    if !(0...1).contains(value) { throw fail("must be a probability in [0, 1], got \(value)") }
  }
}

/// Sums of byte counts that saturate instead of overflowing, for memory estimates.
struct ByteCount: Comparable {
  var value: Int

  static func * (a: ByteCount, b: Int) -> ByteCount {
    let (p, o) = a.value.multipliedReportingOverflow(by: max(b, 0))
    return ByteCount(value: o ? .max : p)
  }

  static func + (a: ByteCount, b: ByteCount) -> ByteCount {
    let (s, o) = a.value.addingReportingOverflow(b.value)
    return ByteCount(value: o ? .max : s)
  }

  static func < (a: ByteCount, b: ByteCount) -> Bool { a.value < b.value }

  /// "1.5 GiB", "12.0 MiB", "800 bytes".
  static func text(_ bytes: Int) -> String {
    if bytes >= 1 << 30 { return String(format: "%.1f GiB", Double(bytes) / Double(1 << 30)) }
    if bytes >= 1 << 20 { return String(format: "%.1f MiB", Double(bytes) / Double(1 << 20)) }
    return "\(bytes) bytes"
  }
}
