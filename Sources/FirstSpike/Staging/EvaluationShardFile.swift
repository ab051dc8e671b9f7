import Foundation

/// What `evaluate --shard I/N --json` prints: one shard's evaluation in its exact (integer)
/// form, and what the shard was taken from, so that `firstspike merge` can check the parts
/// belong together and rebuild the evaluation of the whole split.
///
/// Merging sums the shards' tallies; every figure of the report is computed from the sum as
/// one evaluation computes it from its own, so `merge --json` prints what one
/// `evaluate --json` prints, byte for byte, except `seconds`: wall-clock time is not
/// reproducible, and merge reports the sum of the shards' seconds (the compute time spent).
public struct EvaluationShardFile: Sendable {
  public static let format = "firstspike-evaluation-shard"
  public static let version = 1

  public var kind: ModelKind
  /// The checkpoint as the command named it, and the SHA-256 of its bytes.
  public var checkpoint: String
  public var checkpointSHA256: String
  public var split: String
  /// The data set's folder and the `--limit` applied to the split.
  public var data: String
  /// What `evaluate` says of the data set (`datasets/mnist: MNIST, verified …`), its JSON's
  /// `data`; nil in shards written before it existed.
  public var dataNote: String?
  public var limit: Int?
  public var shard: ShardSelection
  /// Images of the whole split (after `--limit`) and this shard's images among them.
  public var total: Int
  public var images: Range<Int>
  public var seconds: Double
  public var threads: Int
  /// The kind's ``ModelEvaluation`` in its `Codable` (JSON) form.
  public var evaluation: Data

  public init(kind: ModelKind, checkpoint: String, checkpointSHA256: String, split: String, data: String, dataNote: String? = nil,
              limit: Int?, shard: ShardSelection, total: Int, seconds: Double, threads: Int, evaluation: some ModelEvaluation) throws {
    self.kind = kind
    self.checkpoint = checkpoint
    self.checkpointSHA256 = checkpointSHA256
    self.split = split
    self.data = data
    self.dataNote = dataNote
    self.limit = limit
    self.shard = shard
    self.total = total
    self.images = shard.range(total: total)
    self.seconds = seconds
    self.threads = threads
    self.evaluation = try JSONEncoder().encode(evaluation)
  }

  /// The document as a JSON object.
  public func json() -> [String: Any] {
    [
      "format": Self.format, "version": Self.version, "kind": kind.rawValue,
      "checkpoint": checkpoint, "checkpoint_sha256": checkpointSHA256, "split": split, "data": data,
      "limit": limit.map { $0 as Any } ?? NSNull(), "shard": shard.index, "shards": shard.count, "total": total,
      "first": images.lowerBound, "end": images.upperBound, "seconds": seconds, "threads": threads,
      "evaluation": (try? JSONSerialization.jsonObject(with: evaluation)) ?? [:],
    ].merging(dataNote.map { ["data_note": $0] } ?? [:]) { $1 }
  }

  /// Shard files larger than this are refused before they are read whole.
  public static let maximumFileSize = 64 << 20

  /// Reads the shard file at `path`; every error is one line naming it.
  public init(path: String) throws {
    let bytes = try FileBytes.readPrefix(path: path, count: Self.maximumFileSize + 1)
    guard bytes.count <= Self.maximumFileSize else {
      throw ShardError(reason: "\(path): larger than \(Self.maximumFileSize >> 20) MiB: not an evaluation shard")
    }
    try self.init(contents: Data(bytes), path: path)
  }

  /// Reads a shard file's contents; every error is one line naming `path`.
  public init(contents: Data, path: String) throws {
    func bad(_ reason: String) -> ShardError { ShardError(reason: "\(path): \(reason)") }
    guard let o = try? JSONSerialization.jsonObject(with: contents) as? [String: Any] else {
      throw bad("not a JSON object (expected the output of evaluate --shard I/N --json)")
    }
    guard o["format"] as? String == Self.format else { throw bad("not an evaluation shard (no \"format\": \"\(Self.format)\")") }
    guard let version = Self.int(o["version"]), version == Self.version else {
      throw bad("shard format version \(o["version"].map { "\($0)" } ?? "missing"), this build reads \(Self.version)")
    }
    func string(_ key: String) throws -> String {
      guard let s = o[key] as? String else { throw bad("'\(key)' is missing or not a string") }
      return s
    }
    func int(_ key: String) throws -> Int {
      guard let i = Self.int(o[key]), i >= 0 else { throw bad("'\(key)' is missing or not a whole number ≥ 0") }
      return i
    }
    kind = ModelKind(rawValue: try string("kind"))
    guard ModelRegistry.type(of: kind) != nil else { throw bad("unknown model kind '\(kind.rawValue)'") }
    checkpoint = try string("checkpoint")
    checkpointSHA256 = try string("checkpoint_sha256")
    split = try string("split")
    data = try string("data")
    dataNote = o["data_note"] == nil ? nil : try string("data_note")
    limit = o["limit"] is NSNull || o["limit"] == nil ? nil : try int("limit")
    let (index, count) = (try int("shard"), try int("shards"))
    guard count >= 1, index < count else { throw bad("shard \(index) of \(count) is not a shard") }
    shard = ShardSelection(index: index, count: count)
    total = try int("total")
    images = shard.range(total: total)
    guard try int("first") == images.lowerBound, try int("end") == images.upperBound else {
      throw bad("images \(o["first"] ?? "?")..<\(o["end"] ?? "?") are not shard \(shard) of \(total) images")
    }
    guard let s = o["seconds"].flatMap(JSONReader.number), s.isFinite, s >= 0 else {
      throw bad("'seconds' is missing or not a number ≥ 0")
    }
    seconds = s
    threads = try int("threads")
    guard let e = o["evaluation"], JSONSerialization.isValidJSONObject(e),
          let bytes = try? JSONSerialization.data(withJSONObject: e) else { throw bad("'evaluation' is missing") }
    evaluation = bytes
  }

  static func int(_ value: Any?) -> Int? {
    guard let value, let d = JSONReader.number(value), d == d.rounded(), abs(d) < 0x1p53 else { return nil }
    return Int(d)
  }

  /// The evaluation of the whole split from all of its shards (in any order), the context to
  /// report it in (`seconds`: the sum of the shards') and the shards' note on the data set.
  /// - Throws: ``ShardError`` naming the file when the parts do not belong together, a shard
  ///   is missing or given twice, or its evaluation does not decode or add up.
  public static func merge(_ files: [(path: String, shard: EvaluationShardFile)]) throws -> (any ModelEvaluation, EvaluationContext, String?) {
    guard let (firstPath, first) = files.first else { throw ShardError(reason: "merge: no shard files given") }
    var byIndex = [Int: (path: String, shard: EvaluationShardFile)]()
    for (path, f) in files {
      let fields: [(String, String, String)] = [
        ("kind", f.kind.rawValue, first.kind.rawValue), ("checkpoint", f.checkpoint, first.checkpoint),
        ("checkpoint SHA-256", f.checkpointSHA256, first.checkpointSHA256), ("split", f.split, first.split),
        ("data", f.data, first.data), ("data note", f.dataNote ?? "none", first.dataNote ?? "none"),
        ("limit", "\(f.limit.map(String.init) ?? "none")", "\(first.limit.map(String.init) ?? "none")"),
        ("shard count", "\(f.shard.count)", "\(first.shard.count)"), ("image count", "\(f.total)", "\(first.total)"),
      ]
      for (what, mine, theirs) in fields where mine != theirs {
        throw ShardError(reason: "\(path): \(what) '\(mine)' differs from '\(theirs)' in \(firstPath): not a shard of the same evaluation")
      }
      if let other = byIndex[f.shard.index] {
        throw ShardError(reason: "\(path): shard \(f.shard) is also given as \(other.path)")
      }
      byIndex[f.shard.index] = (path, f)
    }
    let missing = (0..<first.shard.count).filter { byIndex[$0] == nil }
    if !missing.isEmpty {
      throw ShardError(reason: "merge: shard\(missing.count == 1 ? "" : "s") \(missing.prefix(10).map { "\($0)/\(first.shard.count)" }.joined(separator: ", ")) of \(first.checkpoint) missing")
    }
    let ordered = (0..<first.shard.count).map { byIndex[$0]! }
    let type = ModelRegistry.type(of: first.kind)!
    let merged: any ModelEvaluation
    do {
      merged = try type.mergedEvaluation(ordered.map(\.shard.evaluation))
    } catch {
      throw ShardError(reason: "\(ordered.map(\.path).joined(separator: ", ")): the evaluations do not merge: \(error)")
    }
    for (path, f) in ordered where (try? type.mergedEvaluation([f.evaluation]))?.images != f.images.count {
      throw ShardError(reason: "\(path): its evaluation is not of \(f.images.count) images (shard \(f.shard) of \(f.total))")
    }
    let context = EvaluationContext(checkpoint: first.checkpoint, split: first.split,
                                    seconds: ordered.reduce(0) { $0 + $1.shard.seconds }, threads: first.threads)
    return (merged, context, first.dataNote)
  }
}
