import Foundation

/// One setting of a model spec changed by its JSON path, e.g. `neurons=400` or
/// `layers[2].training.inputDropout=0.2` (`train --set`, and `--neurons`/`--time`).
///
/// The path is the spec's JSON as `inspect --spec` prints it: keys separated by `.`, array
/// elements by `[i]`. The value is read as JSON (a number, `true`/`false`, `null`, a quoted
/// string, an array or object), else taken as a plain string. A path the spec does not have is
/// an error, never a new field.
public struct SpecOverride: Sendable, Equatable, CustomStringConvertible {
  public var path: String
  /// The value as JSON text.
  public var value: String
  /// The option it came from, for messages (`--set x=1`, `--neurons 400`).
  public var option: String

  public init(path: String, value: String, option: String? = nil) {
    self.path = path
    self.value = value
    self.option = option ?? "--set \(path)=\(value)"
  }

  /// Parses `PATH=VALUE`.
  public init?(assignment: String) {
    guard let eq = assignment.firstIndex(of: "="), eq != assignment.startIndex else { return nil }
    self.init(path: String(assignment[..<eq]), value: String(assignment[assignment.index(after: eq)...]))
  }

  public var description: String { "\(path) \(value)" }

  /// How a built-in's spec came about, for errors: `mozafari2019 with --set layers[0].kernel=0`.
  public static func source(_ model: String, _ overrides: [SpecOverride]) -> String {
    overrides.isEmpty ? model : "\(model) with \(overrides.map(\.option).joined(separator: " "))"
  }

  /// A path step: an object key or an array index.
  enum Step: Equatable { case key(String), index(Int) }

  /// The steps of `path`, or nil when it is malformed.
  var steps: [Step]? {
    var steps: [Step] = []
    for part in path.split(separator: ".", omittingEmptySubsequences: false) {
      var rest = Substring(part)
      let open = rest.firstIndex(of: "[") ?? rest.endIndex
      guard open != rest.startIndex else { return nil }
      steps.append(.key(String(rest[..<open])))
      rest = rest[open...]
      while !rest.isEmpty {
        guard rest.first == "[", let close = rest.firstIndex(of: "]"),
              let i = Int(rest[rest.index(after: rest.startIndex)..<close]), i >= 0 else { return nil }
        steps.append(.index(i))
        rest = rest[rest.index(after: close)...]
      }
    }
    return steps.isEmpty ? nil : steps
  }

  /// The value as a JSON fragment.
  var jsonValue: Any {
    if let data = value.data(using: .utf8),
       let v = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) { return v }
    return value
  }

  /// `spec` with every override applied, through its JSON form. `model` names it in errors.
  public static func apply<S: Codable>(_ overrides: [SpecOverride], to spec: S, model: String) throws -> S {
    if overrides.isEmpty { return spec }
    let json = try apply(overrides, toJSON: JSONEncoder().encode(spec), model: model)
    let result: S
    do {
      result = try JSONDecoder().decode(S.self, from: json)
    } catch {
      throw OverrideError(option: overrides.map(\.option).joined(separator: ", "), reason: "the spec of \(model) does not accept it (\(error))")
    }
    try verify(overrides, in: JSONEncoder().encode(result), model: model)
    return result
  }

  /// Throws unless the spec JSON `json` holds every override's value (a setting the spec type
  /// does not have is dropped when decoded, and must not pass silently).
  public static func verify(_ overrides: [SpecOverride], in json: Data, model: String) throws {
    let object = try? JSONSerialization.jsonObject(with: json)
    for o in overrides {
      let current = o.steps.flatMap { steps in object.flatMap { value(at: steps[...], in: $0) } }
      guard let current, same(current, o.jsonValue) else {
        throw OverrideError(option: o.option, reason: "\(model) has no setting '\(o.path)'")
      }
    }
  }

  /// JSON values equal, numbers also when equal as Float32 (what most specs store).
  static func same(_ a: Any, _ b: Any) -> Bool {
    if let x = a as? NSNumber, let y = b as? NSNumber { return x == y || Float(truncating: x) == Float(truncating: y) }
    return (a as? NSObject)?.isEqual(b) ?? false
  }

  static func value(at steps: ArraySlice<Step>, in node: Any) -> Any? {
    guard let step = steps.first else { return node }
    switch step {
    case .key(let k): return (node as? [String: Any])?[k].flatMap { value(at: steps.dropFirst(), in: $0) }
    case .index(let i):
      guard let a = node as? [Any], i < a.count else { return nil }
      return value(at: steps.dropFirst(), in: a[i])
    }
  }

  /// A spec's JSON with every override applied (keys sorted).
  public static func apply(_ overrides: [SpecOverride], toJSON json: Data, model: String) throws -> Data {
    guard var object = try? JSONSerialization.jsonObject(with: json) else {
      throw OverrideError(option: overrides.map(\.option).joined(separator: ", "), reason: "\(model) is not a JSON spec")
    }
    for o in overrides {
      guard let steps = o.steps else { throw OverrideError(option: o.option, reason: "'\(o.path)' is not a JSON path (keys separated by '.', elements by '[i]')") }
      object = try o.set(steps[...], in: object, model: model)
    }
    return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
  }

  func set(_ steps: ArraySlice<Step>, in node: Any, model: String) throws -> Any {
    guard let step = steps.first else { return jsonValue }
    let missing = OverrideError(option: option, reason: "\(model) has no setting '\(path)'")
    switch step {
    case .key(let k):
      // An absent key may be set only as the last step (an optional setting left out of the
      // JSON); ``verify(_:in:model:)`` then checks the spec took it.
      guard var object = node as? [String: Any], object[k] != nil || steps.count == 1 else { throw missing }
      object[k] = try set(steps.dropFirst(), in: object[k] ?? NSNull(), model: model)
      return object
    case .index(let i):
      guard var array = node as? [Any], i < array.count else { throw missing }
      array[i] = try set(steps.dropFirst(), in: array[i], model: model)
      return array
    }
  }
}

/// An override that does not fit the spec, reported as `<option>: <reason>`.
public struct OverrideError: FirstSpikeError, Equatable {
  public var option: String
  public var reason: String
  public var description: String { "\(option): \(reason)" }
}

/// A spec file that cannot be used, reported as `<path>: <reason>`.
public struct SpecFileError: FirstSpikeError, Equatable {
  public var path: String
  public var reason: String
  public var description: String { "\(path): \(reason)" }
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }
}
