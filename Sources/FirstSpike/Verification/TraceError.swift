/// Everything that can go wrong while reading or writing a reference trace file
/// (``ReferenceTrace``: SpykeTorch golden vectors, or a trace FirstSpike wrote).
///
/// Every case carries the file it is about, and `description` is one line
/// `"<path>: <what is wrong>"` (the CLI prints it as `firstspike: error: <description>`).
public enum TraceError: FirstSpikeError, Equatable {
  /// The file could not be read (`reason` is the OS message).
  case unreadable(path: String, reason: String)
  /// The file is not a JSON object (`reason` is the parser's message).
  case notJSON(path: String, reason: String)
  /// A required key is absent.
  case missingKey(path: String, key: String)
  /// A key whose value has the wrong type or an impossible value; `expected` says what fits.
  case badValue(path: String, key: String, expected: String)
  /// An array field `{"shape": …, "data": …}` of the wrong shape.
  case badShape(path: String, key: String, expected: [Int], actual: [Int])
  /// The file names an image the data set does not have.
  case imageOutOfRange(path: String, split: String, index: Int, count: Int)
  /// The trace could not be written (`reason` is the OS message).
  case unwritable(path: String, reason: String)
  /// The trace differs from the reference beyond the tolerances (`summary` lists the stages).
  case mismatch(path: String, summary: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
    case .notJSON(let path, let reason): "\(path): not a JSON object: \(reason)"
    case .missingKey(let path, let key): "\(path): missing key '\(key)'"
    case .badValue(let path, let key, let expected): "\(path): key '\(key)': expected \(expected)"
    case .badShape(let path, let key, let expected, let actual):
      "\(path): key '\(key)': shape \(actual), expected \(expected)"
    case .imageOutOfRange(let path, let split, let index, let count):
      "\(path): image_index \(index) is outside the \(count) \(split) images"
    case .unwritable(let path, let reason): "\(path): cannot write: \(reason)"
    case .mismatch(let path, let summary): "\(path): trace differs from the reference: \(summary)"
    }
  }
}
