#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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
  /// A FIFO, socket, device or folder where a regular file is needed (`kind` says which).
  case notRegularFile(path: String, kind: String)
  /// The file is larger than the reader accepts (checked before reading it).
  case fileTooLarge(path: String, size: Int, limit: Int)
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
  /// The (decompressed) IDX file goes on for at least `atLeast` bytes where the header promises
  /// `expected` (reading stopped there: a compressed file may inflate without end).
  case idxTrailingBytesAtLeast(path: String, expected: Int, atLeast: Int)
  /// The IDX header's dimensions multiply past the payload limit (or past `Int`).
  case idxTooLarge(path: String, dimensions: [Int], limit: Int)
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
    case .notRegularFile(let path, let kind): "\(path): not a regular file (\(kind))"
    case .fileTooLarge(let path, let size, let limit):
      "\(path): file of \(size) bytes exceeds the limit of \(limit) bytes"
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
    case .idxTrailingBytesAtLeast(let path, let expected, let atLeast):
      "\(path): IDX file has trailing bytes: header promises \(expected) bytes, "
        + "file has more than \(atLeast) (stopped reading there)"
    case .idxTooLarge(let path, let dimensions, let limit):
      "\(path): IDX header declares \(dimensions.map(String.init).joined(separator: " × ")) items, "
        + "over the limit of \(limit) bytes"
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

extension DataError {
  /// The data error for a failed open or read of a regular file.
  init(_ error: FileReadError) {
    switch error {
    case .notFound(let path): self = .fileNotFound(path: path)
    case .notRegular(let path, let kind): self = .notRegularFile(path: path, kind: kind)
    case .tooLarge(let path, let size, let limit): self = .fileTooLarge(path: path, size: size, limit: limit)
    case .io(let path, _, let code): self = .unreadable(path: path, reason: String(cString: strerror(code)))
    }
  }
}
