/// The kind of model a checkpoint holds — single-spike convolutional, rate-coded, … — so a
/// file is read by the code of its own kind (``ModelRegistry/open(path:)``) and a file of
/// another kind is refused in one line where one kind is required.
///
/// Stored as the JSON string blob `kind`. Files without it are single-spike models (every
/// single-spike checkpoint, including those written before kinds existed, has none). Each kind
/// declares its value beside its model type (`extension ModelKind { static let … }`).
public struct ModelKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public var description: String { rawValue }

  /// Name of the blob that marks a kind.
  public static let blobName = "kind"

  /// The kind marked in `archive`, or nil when it has no `kind` blob (a single-spike file).
  /// - Throws: `.badBlob` for a `kind` blob that is not a JSON string.
  public static func marked(in archive: CheckpointArchive) throws(CheckpointError) -> ModelKind? {
    guard archive.blobs.contains(where: { $0.name == blobName }) else { return nil }
    return ModelKind(rawValue: try archive.decodeBlob(String.self, named: blobName))
  }

  /// The kind of `archive`: its marker, or the kind of unmarked files.
  /// - Throws: `.badBlob` for a marker no registered kind has.
  public static func of(_ archive: CheckpointArchive) throws(CheckpointError) -> ModelKind {
    guard let kind = try marked(in: archive) else { return ModelRegistry.unmarkedKind }
    guard ModelRegistry.type(of: kind) != nil else {
      let known = ModelRegistry.kinds.map { "'\($0.kind.rawValue)'" }.joined(separator: ", ")
      throw .badBlob(path: archive.source, name: blobName, reason: "unknown kind '\(kind.rawValue)' (known: \(known))")
    }
    return kind
  }

  /// Throws ``Mismatch`` unless `archive` holds a model of kind `expected`.
  public static func require(_ expected: ModelKind, in archive: CheckpointArchive) throws {
    let found = try of(archive)
    guard found == expected else { throw Mismatch(path: archive.source, found: found, expected: expected) }
  }

  /// A checkpoint of one kind given where another is needed.
  public struct Mismatch: FirstSpikeError, Equatable {
    public var path: String
    public var found: ModelKind
    public var expected: ModelKind

    public var description: String {
      "\(path): holds a \(found.rawValue) model, but this needs a \(expected.rawValue) model checkpoint"
    }
  }
}
