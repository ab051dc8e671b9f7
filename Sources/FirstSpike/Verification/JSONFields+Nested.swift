import Foundation

/// Accessors for the whole-network reference files (`Fixtures/golden-deep/README.md`):
/// required nested objects, integer arrays of any rank, single `[f, r, c]` triples.
extension JSONFields {
  /// Whether `key` is present.
  func has(_ key: String) -> Bool { object[key] != nil }

  /// A required nested object.
  func nested(_ key: String) throws(TraceError) -> JSONFields {
    guard let o = try object(key) else { throw .missingKey(path: path, key: prefix + key) }
    return o
  }

  /// An optional string (nil when absent or null).
  func optionalString(_ key: String) -> String? { object[key] as? String }

  func bool(_ key: String) throws(TraceError) -> Bool {
    guard let v = object[key] else { throw .missingKey(path: path, key: prefix + key) }
    guard let b = v as? Bool else { throw .badValue(path: path, key: prefix + key, expected: "true or false") }
    return b
  }

  func float(_ key: String) throws(TraceError) -> Float {
    guard object[key] != nil else { throw .missingKey(path: path, key: prefix + key) }
    return try float(key, default: 0)
  }

  /// An integer array `{"shape", "data"}` of the given shape.
  func ints(_ key: String, shape expected: [Int]) throws(TraceError) -> [Int] {
    let (shape, data) = try array(key)
    guard shape == expected else { throw .badShape(path: path, key: prefix + key, expected: expected, actual: shape) }
    var out = [Int](repeating: 0, count: data.count)
    for (i, n) in data.enumerated() {
      guard let v = Self.integer(n) else {
        throw .badValue(path: path, key: prefix + key, expected: "integers, found \(n) at flat index \(i)")
      }
      out[i] = v
    }
    return out
  }

  /// A plain list of integers (`changed_kernel_indices`).
  func intList(_ key: String) throws(TraceError) -> [Int] {
    guard let list = object[key] as? [NSNumber] else {
      throw object[key] == nil ? .missingKey(path: path, key: prefix + key)
        : .badValue(path: path, key: prefix + key, expected: "a list of integers")
    }
    var out: [Int] = []
    for n in list {
      guard let v = Self.integer(n) else { throw .badValue(path: path, key: prefix + key, expected: "a list of integers") }
      out.append(v)
    }
    return out
  }

  /// A single `[feature, row, column]` inside `shape`, or nil for JSON null (silent).
  func winner(_ key: String, within shape: Shape3) throws(TraceError) -> Winner? {
    guard let v = object[key] else { throw .missingKey(path: path, key: prefix + key) }
    if v is NSNull { return nil }
    let wrapped = JSONFields(path: path, object: ["w": [v]], prefix: prefix)
    do { return try wrapped.winners("w", within: shape).first } catch {
      throw .badValue(path: path, key: prefix + key, expected: "[feature, row, column] inside \(shape) or null")
    }
  }

  /// A learning-rate pair: `{"ltp", "ltd"}` or `[ltp, ltd]`.
  func ratePair(_ key: String) throws(TraceError) -> RatePair {
    if let pair = object[key] as? [NSNumber], pair.count == 2 {
      return RatePair(Float(pair[0].doubleValue), Float(pair[1].doubleValue))
    }
    let o = try nested(key)
    return RatePair(try o.float("ltp"), try o.float("ltd"))
  }

  /// A `[lower, upper]` pair of bounds.
  func bounds(_ key: String) throws(TraceError) -> (Float, Float) {
    guard let pair = object[key] as? [NSNumber], pair.count == 2 else {
      throw object[key] == nil ? .missingKey(path: path, key: prefix + key)
        : .badValue(path: path, key: prefix + key, expected: "[lower, upper]")
    }
    return (Float(pair[0].doubleValue), Float(pair[1].doubleValue))
  }
}
