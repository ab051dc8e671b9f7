#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole-file reads of regular files only (``ReadableFile``), with errors that name the path
/// and `strerror(errno)`.
enum FileBytes {
  /// Largest data file read whole (PNG, IDX checksums): 1 GiB.
  static let defaultMaxBytes = 1 << 30

  /// The bytes of the regular file at `path`, at most `maxBytes` of them.
  ///
  /// - Throws: `.fileNotFound` for a missing path, `.notRegularFile` for a FIFO, device or
  ///   folder (without blocking), `.fileTooLarge` above `maxBytes` (before allocating),
  ///   `.unreadable` for anything else the OS refuses.
  /// - Complexity: O(file size), one allocation.
  static func read(path: String, maxBytes: Int = defaultMaxBytes) throws(DataError) -> [UInt8] {
    do {
      return try ReadableFile.bytes(path: path, maxBytes: maxBytes)
    } catch {
      throw DataError(error)
    }
  }

  /// The first `count` bytes of the regular file at `path` (fewer if the file is shorter).
  static func readPrefix(path: String, count: Int) throws(DataError) -> [UInt8] {
    do {
      return try ReadableFile(path: path).read(upTo: count)
    } catch {
      throw DataError(error)
    }
  }

  /// The error for a failed open: `.fileNotFound` for `ENOENT`, else `.unreadable`.
  static func openError(path: String) -> DataError {
    errno == ENOENT
      ? .fileNotFound(path: path) : .unreadable(path: path, reason: errnoString())
  }

  /// True when `path` is (or links to) a regular file.
  static func isRegularFile(_ path: String) -> Bool { fileType(path) == S_IFREG }

  /// True when `path` is (or links to) a directory.
  static func isDirectory(_ path: String) -> Bool { fileType(path) == S_IFDIR }

  private static func fileType(_ path: String) -> mode_t? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return info.st_mode & S_IFMT
  }

  static func errnoString() -> String { String(cString: strerror(errno)) }
}
