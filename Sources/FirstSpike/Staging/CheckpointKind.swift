/// Which kind of model a checkpoint file holds, so that each command reads only its own kind
/// and says so in one line when given the other.
///
/// Stored as the JSON string blob `kind`; files without it (every single-spike checkpoint,
/// including those written before kinds existed) are single-spike models (blobs `spec`,
/// `training`, see ``ModelCheckpoint``). Rate-coded files are ``RateCodedCheckpoint``s.
public enum CheckpointKind: String, Sendable, Equatable, CaseIterable {
  case singleSpike = "single-spike"
  case rateCoded = "rate-coded"

  /// Name of the blob that marks a kind.
  public static let blobName = "kind"

  /// The kind of `archive`.
  /// - Throws: `.badBlob` for a `kind` blob that is not one of the known JSON strings.
  public init(archive: CheckpointArchive) throws(CheckpointError) {
    guard archive.blobs.contains(where: { $0.name == Self.blobName }) else {
      self = .singleSpike
      return
    }
    let name = try archive.decodeBlob(String.self, named: Self.blobName)
    guard let kind = CheckpointKind(rawValue: name) else {
      let known = Self.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
      throw .badBlob(path: archive.source, name: Self.blobName, reason: "unknown kind '\(name)' (known: \(known))")
    }
    self = kind
  }

  /// The kind of the checkpoint at `path` (reads and validates the whole container).
  public static func of(path: String) throws(CheckpointError) -> CheckpointKind {
    try CheckpointKind(archive: CheckpointArchive.load(from: path))
  }

  /// Throws ``Mismatch`` unless `archive` holds a model of kind `expected`.
  public static func require(_ expected: CheckpointKind, in archive: CheckpointArchive) throws {
    let found = try CheckpointKind(archive: archive)
    guard found == expected else { throw Mismatch(path: archive.source, found: found, expected: expected) }
  }

  /// A checkpoint of one kind given where the other is needed.
  public struct Mismatch: FirstSpikeError, Equatable {
    public var path: String
    public var found: CheckpointKind
    public var expected: CheckpointKind

    public var description: String {
      "\(path): holds a \(found.rawValue) model, but this needs a \(expected.rawValue) model checkpoint"
    }
  }
}
