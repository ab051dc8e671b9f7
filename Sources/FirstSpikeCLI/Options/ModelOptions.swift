import ArgumentParser
import FirstSpike
import Foundation

/// What model a new checkpoint holds: a built-in (and its variant and settings) or a spec
/// file, the seed of its weights, and trained stages to take from another checkpoint.
struct ModelOptions: ParsableArguments {
  @Option(help: "Built-in model for a new checkpoint: \(ModelRegistry.builtInNames.joined(separator: ", ")).")
  var model: String?
  @Option(help: "Model spec (JSON, as `firstspike inspect --spec` prints) for a new checkpoint.")
  var spec: String?
  @Option(help: "Settings of a built-in model: improved (FirstSpike's defaults) or paper (exactly the published ones).")
  var preset: PresetVariant = .improved
  @Option(name: .customLong("set"), parsing: .singleValue,
          help: ArgumentHelp("Change one setting of the model's spec by its JSON path (repeatable).", valueName: "path=value"))
  var settings: [String] = []
  @Option(help: "diehlcook2015: excitatory (and inhibitory) neurons (short for --set neurons=N).") var neurons: Int?
  @Option(help: "diehlcook2015: presentation time per image, ms (short for --set time=T).") var time: Double?
  @Option(help: "Seed of weight initialisation, shuffling and dropout (new checkpoints).") var seed: UInt64 = 0
  @Option(help: "New checkpoints: take the trained stages whose layers match (same encoder and layer specs) from this checkpoint.")
  var initFrom: String?

  static var builtInList: String {
    "Built-in models:\n" + ModelRegistry.builtIns.map { "  \($0.name): \($0.summary)" }.joined(separator: "\n")
  }

  func validate() throws {
    if model != nil && spec != nil { throw ValidationError("give --model or --spec, not both") }
    if let model, ModelRegistry.builtIn(model) == nil {
      throw ValidationError("unknown model '\(model)' (known: \(ModelRegistry.builtInNames.joined(separator: ", ")))")
    }
    _ = try overrides()
  }

  /// `--set`, `--neurons` and `--time` as spec overrides.
  func overrides() throws -> [SpecOverride] {
    var list = try settings.map { s -> SpecOverride in
      guard let o = SpecOverride(assignment: s) else { throw ValidationError("--set expects PATH=VALUE, got '\(s)'") }
      return o
    }
    if let neurons { list.append(SpecOverride(path: "neurons", value: "\(neurons)", option: "--neurons \(neurons)")) }
    if let time { list.append(SpecOverride(path: "time", value: "\(time)", option: "--time \(time)")) }
    return list
  }

  /// Whether any option describes the model (as opposed to reading it from the checkpoint).
  var describesModel: Bool { model != nil || spec != nil || !settings.isEmpty || neurons != nil || time != nil }

  /// A new, untrained model as the options describe it (`--init-from` is the caller's).
  func newModel(data: DataRecord, checkpoint: String) throws -> any Model {
    if let spec {
      return try ModelRegistry.newModel(specFile: spec, overrides: try overrides(), seed: seed, data: data)
    }
    guard let name = model, let builtIn = ModelRegistry.builtIn(name) else {
      throw ValidationError("\(checkpoint) does not exist: give --model or --spec to start a new one")
    }
    return try builtIn.make(preset, try overrides(), seed, data)
  }

  /// Checks that the options, where given for an existing checkpoint, describe the model it
  /// holds: a training run never silently continues another model than the one asked for.
  func check(_ existing: any Model, path: String) throws {
    if let model, model != existing.name {
      throw StageError.modelMismatch(path: path, inFile: existing.name, requested: model)
    }
    guard describesModel else { return }
    var asked = try newModel(data: existing.data, checkpoint: path)
    asked.adopt(classNames: existing.classNames)
    if asked.specJSON != existing.specJSON {
      let current = Data(existing.specJSON.utf8)
      let differing = try overrides().filter { (try? SpecOverride.verify([$0], in: current, model: existing.name)) == nil }
      let how = differing.isEmpty ? (spec.map { "the spec in \($0)" } ?? "--preset \(preset.rawValue)")
                                  : differing.map(\.option).joined(separator: " ")
      throw StageError.modelMismatch(path: path, inFile: existing.title, requested: "\(asked.name) with \(how)")
    }
  }
}
