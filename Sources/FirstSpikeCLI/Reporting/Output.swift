import FirstSpike
import Foundation

/// A JSON document as one line with sorted keys (what every `--json` prints).
func jsonText(_ object: Any) -> String {
  let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
  return String(decoding: data, as: UTF8.self)
}

/// A problem with a file the CLI itself reads or writes, reported as `<path>: <reason>`.
struct FileProblem: FirstSpikeError {
  let path: String, reason: String
  var description: String { "\(path): \(reason)" }
}

/// Size of the file at `path` in bytes (0 when unknown).
func fileSize(_ path: String) -> Int {
  (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
}

/// A one-line CLI error (`firstspike: error: <description>`).
struct ExportError: FirstSpikeError {
  let description: String
  init(_ description: String) { self.description = description }
}

/// Draws a picture and writes it to `path`; a picture that cannot be drawn (too large for
/// the options or the model) is one line naming the file.
@discardableResult
func writePicture(to path: String, _ draw: () throws(DiagnosticsError) -> Picture) throws -> Picture {
  let picture: Picture
  do { picture = try draw() } catch { throw FileProblem(path: path, reason: error.description) }
  try picture.write(to: path)
  return picture
}
