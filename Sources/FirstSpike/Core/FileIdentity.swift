#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Which file a path named at one moment: device, inode, size and modification time.
///
/// Two identities are equal only when the path still leads to the same inode with the same
/// size and mtime, so a file replaced by another (`cp`, `mv`, a second writer's atomic
/// rename) or rewritten in place is told apart from the one a run loaded or last wrote.
public struct FileIdentity: Sendable, Hashable, CustomStringConvertible {
  public var device: UInt64
  public var inode: UInt64
  public var size: Int64
  /// Modification time, seconds and nanoseconds since the epoch.
  public var modifiedSeconds: Int64
  public var modifiedNanoseconds: Int64

  /// The identity in a `stat` result.
  init(_ info: stat) {
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
    size = Int64(info.st_size)
    #if canImport(Glibc)
      modifiedSeconds = Int64(info.st_mtim.tv_sec)
      modifiedNanoseconds = Int64(info.st_mtim.tv_nsec)
    #else
      modifiedSeconds = Int64(info.st_mtimespec.tv_sec)
      modifiedNanoseconds = Int64(info.st_mtimespec.tv_nsec)
    #endif
  }

  /// The identity of what `path` names now (symbolic links followed), or nil when nothing is
  /// there (or it cannot be examined).
  public static func of(path: String) -> FileIdentity? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return FileIdentity(info)
  }

  /// The identity of the open file `fd`, or nil when `fstat` fails.
  public static func of(descriptor fd: Int32) -> FileIdentity? {
    var info = stat()
    guard fstat(fd, &info) == 0 else { return nil }
    return FileIdentity(info)
  }

  public var description: String { "inode \(device):\(inode), \(size) bytes, mtime \(modifiedSeconds).\(modifiedNanoseconds)" }
}
