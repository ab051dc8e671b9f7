#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole-file reads and writes with errors that name the path and `strerror(errno)`.
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

  /// Writes `bytes` to `path`, replacing any file there.
  static func write(_ bytes: [UInt8], to path: String) throws(DataError) {
    guard let file = fopen(path, "wb") else {
      throw .unwritable(path: path, reason: errnoString())
    }
    let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    let closed = fclose(file)
    if written != bytes.count || closed != 0 {
      throw .unwritable(path: path, reason: errnoString())
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
