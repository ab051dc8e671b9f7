import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Crash-safe replacement of a whole file: after `write` returns, `path` holds the new bytes
/// durably; if it throws, or the machine dies part-way, `path` still holds its old bytes.
///
/// Protocol (POSIX): create `.<name>.tmp-<pid>-<random>` in the target's folder with
/// `O_CREAT | O_EXCL`, write all bytes, `fsync`, `close`, `rename` it over `path` (atomic
/// within one file system), then `fsync` the folder so the rename itself is durable. Any
/// failure before the rename unlinks the temporary file. `rename` replaces a symbolic link at
/// `path` rather than its target. A process killed mid-write (SIGKILL, power loss) can leave
/// its temporary file behind: each write first removes the temporaries of `path` whose
/// process no longer runs.
public enum AtomicFile {
  /// Writes `bytes` to `path` atomically (see the type's documentation).
  ///
  /// - Returns: the identity of the file written (device, inode, size, mtime).
  /// - Throws: `CheckpointError.io` naming `path` and the failed step, e.g.
  ///   "runs/x.fspk: cannot create a file in folder 'runs': No such file or directory".
  @discardableResult
  public static func write(_ bytes: [UInt8], to path: String) throws(CheckpointError) -> FileIdentity? {
    try write(bytes, to: path, beforeRename: {})
  }

  /// `write`, with a hook run after the temporary file is complete and before the rename
  /// (tests inject failures there).
  @discardableResult
  static func write(
    _ bytes: [UInt8], to path: String, beforeRename: () throws(CheckpointError) -> Void
  ) throws(CheckpointError) -> FileIdentity? {
    let (folder, name) = split(path)
    removeStaleTemporaries(folder: folder, name: name)
    let temporary = folder + "/" + temporaryPrefix(name) + "\(getpid())-\(randomSuffix())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard fd >= 0 else {
      throw .io(path: path, operation: "create a file in folder '\(folder)'", errno: errno)
    }
    var renamed = false
    defer { if !renamed { unlink(temporary) } }
    let identity: FileIdentity?
    do {
      defer { close(fd) }
      try writeAll(bytes, to: fd, path: path)
      guard fsync(fd) == 0 else { throw .io(path: path, operation: "fsync", errno: errno) }
      identity = FileIdentity.of(descriptor: fd)  // rename keeps inode, size and mtime
    }
    try beforeRename()
    guard rename(temporary, path) == 0 else {
      throw .io(path: path, operation: "replace", errno: errno)
    }
    renamed = true
    try syncFolder(folder, path: path)
    return identity
  }

  /// `.<name>.tmp-`: the start of every temporary file name of `name`.
  static func temporaryPrefix(_ name: String) -> String { "." + name + ".tmp-" }

  /// Removes the temporary files of `name` in `folder` (`.<name>.tmp-<pid>-<random>`) whose
  /// process is gone (`kill(pid, 0)` fails with `ESRCH`): what a killed write left behind.
  /// Files of running processes, and names that do not parse, are left alone.
  static func removeStaleTemporaries(folder: String, name: String) {
    let prefix = temporaryPrefix(name)
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for file in entries where file.hasPrefix(prefix) {
      let rest = file.dropFirst(prefix.count)
      guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0 else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + file) }
    }
  }

  /// `(folder, name)` of `path`; the folder is `"."` for a bare name.
  static func split(_ path: String) -> (folder: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let folder = String(path[..<slash])
    return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
  }

  private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String)
    throws(CheckpointError)
  {
    var written = 0
    while written < bytes.count {
      let n = bytes.withUnsafeBytes { raw in
        Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw .io(path: path, operation: "write", errno: errno)
      }
      written += n
    }
  }

  /// Makes the directory entry change durable. File systems that cannot fsync a directory
  /// (EINVAL) are accepted: the rename has happened either way.
  private static func syncFolder(_ folder: String, path: String) throws(CheckpointError) {
    let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { throw .io(path: path, operation: "open folder '\(folder)'", errno: errno) }
    defer { close(fd) }
    if fsync(fd) != 0 && errno != EINVAL {
      throw .io(path: path, operation: "fsync folder '\(folder)'", errno: errno)
    }
  }

  private static func randomSuffix() -> String {
    var generator = SystemRandomNumberGenerator()
    return String(generator.next() as UInt64, radix: 36)
  }
}
