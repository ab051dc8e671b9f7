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

  /// Permission bits do not stop root, so this runs only for other users.
  @Test(.enabled(if: geteuid() != 0, "root ignores folder permissions"))
  func readOnlyFolderThrowsAndKeepsTheOldFile() throws {
    try withTemporaryFolder { folder in
      let path = folder + "/model.fspk"
      try AtomicFile.write(old, to: path)
      chmod(folder, 0o555)
      defer { chmod(folder, 0o755) }
      let error = checkpointError { try AtomicFile.write(new, to: path) }
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
