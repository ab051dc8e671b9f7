import Foundation

/// Every model kind and every built-in model: the one place that lists them.
///
/// Adding a kind: a folder with a type conforming to ``Model`` (and its `ModelKind` value),
/// plus one line in ``kinds`` and its built-ins in ``builtIns``. Commands reach models only
/// through this registry and the ``Model`` protocol.
public enum ModelRegistry {
  /// The model kinds checkpoints can hold.
  public static let kinds: [any Model.Type] = [SingleSpikeModel.self, RateCodedModel.self]

  /// The kind of a checkpoint without a `kind` blob (single-spike files predate the marker).
  public static let unmarkedKind = ModelKind.singleSpike

  /// Every built-in model, in the order `--help` lists them.
  public static let builtIns: [BuiltInModel] = SingleSpikeModel.builtIns + RateCodedModel.builtIns

  /// The names of ``builtIns``.
  public static var builtInNames: [String] { builtIns.map(\.name) }

  /// The built-in model called `name`, or nil.
  public static func builtIn(_ name: String) -> BuiltInModel? {
    builtIns.first { $0.name == name }
  }

  /// The model type of `kind`, or nil.
  public static func type(of kind: ModelKind) -> (any Model.Type)? {
    kinds.first { $0.kind == kind }
  }

  /// Opens the checkpoint at `path` once: the validated container and the model of its kind.
  /// Every error is one line naming `path`.
  public static func open(path: String) throws -> OpenedCheckpoint {
    let archive = try CheckpointArchive.load(from: path)
    let type = type(of: try ModelKind.of(archive))!
    return OpenedCheckpoint(archive: archive, model: try type.init(archive: archive))
  }

  /// A new, untrained model from the spec file at `path` (`train --spec`): the JSON
  /// `inspect --spec` prints, of the kind its `"kind"` key names (single-spike without one).
  public static func newModel(specFile path: String, overrides: [SpecOverride] = [], seed: UInt64,
                              data: DataRecord) throws -> any Model {
    var json: Data
    do {
      json = Data(try ReadableFile.bytes(path: path, maxBytes: maxSpecFileBytes))
    } catch {
      throw SpecFileError(path: path, reason: "cannot read the model spec: \(error.reason)")
    }
    return try newModel(specJSON: json, path: path, overrides: overrides, seed: seed, data: data)
  }

  /// Largest spec file read: 16 MiB (the built-in specs are about 3 KB).
  public static let maxSpecFileBytes = 16 << 20

  /// A new, untrained model from spec JSON (``newModel(specFile:overrides:seed:data:)``
  /// without the file; `path` names it in errors).
  public static func newModel(specJSON json: Data, path: String, overrides: [SpecOverride] = [], seed: UInt64,
                              data: DataRecord) throws -> any Model {
    var json = json
    let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any]
    let kind = (object?["kind"] as? String).map(ModelKind.init(rawValue:)) ?? unmarkedKind
    guard let type = type(of: kind) else {
      throw SpecFileError(path: path, reason: "unknown model kind '\(kind.rawValue)' (known: \(kinds.map { "'\($0.kind.rawValue)'" }.joined(separator: ", ")))")
    }
    if !overrides.isEmpty { json = try SpecOverride.apply(overrides, toJSON: json, model: path) }
    let model = try type.init(specJSON: json, path: path, seed: seed, data: data)
    try SpecOverride.verify(overrides, in: Data(model.specJSON.utf8), model: model.name)
    return model
  }

  /// The model in an archive already read (``open(path:)`` without the file).
  public static func model(in archive: CheckpointArchive) throws -> any Model {
    try type(of: try ModelKind.of(archive))!.init(archive: archive)
  }

  /// The model at `path` (see ``open(path:)``).
  public static func load(path: String) throws -> any Model {
    try open(path: path).model
  }
}

/// A checkpoint read once: its container (format version, tensor list) and its model.
public struct OpenedCheckpoint: Sendable {
  public var archive: CheckpointArchive
  public var model: any Model
}
