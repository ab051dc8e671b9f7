import Foundation

/// Reads one JSON object of a user's file field by field, naming the file and the JSON path
/// in every error (`sweep.json: parameters[1].values: expected a non-empty array`), and
/// refusing keys it was not asked about (a misspelt setting must not pass silently).
struct JSONReader {
  let file: String
  let path: String
  let object: [String: Any]
  private var used: Set<String> = []

  init(_ value: Any, file: String, path: String) throws {
    guard let object = value as? [String: Any] else { throw SweepSpecError(file: file, path: path, reason: "expected a JSON object") }
    self.file = file
    self.path = path
    self.object = object
  }

  func error(_ key: String?, _ reason: String) -> SweepSpecError {
    SweepSpecError(file: file, path: key.map { child($0) } ?? path, reason: reason)
  }

  func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  mutating func has(_ key: String) -> Bool {
    used.insert(key)
    return object[key] != nil && !(object[key] is NSNull)
  }

  mutating func raw(_ key: String) -> Any? { has(key) ? object[key] : nil }

  mutating func string(_ key: String) throws -> String? {
    guard let v = raw(key) else { return nil }
    guard let s = v as? String, !s.isEmpty else { throw error(key, "expected a non-empty string") }
    return s
  }

  mutating func bool(_ key: String) throws -> Bool? {
    guard let v = raw(key) else { return nil }
    guard Self.isBool(v), let b = v as? Bool else { throw error(key, "expected true or false") }
    return b
  }

  /// A whole number in `range`.
  mutating func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
    guard let v = raw(key) else { return nil }
    guard let i = Self.integer(v), range.contains(i) else {
      throw error(key, "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
    }
    return i
  }

  mutating func seed(_ key: String) throws -> UInt64? {
    try int(key, in: 0...Int.max).map { UInt64($0) }
  }

  mutating func double(_ key: String) throws -> Double? {
    guard let v = raw(key) else { return nil }
    guard let d = Self.number(v), d.isFinite else { throw error(key, "expected a number") }
    return d
  }

  mutating func array(_ key: String) throws -> [Any]? {
    guard let v = raw(key) else { return nil }
    guard let a = v as? [Any], !a.isEmpty else { throw error(key, "expected a non-empty array") }
    return a
  }

  /// Throws for a key nobody read.
  func finish() throws {
    if let unknown = object.keys.sorted().first(where: { !used.contains($0) }) {
      throw error(unknown, "unknown setting (known here: \(used.sorted().joined(separator: ", ")))")
    }
  }

  static func integer(_ v: Any) -> Int? {
    guard let d = number(v), d == d.rounded(), abs(d) < 0x1p62 else { return nil }
    return Int(d)
  }

  /// A JSON number (not a Boolean: on Linux an `NSNumber` 0 or 1 also casts to `Bool`).
  static func number(_ v: Any) -> Double? {
    if isBool(v) { return nil }
    if let n = v as? NSNumber { return n.doubleValue }
    return v as? Double ?? (v as? Int).map(Double.init)
  }

  /// Whether `v` is a JSON `true` or `false`.
  static func isBool(_ v: Any) -> Bool {
    if let n = v as? NSNumber, type(of: v) != Bool.self { return String(cString: n.objCType) == "c" }
    return v is Bool
  }

  /// A JSON value as compact text with sorted keys (`0.3`, `true`, `"x"`, `{"a":1}`).
  static func text(_ value: Any) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }
}

/// A sweep spec that cannot be used: `<file>: <json path>: <what>`.
public struct SweepSpecError: FirstSpikeError, Equatable {
  public var file: String
  public var path: String
  public var reason: String
  public init(file: String, path: String, reason: String) {
    self.file = file
    self.path = path
    self.reason = reason
  }
  public var description: String { path.isEmpty ? "\(file): \(reason)" : "\(file): \(path): \(reason)" }
}
