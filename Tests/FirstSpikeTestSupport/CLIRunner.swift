import Foundation

/// The result of running the `firstspike` binary.
public struct CLIResult: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String

  public init(status: Int32, stdout: String, stderr: String) {
    self.status = status
    self.stdout = stdout
    self.stderr = stderr
  }
}

/// The package root.
public var repositoryRoot: String { RepositoryPaths.root }

/// The built `firstspike` executable: next to the test bundle (the products folder, e.g.
/// `.build/debug`), else `<root>/.build/debug/firstspike`.
public let firstSpikeBinary: String = {
  let bundle = Bundle.main.bundleURL
  let candidates = [
    bundle, bundle.deletingLastPathComponent(),
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
    URL(fileURLWithPath: repositoryRoot + "/.build/debug"),
  ].map { $0.appendingPathComponent("firstspike").path }
  guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) })
  else { fatalError("firstspike binary not found; looked at \(candidates)") }
  return found
}()

/// Runs `firstspike args…` in `directory` (default: the repository root) and returns its
/// exit status and complete output. Output goes through temporary files, so a chatty command
/// cannot block on a full pipe. `binary` replaces the built executable (e.g. an installed
/// copy); `environment` changes or (with nil values) removes variables of this process's.
public func runFirstSpike(_ args: [String], in directory: String = repositoryRoot, binary: String = firstSpikeBinary,
                          environment: [String: String?] = [:]) throws -> CLIResult {
  let scratch = FileManager.default.temporaryDirectory
    .appendingPathComponent("firstspike-cli-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: scratch) }
  let outURL = scratch.appendingPathComponent("stdout")
  let errURL = scratch.appendingPathComponent("stderr")
  _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
  _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
  let outHandle = try FileHandle(forWritingTo: outURL)
  let errHandle = try FileHandle(forWritingTo: errURL)
  let process = Process()
  process.executableURL = URL(fileURLWithPath: binary)
  process.arguments = args
  if !environment.isEmpty {
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
  }
  process.currentDirectoryURL = URL(fileURLWithPath: directory)
  process.standardOutput = outHandle
  process.standardError = errHandle
  try process.run()
  process.waitUntilExit()
  try outHandle.close()
  try errHandle.close()
  return CLIResult(
    status: process.terminationStatus,
    stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
    stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}
