#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole-file reads with errors that name the path and `strerror(errno)`.
enum FileBytes {
  /// The bytes of the file at `path`.
  ///
  /// - Throws: `.fileNotFound` for a missing path, `.unreadable` for anything else the OS
  ///   refuses (a folder, no permission, an I/O error).
  /// - Complexity: O(file size), one allocation.
  static func read(path: String) throws(DataError) -> [UInt8] {
    guard let file = fopen(path, "rb") else { throw openError(path: path) }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let got = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
      if got > 0 { bytes.append(contentsOf: chunk[0..<got]) }
      if got < chunk.count {
        if ferror(file) != 0 { throw .unreadable(path: path, reason: errnoString()) }
        return bytes
      }
    }
  }

  /// The first `count` bytes of `path` (fewer if the file is shorter).
  static func readPrefix(path: String, count: Int) throws(DataError) -> [UInt8] {
    guard let file = fopen(path, "rb") else { throw openError(path: path) }
    defer { fclose(file) }
    var bytes = [UInt8](repeating: 0, count: count)
    let got = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, count, file) }
    if got < count && ferror(file) != 0 { throw .unreadable(path: path, reason: errnoString()) }
    return Array(bytes[0..<got])
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
