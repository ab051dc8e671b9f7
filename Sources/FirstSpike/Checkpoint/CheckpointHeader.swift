/// The JSON header at the start of a checkpoint payload: where each blob and tensor lies in
/// the data section that follows it.
///
/// ```json
/// {"blobs":[{"byteCount":57,"name":"spec","offset":0}],
///  "tensors":[{"byteCount":12,"dtype":"float32","name":"w","offset":57,"shape":[3]}],
///  "writer":"FirstSpike 0.1.0"}
/// ```
/// Offsets count from the start of the data section. Unknown keys are ignored, so later
/// versions of format 1 may add fields.
struct CheckpointHeader: Codable, Equatable {
  struct Blob: Codable, Equatable {
    var name: String
    var offset: Int
    var byteCount: Int
  }

  struct Tensor: Codable, Equatable {
    var name: String
    var dtype: String
    var shape: [Int]
    var offset: Int
    var byteCount: Int
  }

  /// Library that wrote the file, for diagnostics only.
  var writer: String?
  var blobs: [Blob]
  var tensors: [Tensor]

  /// Checks the layout against a data section of `dataLength` bytes.
  ///
  /// Rules: names non-empty and unique (blobs among blobs, tensors among tensors); items are
  /// contiguous in order, blobs first, starting at offset 0 and ending exactly at
  /// `dataLength`; every dtype is known; every dimension ≥ 0; and a tensor's `byteCount`
  /// equals the product of its shape times the dtype width.
  ///
  /// - Returns: the tensors' dtypes, in order.
  /// - Complexity: O(items + total dimensions).
  func validate(dataLength: Int, path: String) throws(CheckpointError) -> [CheckpointTensor.DType] {
    var next = 0
    var seen = Set<String>()
    for blob in blobs {
      try Self.checkName(blob.name, kind: "blob", seen: &seen, path: path)
      try Self.checkExtent(
        "blob '\(blob.name)'", offset: blob.offset, byteCount: blob.byteCount, next: &next,
        path: path)
    }
    seen = []
    var dtypes: [CheckpointTensor.DType] = []
    for tensor in tensors {
      try Self.checkName(tensor.name, kind: "tensor", seen: &seen, path: path)
      let dtype = try Self.checkShape(tensor, path: path)
      try Self.checkExtent(
        "tensor '\(tensor.name)'", offset: tensor.offset, byteCount: tensor.byteCount,
        next: &next, path: path)
      dtypes.append(dtype)
    }
    guard next == dataLength else {
      throw .badHeader(
        path: path,
        reason: "items end at data offset \(next) but the data section has \(dataLength) bytes")
    }
    return dtypes
  }

  private static func checkName(
    _ name: String, kind: String, seen: inout Set<String>, path: String
  ) throws(CheckpointError) {
    guard !name.isEmpty else { throw .badHeader(path: path, reason: "a \(kind) has an empty name") }
    guard seen.insert(name).inserted else {
      throw .duplicateName(path: path, kind: kind, name: name)
    }
  }

  private static func checkShape(_ tensor: Tensor, path: String) throws(CheckpointError)
    -> CheckpointTensor.DType
  {
    guard let dtype = CheckpointTensor.DType(rawValue: tensor.dtype) else {
      throw .badHeader(
        path: path, reason: "tensor '\(tensor.name)' has unknown dtype '\(tensor.dtype)'")
    }
    guard let count = CheckpointTensor.elementCount(of: tensor.shape),
      case (let bytes, false) = count.multipliedReportingOverflow(by: dtype.byteWidth)
    else {
      throw .badHeader(
        path: path, reason: "tensor '\(tensor.name)' has invalid shape \(tensor.shape)")
    }
    guard bytes == tensor.byteCount else {
      throw .badHeader(
        path: path,
        reason: "tensor '\(tensor.name)' of shape \(tensor.shape) and dtype \(dtype.rawValue) "
          + "needs \(bytes) bytes, header says \(tensor.byteCount)")
    }
    return dtype
  }

  private static func checkExtent(
    _ what: String, offset: Int, byteCount: Int, next: inout Int, path: String
  ) throws(CheckpointError) {
    guard byteCount >= 0 else {
      throw .badHeader(path: path, reason: "\(what) has negative byteCount \(byteCount)")
    }
    guard offset == next else {
      throw .badHeader(
        path: path,
        reason: "\(what) starts at data offset \(offset), expected \(next) (items are contiguous)")
    }
    let (end, overflow) = offset.addingReportingOverflow(byteCount)
    guard !overflow else { throw .badHeader(path: path, reason: "\(what) extent overflows") }
    next = end
  }
}
