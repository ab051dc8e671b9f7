/// Everything that can go wrong while reading or writing images and data sets.
///
/// Every case carries the path it is about, and `description` is one line
/// `"<path>: <what is wrong>"` (the CLI prints it as `firstspike: error: <description>`).
/// Messages from the C libraries (libpng's `png_image.message`, zlib's `gzerror`, `strerror`)
/// are kept verbatim.
public enum DataError: FirstSpikeError, Equatable {
  /// The file or folder does not exist.
  case fileNotFound(path: String)
  /// The file exists but could not be read (`reason` is `strerror(errno)`).
  case unreadable(path: String, reason: String)
  /// The file could not be created or written (`reason` is the OS or library message).
  case unwritable(path: String, reason: String)
  /// The file has zero bytes.
  case emptyFile(path: String)
  /// libpng refused the file; `message` is libpng's `png_image.message`.
  case png(path: String, message: String)
  /// The PNG header declares more pixels than the caller allows (checked before any allocation).
  case pngTooLarge(path: String, width: Int, height: Int, maxPixels: Int)
  /// The file starts with neither the PNG signature nor an IDX magic number.
  case unknownFormat(path: String)
  /// The IDX magic is not `0x00000803` (images, 2051) or `0x00000801` (labels, 2049).
  case idxBadMagic(path: String, found: UInt32)
  /// An IDX file of the other kind than asked for (labels where images were expected, …).
  case idxWrongKind(path: String, expected: IDXKind, found: IDXKind)
  /// An IDX image file whose rows or columns are zero.
  case idxZeroDimension(path: String, rows: Int, columns: Int)
  /// The (decompressed) IDX file is shorter than its header promises; sizes in bytes.
  case idxTruncated(path: String, expected: Int, actual: Int)
  /// The (decompressed) IDX file is longer than its header promises; sizes in bytes.
  case idxTrailingBytes(path: String, expected: Int, actual: Int)
  /// An image file and a label file that hold different numbers of items.
  case idxCountMismatch(imagesPath: String, images: Int, labelsPath: String, labels: Int)
  /// zlib could not decompress the file; `message` is `gzerror`'s text.
  case gzip(path: String, message: String)
  /// A file with a standard data-set name whose SHA-256 is not the known one (hex digests).
  case checksumMismatch(path: String, expected: String, actual: String)
  /// A data-set folder lacks a required file (`names` are the accepted file names).
  case missingDataFile(directory: String, names: [String])
  /// A path that should be a folder is not one.
  case notADirectory(path: String)
  /// An image folder without class sub-folders.
  case noClasses(path: String)
  /// A class folder without any PNG file.
  case emptyClass(path: String)

  public var description: String {
    switch self {
    case .fileNotFound(let path): "\(path): no such file or directory"
    case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
    case .unwritable(let path, let reason): "\(path): cannot write: \(reason)"
    case .emptyFile(let path): "\(path): empty file"
    case .png(let path, let message): "\(path): invalid PNG: \(message)"
    case .pngTooLarge(let path, let width, let height, let maxPixels):
      "\(path): PNG header declares \(width)×\(height) = \(width * height) pixels, "
        + "over the limit of \(maxPixels) pixels"
    case .unknownFormat(let path):
      "\(path): not a PNG or IDX file (no PNG signature, no IDX magic 0x00000803/0x00000801)"
    case .idxBadMagic(let path, let found):
      "\(path): not an IDX image or label file: magic \(hex32(found)), "
        + "expected 0x00000803 (images) or 0x00000801 (labels)"
    case .idxWrongKind(let path, let expected, let found):
      "\(path): IDX file holds \(found), expected \(expected)"
    case .idxZeroDimension(let path, let rows, let columns):
      "\(path): IDX images of zero size (\(rows) rows × \(columns) columns)"
    case .idxTruncated(let path, let expected, let actual):
      "\(path): truncated IDX file: header promises \(expected) bytes, file has \(actual)"
    case .idxTrailingBytes(let path, let expected, let actual):
      "\(path): IDX file has trailing bytes: header promises \(expected) bytes, file has \(actual)"
    case .idxCountMismatch(let imagesPath, let images, let labelsPath, let labels):
      "\(imagesPath): \(images) images but \(labelsPath) has \(labels) labels"
    case .gzip(let path, let message): "\(path): gzip error: \(message)"
    case .checksumMismatch(let path, let expected, let actual):
      "\(path): checksum mismatch: SHA-256 \(actual), expected \(expected)"
    case .missingDataFile(let directory, let names):
      "\(directory): missing data file (looked for \(names.joined(separator: " or ")))"
    case .notADirectory(let path): "\(path): not a directory"
    case .noClasses(let path): "\(path): no class sub-folders"
    case .emptyClass(let path): "\(path): class folder without PNG files"
    }
  }
}

/// `0x%08x`.
func hex32(_ value: UInt32) -> String {
  let digits = String(value, radix: 16)
  return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
