/// The contents of one checkpoint file: an ordered list of named byte blobs (JSON by
/// convention) and an ordered list of named tensors.
///
/// The container is generic; the model layer decides which blobs and tensors exist (see
/// `docs/checkpoint-format.md`, "Model contents"). Names are unique within blobs and within
/// tensors (a blob and a tensor may share a name). Encoding is in
/// `CheckpointArchive+Encoding.swift`, decoding and validation in
/// `CheckpointArchive+Decoding.swift`.
public struct CheckpointArchive: Sendable, Equatable {
  /// The container format this build writes, and the newest it reads.
  public static let currentFormatVersion: UInt32 = 1

  /// The format the archive was read from (`currentFormatVersion` for a new archive).
  public internal(set) var formatVersion: UInt32
  public var blobs: [CheckpointBlob]
  public var tensors: [CheckpointTensor]
  /// The file the archive was loaded from (or last written to), named in look-up errors;
  /// `"<memory>"` otherwise. Not part of equality.
  public var source: String
  /// Which file it was loaded from (device, inode, size, mtime at the moment of reading), nil
  /// for an archive not read from a file. Not part of equality.
  public internal(set) var fileIdentity: FileIdentity?

  public init(blobs: [CheckpointBlob] = [], tensors: [CheckpointTensor] = []) {
    self.formatVersion = Self.currentFormatVersion
    self.blobs = blobs
    self.tensors = tensors
    self.source = "<memory>"
  }

  public static func == (a: CheckpointArchive, b: CheckpointArchive) -> Bool {
    a.formatVersion == b.formatVersion && a.blobs == b.blobs && a.tensors == b.tensors
  }

  // MARK: Building

  /// Adds `tensor`, replacing a tensor of the same name in place.
  public mutating func setTensor(_ tensor: CheckpointTensor) {
    if let i = tensors.firstIndex(where: { $0.name == tensor.name }) {
      tensors[i] = tensor
    } else {
      tensors.append(tensor)
    }
  }

  /// Adds `blob`, replacing a blob of the same name in place.
  public mutating func setBlob(_ blob: CheckpointBlob) {
    if let i = blobs.firstIndex(where: { $0.name == blob.name }) {
      blobs[i] = blob
    } else {
      blobs.append(blob)
    }
  }

  // MARK: Look-up

  /// The tensor called `name`.
  /// - Throws: `.missing`, listing the tensors present.
  public func tensor(named name: String) throws(CheckpointError) -> CheckpointTensor {
    guard let tensor = tensors.first(where: { $0.name == name }) else {
      throw .missing(path: source, kind: "tensor", name: name, available: tensors.map(\.name))
    }
    return tensor
  }

  /// The float32 elements of tensor `name`, which must have exactly `shape`.
  /// - Throws: `.missing`, `.dtypeMismatch`, or `.shapeMismatch` ("tensor 'conv2.weight' has
  ///   shape [250, 30, 3, 3], expected [...]").
  public func floatTensor(named name: String, shape: [Int]) throws(CheckpointError) -> [Float] {
    let tensor = try checkedTensor(named: name, shape: shape, dtype: .float32)
    guard case .float32(let values) = tensor.values else { preconditionFailure() }
    return values
  }

  /// The uint8 elements of tensor `name`, which must have exactly `shape`.
  public func uint8Tensor(named name: String, shape: [Int]) throws(CheckpointError) -> [UInt8] {
    let tensor = try checkedTensor(named: name, shape: shape, dtype: .uint8)
    guard case .uint8(let values) = tensor.values else { preconditionFailure() }
    return values
  }

  /// The int32 elements of tensor `name`, which must have exactly `shape`.
  public func int32Tensor(named name: String, shape: [Int]) throws(CheckpointError) -> [Int32] {
    let tensor = try checkedTensor(named: name, shape: shape, dtype: .int32)
    guard case .int32(let values) = tensor.values else { preconditionFailure() }
    return values
  }

  /// The bytes of blob `name`.
  /// - Throws: `.missing`, listing the blobs present.
  public func blob(named name: String) throws(CheckpointError) -> [UInt8] {
    guard let blob = blobs.first(where: { $0.name == name }) else {
      throw .missing(path: source, kind: "blob", name: name, available: blobs.map(\.name))
    }
    return blob.bytes
  }

  /// Blob `name` decoded as JSON of type `T`.
  /// - Throws: `.missing`, or `.badBlob` with the JSON position and problem.
  public func decodeBlob<T: Decodable>(_ type: T.Type, named name: String)
    throws(CheckpointError) -> T
  {
    let bytes = try blob(named: name)
    return try CheckpointBlob(name: name, bytes: bytes).decode(T.self, path: source)
  }

  private func checkedTensor(named name: String, shape: [Int], dtype: CheckpointTensor.DType)
    throws(CheckpointError) -> CheckpointTensor
  {
    let tensor = try tensor(named: name)
    guard tensor.dtype == dtype else {
      throw .dtypeMismatch(
        path: source, name: name, actual: tensor.dtype.rawValue, expected: dtype.rawValue)
    }
    guard tensor.shape == shape else {
      throw .shapeMismatch(path: source, name: name, actual: tensor.shape, expected: shape)
    }
    return tensor
  }
}
