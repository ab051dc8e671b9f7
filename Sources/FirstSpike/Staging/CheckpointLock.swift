#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The exclusive right to write one checkpoint: an `flock` on `<checkpoint>.lock` next to it,
/// which holds the owner's pid. `train` takes it before reading the checkpoint and keeps it
/// until the process ends, so a second trainer of the same file is refused at once, naming the
/// first; commands that only read a checkpoint never take it and keep working.
///
/// The lock is the kernel's (released when the process dies, whatever kills it), the file only
/// carries the pid for the message. The owner removes the file while still holding the lock;
/// a process that opened it just before checks, once it holds the lock, that the path still
/// names the file it locked, and otherwise starts over.
public final class CheckpointLock {
  /// The checkpoint guarded.
  public let path: String
  /// `<path>.lock`.
  public let lockPath: String
  private let descriptor: Int32

  /// `<path>.lock`.
  public static func lockPath(for path: String) -> String { path + ".lock" }

  /// Takes the lock of `path` without waiting.
  /// - Throws: ``CheckpointLockError/inUse(path:pid:)`` while another process holds it,
  ///   `.io` when the lock file cannot be created or locked.
  public init(path: String) throws(CheckpointLockError) {
    let lockPath = Self.lockPath(for: path)
    for _ in 0..<100 {
      let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o666)
      guard fd >= 0 else { throw .io(path: path, operation: "create the lock file '\(lockPath)'", errno: errno) }
      if flock(fd, LOCK_EX | LOCK_NB) != 0 {
        let code = errno
        let pid = code == EWOULDBLOCK ? Self.readPID(fd) : nil
        close(fd)
        if code == EWOULDBLOCK { throw .inUse(path: path, pid: pid) }
        throw .io(path: path, operation: "lock '\(lockPath)'", errno: code)
      }
      // Locked: but a previous owner may have removed (and another process re-created) the
      // file between our open and flock; then this lock guards nothing.
      guard let held = FileIdentity.of(descriptor: fd), let named = FileIdentity.of(path: lockPath),
            held.device == named.device, held.inode == named.inode else {
        close(fd)
        continue
      }
      let text = Array("\(getpid())\n".utf8)
      _ = ftruncate(fd, 0)
      _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
      self.path = path
      self.lockPath = lockPath
      self.descriptor = fd
      return
    }
    throw .io(path: path, operation: "lock '\(lockPath)' (it keeps being replaced)", errno: EAGAIN)
  }

  /// Removes the lock file, then releases the lock.
  deinit {
    unlink(lockPath)
    close(descriptor)
  }

  /// The pid written in a lock file, if it holds one.
  private static func readPID(_ fd: Int32) -> Int32? {
    var buffer = [UInt8](repeating: 0, count: 32)
    let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
    guard n > 0 else { return nil }
    return Int32(String(decoding: buffer[0..<n], as: UTF8.self).trimmingWhitespace)
  }
}

/// Why a checkpoint could not be locked for training.
public enum CheckpointLockError: FirstSpikeError, Equatable {
  /// Another process holds the lock (`pid` as its lock file says, when it says).
  case inUse(path: String, pid: Int32?)
  case io(path: String, operation: String, errno: Int32)

  public var description: String {
    switch self {
    case .inUse(let path, let pid):
      return "\(path): in use by another training run\(pid.map { " (pid \($0))" } ?? "")"
    case .io(let path, let operation, let code):
      return "\(path): cannot \(operation): \(String(cString: strerror(code)))"
    }
  }
}

extension String {
  /// Without leading and trailing spaces, tabs and newlines.
  var trimmingWhitespace: String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
    return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
  }
}
