import FirstSpike
import Foundation

/// Reads a model spec written as JSON (the format `firstspike inspect --spec` prints).
enum SpecFile {
  struct Failure: FirstSpikeError {
    let path: String, reason: String
    var description: String { "\(path): \(reason)" }
  }

  static func load(_ path: String) throws -> ModelSpec {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Failure(path: path, reason: "cannot read the model spec")
    }
    do {
      return try JSONDecoder().decode(ModelSpec.self, from: data)
    } catch {
      throw Failure(path: path, reason: "not a valid model spec: \(error)")
    }
  }

  static func json(_ spec: ModelSpec) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return String(decoding: (try? encoder.encode(spec)) ?? Data(), as: UTF8.self)
  }
}
