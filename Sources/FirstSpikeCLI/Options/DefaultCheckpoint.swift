import Foundation

/// Where `classify` finds its default model when no `--checkpoint` is given, from any folder.
///
/// In order: `$FIRSTSPIKE_CHECKPOINT` (a file; when set, nothing else is tried), then
/// ``fileName`` in `$FIRSTSPIKE_HOME` (or its `checkpoints/` or `share/firstspike/`), in
/// `./checkpoints/`, in `share/firstspike/` or `checkpoints/` of every folder above the real
/// binary (symbolic links resolved: an installed `PREFIX/bin/firstspike` finds
/// `PREFIX/share/firstspike/`, a build in `.build/…/release/` finds the repository's
/// `checkpoints/`), and in `/usr/local/share/firstspike/` and `/usr/share/firstspike/`.
enum DefaultCheckpoint {
  /// The shipped model `classify` uses by default (chosen for how it holds up on handwriting
  /// from other sources: RESULTS.md, "Classifying the images people bring").
  static let fileName = "kheradpisheh2018.fspk"

  /// The places looked at, in order.
  static func candidates(environment: [String: String] = ProcessInfo.processInfo.environment,
                         executable: String? = realExecutable()) -> [String] {
    if let file = environment["FIRSTSPIKE_CHECKPOINT"], !file.isEmpty { return [file] }
    var folders: [String] = []
    if let home = environment["FIRSTSPIKE_HOME"], !home.isEmpty {
      folders += [home, home + "/checkpoints", home + "/share/firstspike"]
    }
    folders.append("checkpoints")
    if let executable {
      var dir = URL(fileURLWithPath: executable).deletingLastPathComponent()
      while true {
        folders += [dir.appendingPathComponent("share/firstspike").path, dir.appendingPathComponent("checkpoints").path]
        let parent = dir.deletingLastPathComponent()
        if parent.path == dir.path { break }
        dir = parent
      }
    }
    folders += ["/usr/local/share/firstspike", "/usr/share/firstspike"]
    var seen = Set<String>()
    return folders.map { $0 + "/" + fileName }.filter { seen.insert($0).inserted }
  }

  /// The first candidate that exists.
  /// - Throws: one line listing every place looked at.
  static func find() throws -> String {
    let places = candidates()
    if let found = places.first(where: { FileManager.default.fileExists(atPath: $0) }) { return found }
    if let file = ProcessInfo.processInfo.environment["FIRSTSPIKE_CHECKPOINT"], !file.isEmpty {
      throw FileProblem(path: file, reason: "no such checkpoint (named by FIRSTSPIKE_CHECKPOINT)")
    }
    throw FileProblem(path: fileName, reason: "no default checkpoint found; looked in "
      + places.joined(separator: ", ")
      + "; give --checkpoint FILE, set FIRSTSPIKE_CHECKPOINT to a checkpoint or FIRSTSPIKE_HOME to the folder holding "
      + fileName + ", or install with `make install PREFIX=…`")
  }

  /// This process's binary with symbolic links resolved (`/proc/self/exe`), else argv[0]'s.
  static func realExecutable() -> String? {
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
    guard let first = CommandLine.arguments.first, first.contains("/") else { return nil }
    return URL(fileURLWithPath: first).resolvingSymlinksInPath().path
  }
}
