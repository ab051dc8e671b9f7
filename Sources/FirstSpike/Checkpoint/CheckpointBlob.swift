import Foundation

/// A named run of bytes in a checkpoint, by convention UTF-8 JSON (the model layer stores
/// `spec` and `progress`). The container does not interpret the bytes.
public struct CheckpointBlob: Sendable, Equatable {
  public let name: String
  public let bytes: [UInt8]

  public init(name: String, bytes: [UInt8]) {
    precondition(!name.isEmpty, "checkpoint blob name is empty")
    self.name = name
    self.bytes = bytes
  }

  /// A blob holding `value` as JSON with sorted keys, so equal values give equal bytes.
  ///
  /// - Throws: `.badBlob` when `value` does not encode (e.g. a non-finite `Double`).
  public init(name: String, json value: some Encodable) throws(CheckpointError) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      self.init(name: name, bytes: Array(try encoder.encode(value)))
    } catch {
      throw .badBlob(path: "<memory>", name: name, reason: describeCodingError(error))
    }
  }

  /// The blob decoded as JSON of type `T`.
  ///
  /// - Parameter path: file named in the error.
  public func decode<T: Decodable>(_ type: T.Type, path: String = "<memory>")
    throws(CheckpointError) -> T
  {
    do {
      return try JSONDecoder().decode(T.self, from: Data(bytes))
    } catch {
      throw .badBlob(path: path, name: name, reason: describeCodingError(error))
    }
  }
}

/// One line describing a `DecodingError`/`EncodingError`: where in the JSON, and what.
func describeCodingError(_ error: any Error) -> String {
  func where_(_ path: [any CodingKey]) -> String {
    let dotted = path.map { $0.intValue.map(String.init) ?? $0.stringValue }
      .joined(separator: ".")
    return dotted.isEmpty ? "" : "at '\(dotted)': "
  }
  var text: String
  switch error {
  case DecodingError.keyNotFound(let key, let context):
    text = where_(context.codingPath) + "missing key '\(key.stringValue)'"
  case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
    DecodingError.dataCorrupted(let context):
    text = where_(context.codingPath) + context.debugDescription
  case EncodingError.invalidValue(_, let context):
    text = where_(context.codingPath) + context.debugDescription
  default:
    text = String(describing: error)
  }
  return text.split(whereSeparator: \.isNewline).joined(separator: " ")
}
