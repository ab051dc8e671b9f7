import Foundation

/// A model FirstSpike ships the definition of: its name, what it is, and how to make a new,
/// untrained one. Listed in ``ModelRegistry/builtIns``.
public struct BuiltInModel: Sendable {
  /// The `--model` name.
  public var name: String
  /// One line for `--help`.
  public var summary: String
  /// Whether `bench` without a checkpoint measures its untrained weights.
  public var benchmarked: Bool
  /// The spec of a variant, as JSON (`inspect --spec NAME`).
  public var specJSON: @Sendable (PresetVariant) -> String
  /// A new model of a variant with spec overrides, weights drawn from `seed`.
  public var make: @Sendable (PresetVariant, [SpecOverride], UInt64, DataRecord) throws -> any Model

  public init(name: String, summary: String, benchmarked: Bool = false,
              specJSON: @escaping @Sendable (PresetVariant) -> String,
              make: @escaping @Sendable (PresetVariant, [SpecOverride], UInt64, DataRecord) throws -> any Model) {
    self.name = name
    self.summary = summary
    self.benchmarked = benchmarked
    self.specJSON = specJSON
    self.make = make
  }
}

/// Settings of a built-in model: FirstSpike's defaults, or exactly the published ones.
public enum PresetVariant: String, CaseIterable, Sendable {
  /// The published settings plus the changes that measurably helped (RESULTS.md).
  case improved
  /// The paper's settings, unchanged (models without improvements: the same spec).
  case paper
}

/// Pretty-printed JSON with sorted keys: how specs are shown and written.
public func prettyJSON(_ value: some Encodable) -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
  return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
}
