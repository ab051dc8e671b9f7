import Foundation

/// A fresh temporary folder per value, removed when the value is deinitialised.
public final class TempDirectory: Sendable {
  public let path: String

  public init(_ label: String = "test") {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("firstspike-\(label)-\(getpid())-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    path = url.path
  }

  /// The path of `name` inside the folder.
  public func file(_ name: String) -> String { path + "/" + name }

  /// Writes `bytes` to `name` inside the folder and returns its path.
  public func write(_ bytes: [UInt8], to name: String) -> String {
    let p = file(name)
    _ = FileManager.default.createFile(atPath: p, contents: Data(bytes))
    return p
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs `body` with a fresh empty folder, removed after.
public func withTemporaryFolder<R>(_ body: (String) throws -> R) throws -> R {
  let folder = TempDirectory()
  return try withExtendedLifetime(folder) { try body(folder.path) }
}

/// One scratch folder for the whole test process, removed when the process exits.
private let processScratch: TempDirectory = {
  let folder = TempDirectory("scratch")
  atexit { try? FileManager.default.removeItem(atPath: processScratchPath) }
  return folder
}()
nonisolated(unsafe) private var processScratchPath = ""

/// A fresh path `…/<unique>-name` in the process's scratch folder (the file does not exist).
public func temporaryPath(_ name: String) -> String {
  if processScratchPath.isEmpty { processScratchPath = processScratch.path }
  return processScratch.file("\(UUID().uuidString)-\(name)")
}
