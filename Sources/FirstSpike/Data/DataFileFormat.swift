/// The kinds of data file FirstSpike reads, told apart by their first bytes.
public enum DataFileFormat: Sendable, Equatable {
  /// Starts with the PNG signature `89 50 4E 47 0D 0A 1A 0A`.
  case png
  /// Starts with the gzip magic `1F 8B` (assumed to hold an IDX file) or with `00 00 08`
  /// (the IDX magic of unsigned-byte data).
  case idx(compressed: Bool)

  /// Sniffs the first 8 bytes of `path`.
  /// - Throws: `.fileNotFound`, `.unreadable`, `.emptyFile`, or `.unknownFormat`.
  public static func detect(path: String) throws(DataError) -> DataFileFormat {
    let head = try FileBytes.readPrefix(path: path, count: 8)
    if head.isEmpty { throw .emptyFile(path: path) }
    if PNGChunks.hasSignature(head) { return .png }
    if head.starts(with: [0x1F, 0x8B]) { return .idx(compressed: true) }
    if head.starts(with: [0x00, 0x00, 0x08]) { return .idx(compressed: false) }
    throw .unknownFormat(path: path)
  }
}

extension PNGHeader {
  /// Reads the signature and IHDR of the PNG at `path` (the whole file, for the chunk list).
  public init(path: String) throws(DataError) {
    try self.init(bytes: FileBytes.read(path: path), path: path)
  }
}
