#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A regular file opened for reading, the one way every reader of FirstSpike opens what a
/// user names (PNG, IDX, checkpoint, spec, reference trace).
///
/// Only regular files are opened: the path is examined with `stat` first (so a device is never
/// opened), then opened with `O_NONBLOCK` (so a FIFO cannot block the open) and checked again
/// with `fstat` on the descriptor (so a file swapped in between is caught). A FIFO, a socket,
/// a device or a folder gives one ``FileReadError`` line at once. Whole-file reads are checked
/// against a caller's size cap before anything is allocated.
public final class ReadableFile {
  public let path: String
  /// The open descriptor (closed on deinit).
  public let descriptor: Int32
  /// The identity of the opened file (from `fstat` on the descriptor).
  public let identity: FileIdentity

  /// Size in bytes when opened.
  public var size: Int { Int(identity.size) }

  /// Opens the regular file at `path`.
  /// - Throws: ``FileReadError`` `.notFound`, `.notRegular` (naming what it is instead), `.io`.
  public init(path: String) throws(FileReadError) {
    var info = stat()
    guard stat(path, &info) == 0 else { throw FileReadError.failed(path: path, operation: "open", errno: errno) }
    if let kind = Self.nonRegularKind(info.st_mode) { throw .notRegular(path: path, kind: kind) }
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { throw FileReadError.failed(path: path, operation: "open", errno: errno) }
    guard fstat(fd, &info) == 0 else {
      let code = errno
      close(fd)
      throw .io(path: path, operation: "stat", errno: code)
    }
    if let kind = Self.nonRegularKind(info.st_mode) {
      close(fd)
      throw .notRegular(path: path, kind: kind)
    }
    self.path = path
    self.descriptor = fd
    self.identity = FileIdentity(info)
  }

  deinit { close(descriptor) }

  /// Up to `count` bytes from the current offset (fewer only at the end of the file).
  public func read(upTo count: Int) throws(FileReadError) -> [UInt8] {
    precondition(count >= 0, "read of \(count) bytes")
    var bytes = [UInt8](repeating: 0, count: count)
    var got = 0
    while got < count {
      let n = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + got, count - got) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .io(path: path, operation: "read", errno: errno)
      }
      if n == 0 { break }
      got += n
    }
    if got < count { bytes.removeSubrange(got...) }
    return bytes
  }

  /// The rest of the file from the current offset, refusing a file of more than `maxBytes`
  /// bytes in all (checked on its size before allocating, and again while reading, should it
  /// grow).
  public func readRest(maxBytes: Int) throws(FileReadError) -> [UInt8] {
    let offset = max(0, Int(lseek(descriptor, 0, SEEK_CUR)))
    if size > maxBytes { throw .tooLarge(path: path, size: size, limit: maxBytes) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(max(0, size - offset))
    while true {
      let chunk = try read(upTo: 1 << 20)
      if chunk.isEmpty { return bytes }
      if offset + bytes.count + chunk.count > maxBytes {
        throw .tooLarge(path: path, size: offset + bytes.count + chunk.count, limit: maxBytes)
      }
      bytes += chunk
    }
  }

  /// The whole regular file at `path`, at most `maxBytes` long.
  public static func bytes(path: String, maxBytes: Int) throws(FileReadError) -> [UInt8] {
    try ReadableFile(path: path).readRest(maxBytes: maxBytes)
  }

  /// What a non-regular file is, in words, or nil for a regular file.
  static func nonRegularKind(_ mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return "a folder"
    case S_IFIFO: return "a FIFO (named pipe)"
    case S_IFSOCK: return "a socket"
    case S_IFCHR: return "a character device"
    case S_IFBLK: return "a block device"
    default: return "not a regular file"
    }
  }
}

/// Why a file could not be opened or read; ``description`` is one line naming the path.
public enum FileReadError: FirstSpikeError, Equatable {
  /// Nothing at the path (`ENOENT`).
  case notFound(path: String)
  /// A FIFO, socket, device or folder where a regular file is needed.
  case notRegular(path: String, kind: String)
  /// The file is larger than the reader accepts.
  case tooLarge(path: String, size: Int, limit: Int)
  /// A system call failed.
  case io(path: String, operation: String, errno: Int32)

  /// `.notFound` for `ENOENT`, else `.io`.
  static func failed(path: String, operation: String, errno code: Int32) -> FileReadError {
    code == ENOENT ? .notFound(path: path) : .io(path: path, operation: operation, errno: code)
  }

  public var path: String {
    switch self {
    case .notFound(let p), .notRegular(let p, _), .tooLarge(let p, _, _), .io(let p, _, _): p
    }
  }

  /// The text after `<path>: `.
  public var reason: String {
    switch self {
    case .notFound: "no such file or directory"
    case .notRegular(_, let kind): "not a regular file (\(kind))"
    case .tooLarge(_, let size, let limit): "file of \(size) bytes exceeds the limit of \(limit) bytes"
    case .io(_, let operation, let code): "cannot \(operation): \(String(cString: strerror(code)))"
    }
  }

  public var description: String { "\(path): \(reason)" }
}
