import Foundation

/// Serialization: the 16-byte preamble, then one zstd frame holding the payload.
///
/// ```
/// file    = magic "FSPK\r\n\x1A\n" (8) | version UInt32 LE | flags UInt32 LE (0) | zstd frame
/// payload = headerLength UInt32 LE | header JSON (UTF-8) | data section
/// ```
/// The data section holds the blobs' bytes, then the tensors' elements (little-endian), each
/// item right after the previous one.
extension CheckpointArchive {
  /// The 8-byte file signature. Like PNG's, it catches text-mode transfers (CR LF, the ^Z
  /// end-of-file byte) and starts with readable letters.
  public static let magic: [UInt8] = [0x46, 0x53, 0x50, 0x4B, 0x0D, 0x0A, 0x1A, 0x0A]

  /// Bytes before the zstd frame: magic, version, flags.
  public static let preambleSize = 16

  /// zstd level used unless the caller asks otherwise (see `Zstd.defaultLevel`).
  public static let defaultCompressionLevel: Int32 = Zstd.defaultLevel

  /// The complete file contents.
  ///
  /// - Throws: `.duplicateName` or `.badHeader` (empty name) for an archive this format
  ///   cannot hold, `.compressionFailed` for an invalid level.
  /// - Complexity: O(total bytes); level 3 runs at about 100 MB/s.
  public func encoded(level: Int32 = defaultCompressionLevel, path: String = "<memory>")
    throws(CheckpointError) -> [UInt8]
  {
    let payload = try payloadBytes(path: path)
    var file = Self.magic
    appendLittleEndian(Self.currentFormatVersion, to: &file)
    appendLittleEndian(UInt32(0), to: &file)
    file += try Zstd.compress(payload, level: level)
    return file
  }

  /// Writes the archive to `path` atomically (see `AtomicFile.write`): readers see either the
  /// old file or the complete new one, never a mix. Returns the written file's identity.
  @discardableResult
  public func write(to path: String, level: Int32 = defaultCompressionLevel)
    throws(CheckpointError) -> FileIdentity?
  {
    try AtomicFile.write(encoded(level: level, path: path), to: path)
  }

  /// The uncompressed payload: header length, header JSON, data section.
  func payloadBytes(path: String) throws(CheckpointError) -> [UInt8] {
    let header = layout()
    _ = try header.validate(dataLength: dataLength, path: path)
    let json = try Self.encodeHeader(header)
    var payload: [UInt8] = []
    payload.reserveCapacity(4 + json.count + dataLength)
    appendLittleEndian(UInt32(json.count), to: &payload)
    payload += json
    for blob in blobs { payload += blob.bytes }
    for tensor in tensors {
      switch tensor.values {
      case .float32(let v): appendLittleEndian(v.map(\.bitPattern), to: &payload)
      case .uint8(let v): payload += v
      case .int32(let v): appendLittleEndian(v, to: &payload)
      }
    }
    return payload
  }

  private var dataLength: Int {
    blobs.reduce(0) { $0 + $1.bytes.count } + tensors.reduce(0) { $0 + $1.byteCount }
  }

  /// The header describing the blobs, then the tensors, packed from data offset 0.
  func layout() -> CheckpointHeader {
    var offset = 0
    var header = CheckpointHeader(
      writer: "FirstSpike \(FirstSpikeVersion.string)", blobs: [], tensors: [])
    for blob in blobs {
      header.blobs.append(.init(name: blob.name, offset: offset, byteCount: blob.bytes.count))
      offset += blob.bytes.count
    }
    for tensor in tensors {
      header.tensors.append(
        .init(
          name: tensor.name, dtype: tensor.dtype.rawValue, shape: tensor.shape, offset: offset,
          byteCount: tensor.byteCount))
      offset += tensor.byteCount
    }
    return header
  }

  /// Compact JSON with sorted keys, so the same archive always gives the same bytes.
  static func encodeHeader(_ header: CheckpointHeader) throws(CheckpointError) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      return Array(try encoder.encode(header))
    } catch {
      throw .badHeader(path: "<memory>", reason: describeCodingError(error))
    }
  }
}

/// Appends `value` as little-endian bytes.
func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
  withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
}

/// Appends every element as little-endian bytes (a plain copy on little-endian machines).
func appendLittleEndian<T: FixedWidthInteger>(_ values: [T], to bytes: inout [UInt8]) {
  #if _endian(little)
    values.withUnsafeBytes { bytes.append(contentsOf: $0) }
  #else
    for value in values { appendLittleEndian(value, to: &bytes) }
  #endif
}
