import Foundation

extension SweepParameter {
  /// A parameter: `{"name", "path", "values": [v, …]}` (optionally `"labels"`), or
  /// `{"name", "values": [{"label", "set": {TARGET: v, …}}, …]}` for levels that change
  /// several settings at once, or `{"name", "path", "range": [low, high]}` (optionally
  /// `"scale": "log"`, `"integer": true`) for random search.
  init(json: Any, file: String, path: String) throws {
    var r = try JSONReader(json, file: file, path: path)
    guard let name = try r.string("name") else { throw r.error("name", "missing: the parameter's name (a column of the report)") }
    guard name.allSatisfy({ $0.isLetter || $0.isNumber || "_-.".contains($0) }) else {
      throw r.error("name", "use letters, digits and _ - . only")
    }
    self.name = name
    let target = try r.string("path")
    let values = try r.array("values")
    let range = try r.array("range")
    let labels = try r.array("labels")
    let scale = try r.string("scale")
    let integer = try r.bool("integer") ?? false
    try r.finish()
    switch (target, values, range) {
    case (let target?, let values?, nil):
      if let labels {
        guard labels.count == values.count, let strings = labels as? [String] else {
          throw r.error("labels", "expected one string per value")
        }
        levels = zip(strings, values).map { SweepLevel(label: $0, assignments: [SweepAssignment(target: target, value: JSONReader.text($1))]) }
      } else {
        levels = values.map { SweepLevel(label: Self.label($0), assignments: [SweepAssignment(target: target, value: JSONReader.text($0))]) }
      }
      self.range = nil
    case (nil, let values?, nil):
      if labels != nil { throw r.error("labels", "levels with \"set\" carry their own \"label\"") }
      levels = try values.enumerated().map { try Self.level($1, file: file, path: "\(path).values[\($0)]") }
      self.range = nil
    case (let target?, nil, let range?):
      guard range.count == 2, let low = JSONReader.number(range[0]), let high = JSONReader.number(range[1]),
            low.isFinite, high.isFinite, low < high else {
        throw r.error("range", "expected [low, high] with low < high")
      }
      guard scale == nil || scale == "log" || scale == "linear" else { throw r.error("scale", "expected \"linear\" or \"log\"") }
      if scale == "log" && low <= 0 { throw r.error("range", "a log scale needs low > 0") }
      levels = []
      self.range = SweepRange(target: target, low: low, high: high, log: scale == "log", integer: integer)
    default:
      throw r.error(nil, "give \"path\" with \"values\" or \"range\", or \"values\" of {\"label\", \"set\"} objects")
    }
    if range == nil && (scale != nil || integer) { throw r.error("scale", "\"scale\" and \"integer\" go with \"range\"") }
    if let dup = Dictionary(grouping: levels, by: \.label).first(where: { $0.value.count > 1 })?.key {
      throw r.error("values", "two levels are labelled '\(dup)'")
    }
  }

  static func level(_ json: Any, file: String, path: String) throws -> SweepLevel {
    var r = try JSONReader(json, file: file, path: path)
    guard let label = try r.string("label") else { throw r.error("label", "missing: the level's name in the report") }
    guard let set = r.raw("set") else { throw r.error("set", "missing: the settings of this level, {TARGET: value, …}") }
    let settings = try JSONReader(set, file: file, path: "\(path).set")
    guard !settings.object.isEmpty else { throw settings.error(nil, "expected at least one setting") }
    try r.finish()
    return SweepLevel(label: label, assignments: settings.object.keys.sorted().map {
      SweepAssignment(target: $0, value: JSONReader.text(settings.object[$0]!))
    })
  }

  /// A value's label: strings as they are, anything else as its JSON text.
  static func label(_ value: Any) -> String { (value as? String) ?? JSONReader.text(value) }

  /// The label of a drawn range value.
  static func label(_ value: Double, integer: Bool) -> String {
    integer ? String(Int(value)) : String(format: "%.4g", value)
  }
}
