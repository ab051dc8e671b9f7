import FirstSpikeTestSupport
import Foundation
import Testing

@testable import FirstSpike

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct AtomicFileTests {
  let old: [UInt8] = Array("old checkpoint".utf8)
  let new: [UInt8] = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }

  func contents(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map(Array.init)
  }

  func listing(_ folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
  }

  @Test func replacesTheFileAndLeavesNoTemporaryFiles() throws {
    try withTemporaryFolder { folder in
      let path = folder + "/model.fspk"
      try AtomicFile.write(old, to: path)
      #expect(contents(path) == old)
      try AtomicFile.write(new, to: path)
      #expect(contents(path) == new)
      try AtomicFile.write([], to: path)
      #expect(contents(path) == [])
      #expect(try listing(folder) == ["model.fspk"])
    }
  }

  @Test func failureBeforeRenameKeepsTheOldFile() throws {
    try withTemporaryFolder { folder in
      let path = folder + "/model.fspk"
      try AtomicFile.write(old, to: path)
      let injected = CheckpointError.io(path: path, operation: "write", errno: ENOSPC)
      let error = checkpointError {
        try AtomicFile.write(
          new, to: path, beforeRename: { () throws(CheckpointError) in throw injected })
      }
      #expect(error == injected)
      #expect(contents(path) == old)
      #expect(try listing(folder) == ["model.fspk"])
    }
  }

  @Test func missingFolderThrowsAndCreatesNothing() throws {
    try withTemporaryFolder { folder in
      let path = folder + "/no/such/model.fspk"
      let error = checkpointError { try AtomicFile.write(new, to: path) }
      #expect(
        error?.description
          == "\(path): cannot create a file in folder '\(folder)/no/such': No such file or directory"
      )
      let left = try listing(folder)  // a `try` outside #expect makes the closure throwing
      #expect(left.isEmpty)
    }
  }

  @Test func folderThatIsAFileThrows() throws {
    try withTemporaryFolder { folder in
      try AtomicFile.write(old, to: folder + "/plain")
      let error = checkpointError { try AtomicFile.write(new, to: folder + "/plain/model.fspk") }
      #expect(
        error
          == .io(
            path: folder + "/plain/model.fspk",
            operation: "create a file in folder '\(folder)/plain'", errno: ENOTDIR))
      #expect(contents(folder + "/plain") == old)
    }
  }

  @Test func targetThatIsAFolderIsLeftAlone() throws {
    try withTemporaryFolder { folder in
      let path = folder + "/model.fspk"
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
      try AtomicFile.write(old, to: path + "/inside")
      let error = checkpointError { try AtomicFile.write(new, to: path) }
      guard case .io(path: path, operation: "replace", let code)? = error else {
        Issue.record("\(String(describing: error))")
        return
      }
      #expect(code == EISDIR || code == ENOTEMPTY || code == EEXIST, "errno \(code)")
      #expect(contents(path + "/inside") == old)
      #expect(try listing(folder) == ["model.fspk"])
    }
  }

  /// /proc refuses new files even for root.
  @Test func unwritableSystemFolderThrows() {
    let error = checkpointError { try AtomicFile.write(new, to: "/proc/fspk-test.fspk") }
    guard
      case .io(path: "/proc/fspk-test.fspk", operation: "create a file in folder '/proc'", _)? =
        error
    else {
      Issue.record("\(String(describing: error))")
      return
    }
    #expect(!FileManager.default.fileExists(atPath: "/proc/fspk-test.fspk"))
  }

  /// A folder without write permission: EACCES, the old file kept, nothing left behind. Root
  /// ignores permission bits, so as root (CI) the write runs with this thread's file-system
  /// user switched to `nobody` (``asNobody(_:)``); skipped only where neither is possible.
  @Test(.enabled(if: geteuid() != 0 || FileSystemUser.canSwitch, "root without CAP_SETUID: cannot act as another user"))
  func readOnlyFolderThrowsAndKeepsTheOldFile() throws {
    try withTemporaryFolder { folder in
      let path = folder + "/model.fspk"
      try AtomicFile.write(old, to: path)
      chmod(folder, 0o555)
      defer { chmod(folder, 0o755) }
      // `nobody` must reach the folder: its parents are the system's temporary folder.
      let error = FileSystemUser.asNobody { checkpointError { try AtomicFile.write(new, to: path) } }
      #expect(
        error == .io(path: path, operation: "create a file in folder '\(folder)'", errno: EACCES))
      #expect(contents(path) == old)
      #expect(try listing(folder) == ["model.fspk"])
    }
  }

  @Test func bareNameUsesTheCurrentFolder() {
    #expect(AtomicFile.split("model.fspk") == (".", "model.fspk"))
    #expect(AtomicFile.split("/model.fspk") == ("/", "model.fspk"))
    #expect(AtomicFile.split("a/b/c.fspk") == ("a/b", "c.fspk"))
  }
}

/// The file-system user of the calling thread (Linux `setfsuid(2)`: per thread, unlike
/// `setuid`, so other tests running meanwhile keep root). Switching root's to another user
/// drops its permission-overriding capabilities for that thread until it is switched back.
enum FileSystemUser {
  static let nobody: UInt32 = 65534
  typealias SetFSUID = @convention(c) (UInt32) -> Int32

  /// `setfsuid`, looked up at run time (Glibc's Swift module does not declare it).
  static let setfsuid: SetFSUID? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setfsuid")
    .map { unsafeBitCast($0, to: SetFSUID.self) }

  /// The thread's file-system user (`setfsuid(-1)` fails and returns it).
  static var current: UInt32? { setfsuid.map { UInt32(bitPattern: $0(UInt32.max)) } }

  /// Whether this process can act as `nobody` (as root with CAP_SETUID), tried and undone.
  static var canSwitch: Bool {
    guard geteuid() == 0, let set = setfsuid else { return false }
    _ = set(nobody)
    defer { _ = set(0) }
    return current == nobody
  }

  /// Runs `body` on this thread as `nobody` (when root; as the user itself otherwise). The
  /// body must not suspend: the user belongs to the thread, not the task.
  static func asNobody<R>(_ body: () -> R) -> R {
    guard geteuid() == 0, let set = setfsuid else { return body() }
    _ = set(nobody)
    defer { _ = set(0) }
    #expect(current == nobody, "setfsuid(\(nobody)) did not take")
    return body()
  }
}
