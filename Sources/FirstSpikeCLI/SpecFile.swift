import FirstSpike
import Foundation

/// Reads a model spec written as JSON (the format `firstspike inspect --spec` prints).
/// A problem with a file the CLI itself reads or writes, reported as `<path>: <reason>`.
struct FileProblem: FirstSpikeError {
  let path: String, reason: String
  var description: String { "\(path): \(reason)" }
}

enum SpecFile {
  static func load(_ path: String) throws -> ModelSpec {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw FileProblem(path: path, reason: "cannot read the model spec")
    }
    do {
      return try JSONDecoder().decode(ModelSpec.self, from: data)
    } catch {
      throw FileProblem(path: path, reason: "not a valid model spec: \(error)")
    }
  }

  static func json(_ spec: ModelSpec) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return String(decoding: (try? encoder.encode(spec)) ?? Data(), as: UTF8.self)
  }
}
