#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Foundation

/// An exclusive lock on a file (`flock`; on Linux NFS it is a POSIX lock the server
/// arbitrates, so tasks on several nodes exclude each other). Released when the holder closes
/// it or dies: a killed task never leaves a stale lock.
public final class FileLock {
  private let fd: Int32
  public let path: String

  /// Takes the lock at `path`, polling every `poll` seconds; `whileWaiting(holder)` is called
  /// once with what the holder wrote into the file, and `shouldStop` before each retry.
  /// - Returns: nil when `shouldStop` said stop before the lock was free.
  public static func acquire(_ path: String, holder: String, poll: Double = 0.2, shouldStop: () -> Bool,
                             whileWaiting: (String) -> Void) throws -> FileLock? {
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw SweepFolderError(path: path, reason: "cannot open the lock file: \(String(cString: strerror(errno)))") }
    var announced = false
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK || errno == EINTR else {
        let reason = String(cString: strerror(errno))
        close(fd)
        throw SweepFolderError(path: path, reason: "cannot lock: \(reason)")
      }
      if !announced {
        whileWaiting((try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
        announced = true
      }
      if shouldStop() {
        close(fd)
        return nil
      }
      usleep(UInt32(poll * 1e6))
    }
    let lock = FileLock(fd: fd, path: path)
    ftruncate(fd, 0)
    let bytes = Array(holder.utf8)
    _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    return lock
  }

  private init(fd: Int32, path: String) {
    self.fd = fd
    self.path = path
  }

  deinit { close(fd) }
}
