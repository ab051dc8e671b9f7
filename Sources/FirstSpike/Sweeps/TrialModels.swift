import Foundation

/// Makes the untrained model of a trial: the sweep's base (a built-in and preset, or a spec
/// file) with the trial's spec settings and seed, with the trained stages of the base's
/// `initFrom` checkpoint (read once).
public struct TrialModels: Sendable {
  public let base: SweepBase
  public let initFrom: (any Model)?
  /// SHA-256 of the `initFrom` file (part of every shared stage's key).
  public let initFromDigest: String?

  public init(base: SweepBase) throws {
    self.base = base
    if let path = base.initFrom {
      initFrom = try ModelRegistry.load(path: path)
      initFromDigest = try SHA256.hexDigest(ofFile: path)
    } else {
      initFrom = nil
      initFromDigest = nil
    }
  }

  /// The model of `settings` (spec overrides, in order) and `seed` for the data set `data`.
  /// - Throws: the override's error (naming the setting), a spec file's error.
  public func model(settings: [SweepAssignment], seed: UInt64, data: DataRecord) throws -> any Model {
    let overrides = settings.map { SpecOverride(path: $0.target, value: $0.value, option: "\($0.target)=\($0.value)") }
    var model: any Model
    if let name = base.builtIn, let builtIn = ModelRegistry.builtIn(name) {
      model = try builtIn.make(PresetVariant(rawValue: base.preset) ?? .improved, overrides, seed, data)
    } else {
      model = try ModelRegistry.newModel(specFile: base.specFile ?? "", overrides: overrides, seed: seed, data: data)
    }
    model.adopt(classNames: data.classNames)
    if let initFrom { _ = model.adoptTrainedStages(from: initFrom) }
    return model
  }

  /// `model` continued from `source`, a checkpoint that trained the same stages (same
  /// training key): the source itself when both specs are equal, else `model` with the
  /// source's finished stages adopted.
  /// - Returns: nil when the kind cannot adopt `stages` stages from it.
  public static func derive(_ model: any Model, from source: any Model, stages: Int) -> (any Model)? {
    if source.specJSON == model.specJSON && source.seed == model.seed { return source }
    var derived = model
    return derived.adoptTrainedStages(from: source) >= stages ? derived : nil
  }
}
