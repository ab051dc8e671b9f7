import Foundation

/// A fresh temporary folder per call, removed when the value is deinitialised.
final class TempDirectory {
  let path: String

  init(_ label: String) {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("firstspike-\(label)-\(getpid())-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    path = url.path
  }

  func file(_ name: String) -> String { path + "/" + name }

  func write(_ bytes: [UInt8], to name: String) -> String {
    let p = file(name)
    FileManager.default.createFile(atPath: p, contents: Data(bytes))
    return p
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}
