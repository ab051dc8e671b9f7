import Foundation

/// A whole-network reference file of SpykeTorch's outputs
/// (`Tests/FirstSpikeTests/Fixtures/golden-deep/README.md` documents every field):
/// `mozafari_deep_img*.json`, `kheradpisheh_img*.json` or `shallow_img*.json`.
///
/// ``trace(checkpoint:mnistDirectory:verifyChecksums:)`` runs FirstSpike on the file's image
/// with the checkpoint's weights and compares every stored array (``TraceTable``).
public struct WholeNetworkReference {
  public enum Kind: String, Sendable, CaseIterable {
    case mozafariDeep = "MozafariDeep"
    case kheradpisheh = "KheradpishehDeep"
    /// `model` begins with this (the tutorial's shallow network).
    case shallow = "SpykeTorch tutorial shallow R-STDP"

    /// The FirstSpike model the reference's checkpoint must hold, and its layer count.
    var modelName: String {
      switch self {
      case .mozafariDeep: "mozafari2019"
      case .kheradpisheh: "kheradpisheh2018"
      case .shallow: "shallow-rstdp"
      }
    }
    var layers: Int { self == .mozafariDeep ? 3 : self == .kheradpisheh ? 2 : 1 }
  }

  public let path: String
  public let kind: Kind
  /// `checkpoint.path`: the checkpoint the file was made with, relative to the repository root.
  public let checkpointPath: String
  /// `checkpoint.file_sha256`.
  public let checkpointSHA256: String
  /// The image: `"MNIST test image 1"` or the PNG's repository path.
  public let imageDescription: String
  let fields: JSONFields

  /// The reference at `path`, or nil when the file is a layer-1 golden file (no `model` key:
  /// read those with ``ReferenceTrace/init(contentsOf:timeSteps:)``).
  /// - Throws: ``TraceError`` naming the file and the key.
  public init?(path: String) throws(TraceError) {
    let f = try JSONFields(path: path)
    guard f.has("model") else { return nil }
    let model = try f.string("model")
    guard let kind = Kind.allCases.first(where: { model == $0.rawValue || model.hasPrefix($0.rawValue) }) else {
      throw .badValue(path: path, key: "model",
                      expected: "one of \(Kind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), got \"\(model)\"")
    }
    let c = try f.nested("checkpoint")
    self.path = path
    self.kind = kind
    self.fields = f
    self.checkpointPath = try c.string("path")
    self.checkpointSHA256 = try c.string("file_sha256")
    self.imageDescription = kind == .shallow ? try f.string("image")
      : "MNIST \(try f.string("split")) image \(try f.int("image_index"))"
  }

  /// Runs FirstSpike on the reference's image with the checkpoint at `checkpoint` and compares
  /// every stored array. MNIST images are read from `mnistDirectory`; the shallow file's PNG
  /// from its repository path, relative to `imageRoot`.
  /// - Throws: checkpoint, data-set and reference-file errors (one line naming the file).
  public func trace(checkpoint: String, mnistDirectory: String, verifyChecksums: Bool = true,
                    imageRoot: String = ".") throws -> TraceTable {
    let archive = try CheckpointArchive.load(from: checkpoint)
    let model = try SingleSpikeModel(archive: archive)
    guard model.spec.name == kind.modelName, model.spec.layers.count == kind.layers else {
      throw TraceError.badValue(path: path, key: "checkpoint",
                                expected: "a \(kind.modelName) checkpoint with \(kind.layers) layers; \(checkpoint) holds "
                                  + "\(model.spec.name) with \(model.spec.layers.count)")
    }
    let fileSHA = try SHA256.hexDigest([UInt8](Data(contentsOf: URL(fileURLWithPath: checkpoint))))
    var trace = DeepTrace(reference: fields, archive: archive, model: model, header: [
      "trace of \(kind.modelName) (SpykeTorch \(try fields.nested("reference").string("example"))) on \(imageDescription) against \(path)",
      "checkpoint \(checkpoint): file " + (fileSHA == checkpointSHA256 ? "identical to the reference's" : "differs from the reference's (weights compared below)"),
      "each stage runs on SpykeTorch's stored input of that stage; 'end to end' is FirstSpike's own chain from the image",
      "spike times, winners, decisions exact; potentials \(DeepTolerance.text); weights after a step bit-exact (SHA-256)",
    ])
    switch kind {
    case .mozafariDeep, .kheradpisheh:
      let split = try fields.string("split"), index = try fields.int("image_index")
      guard let s = MNIST.Split(rawValue: split) else {
        throw TraceError.badValue(path: path, key: "split", expected: "\"test\" or \"train\", got \"\(split)\"")
      }
      let mnist = try MNIST.load(directory: mnistDirectory, split: s, verifyChecksums: verifyChecksums)
      guard index >= 0, index < mnist.count else {
        throw TraceError.imageOutOfRange(path: path, split: split, index: index, count: mnist.count)
      }
      if kind == .mozafariDeep {
        try trace.mozafariDeep(image: mnist.image(index), mnistLabel: mnist.label(index))
      } else {
        try trace.kheradpisheh(image: mnist.image(index), mnistLabel: mnist.label(index))
      }
    case .shallow:
      try trace.shallow(imagePath: imageRoot + "/" + imageDescription)
    }
    return trace.table
  }
}
