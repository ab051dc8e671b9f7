import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Loading and validation. Every check names the file; nothing in a damaged or foreign file
/// can crash the reader or make it allocate more than `maxPayloadSize` bytes for the payload.
extension CheckpointArchive {
  /// Largest decompressed payload `load` accepts unless told otherwise: 2 GiB.
  public static let defaultMaxPayloadSize = Zstd.defaultMaxContentSize

  /// Reads and validates the checkpoint at `path`.
  ///
  /// - Parameter maxPayloadSize: largest decompressed payload accepted (default 2 GiB); the
  ///   frame header's declared size is checked before allocating.
  /// - Throws: `CheckpointError`, one line naming `path`: `.io` (missing, unreadable),
  ///   `.empty`, `.notACheckpoint`, `.newerFormat`, `.invalidVersion`, `.unsupportedFlags`,
  ///   `.truncated`, `.trailingData`, `.corrupt` (zstd or checksum), `.tooLarge`, `.badHeader`,
  ///   `.duplicateName`.
  public static func load(from path: String, maxPayloadSize: Int = defaultMaxPayloadSize)
    throws(CheckpointError) -> CheckpointArchive
  {
    let (bytes, identity) = try readFile(path, maxPayloadSize: maxPayloadSize)
    var archive = try CheckpointArchive(decoding: bytes, path: path, maxPayloadSize: maxPayloadSize)
    archive.fileIdentity = identity
    return archive
  }

  /// Largest file `load` reads for a payload cap: the cap plus zstd's worst-case expansion of
  /// incompressible data (`ZSTD_compressBound`: 1/256 of the size, plus 128 KiB of frame and
  /// block headers) and the 16-byte preamble.
  public static func maxFileSize(forPayload maxPayloadSize: Int) -> Int {
    preambleSize + maxPayloadSize + (maxPayloadSize >> 8) + (128 << 10)
  }

  /// Decodes and validates the complete contents of a checkpoint file.
  public init(
    decoding file: [UInt8], path: String = "<memory>",
    maxPayloadSize: Int = defaultMaxPayloadSize
  ) throws(CheckpointError) {
    let version = try Self.checkPreamble(file, path: path)
    let payload = try file.withUnsafeBytes { raw in
      let frame = UnsafeRawBufferPointer(rebasing: raw[Self.preambleSize...])
      return Result { () throws(CheckpointError) in
        try Zstd.decompress(
          frame, path: path, fileOffset: Self.preambleSize, maxSize: maxPayloadSize)
      }
    }.get()
    try self.init(payload: payload, path: path)
    formatVersion = version
    source = path
  }

  /// Checks magic, version and flags; returns the version.
  static func checkPreamble(_ file: [UInt8], path: String) throws(CheckpointError) -> UInt32 {
    guard !file.isEmpty else { throw .empty(path: path) }
    guard file.prefix(magic.count).elementsEqual(magic.prefix(file.count)) else {
      throw .notACheckpoint(path: path)
    }
    guard file.count >= preambleSize else {
      throw .truncated(path: path, offset: file.count, expected: preambleSize)
    }
    let version = loadLittleEndian(UInt32.self, file, at: 8)
    let flags = loadLittleEndian(UInt32.self, file, at: 12)
    guard version != 0 else { throw .invalidVersion(path: path, version: version) }
    guard version <= currentFormatVersion else {
      throw .newerFormat(path: path, version: version, supported: currentFormatVersion)
    }
    guard flags == 0 else { throw .unsupportedFlags(path: path, flags: flags) }
    return version
  }

  /// Parses a decompressed payload: header length, header JSON, data section.
  init(payload: [UInt8], path: String) throws(CheckpointError) {
    guard payload.count >= 4 else {
      throw .badHeader(path: path, reason: "payload of \(payload.count) bytes has no header length")
    }
    let headerLength = Int(loadLittleEndian(UInt32.self, payload, at: 0))
    guard headerLength <= payload.count - 4 else {
      throw .badHeader(
        path: path,
        reason: "header length \(headerLength) exceeds the \(payload.count - 4) bytes after it")
    }
    let header: CheckpointHeader
    do {
      header = try JSONDecoder().decode(
        CheckpointHeader.self, from: Data(payload[4..<(4 + headerLength)]))
    } catch {
      throw .badHeader(path: path, reason: describeCodingError(error))
    }
    let dataStart = 4 + headerLength
    let dtypes = try header.validate(dataLength: payload.count - dataStart, path: path)
    self.init()
    blobs = header.blobs.map { entry in
      let start = dataStart + entry.offset
      return CheckpointBlob(
        name: entry.name, bytes: Array(payload[start..<(start + entry.byteCount)]))
    }
    tensors = zip(header.tensors, dtypes).map { entry, dtype in
      let values = Self.decodeValues(
        dtype, payload, at: dataStart + entry.offset, byteCount: entry.byteCount)
      return CheckpointTensor(name: entry.name, shape: entry.shape, values: values)
    }
  }

  /// Elements of `dtype` from `byteCount` little-endian bytes of `bytes` at `offset`.
  /// - Precondition: the range lies within `bytes` (checked by `CheckpointHeader.validate`).
  static func decodeValues(
    _ dtype: CheckpointTensor.DType, _ bytes: [UInt8], at offset: Int, byteCount: Int
  ) -> CheckpointTensor.Values {
    let range = offset..<(offset + byteCount)
    switch dtype {
    case .uint8: return .uint8(Array(bytes[range]))
    case .int32: return .int32(loadLittleEndianArray(Int32.self, bytes, range))
    case .float32:
      return .float32(loadLittleEndianArray(UInt32.self, bytes, range).map(Float.init(bitPattern:)))
    }
  }

  /// The whole file and its identity: a regular file only (a FIFO, device or folder is
  /// refused without blocking), its preamble checked before the rest is read, its size
  /// against ``maxFileSize(forPayload:)``. Errors: `.io` with the failing call's errno,
  /// `.notRegularFile`, `.fileTooLarge`, or what ``checkPreamble(_:path:)`` finds.
  static func readFile(_ path: String, maxPayloadSize: Int = defaultMaxPayloadSize) throws(CheckpointError) -> ([UInt8], FileIdentity) {
    let file: ReadableFile, preamble: [UInt8]
    do {
      file = try ReadableFile(path: path)
      preamble = try file.read(upTo: preambleSize)
    } catch { throw CheckpointError(error) }
    _ = try checkPreamble(preamble, path: path)
    do {
      let rest = try file.readRest(maxBytes: maxFileSize(forPayload: maxPayloadSize))
      return (preamble + rest, file.identity)
    } catch { throw CheckpointError(error) }
  }
}

extension CheckpointError {
  /// The checkpoint error for a failed open or read.
  init(_ error: FileReadError) {
    switch error {
    case .notFound(let path): self = .io(path: path, operation: "open for reading", errno: ENOENT)
    case .notRegular(let path, let kind): self = .notRegularFile(path: path, kind: kind)
    case .tooLarge(let path, let size, let limit): self = .fileTooLarge(path: path, size: size, limit: limit)
    case .io(let path, let operation, let code):
      self = .io(path: path, operation: operation == "open" ? "open for reading" : operation, errno: code)
    }
  }
}

/// A little-endian integer at byte `offset` of `bytes`.
func loadLittleEndian<T: FixedWidthInteger>(_: T.Type, _ bytes: [UInt8], at offset: Int) -> T {
  bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
}

/// The little-endian integers filling `range` of `bytes` (a plain copy on little-endian hosts).
func loadLittleEndianArray<T: FixedWidthInteger>(
  _: T.Type, _ bytes: [UInt8], _ range: Range<Int>
) -> [T] {
  let count = range.count / MemoryLayout<T>.size
  return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
    bytes.withUnsafeBytes { raw in
      let source = UnsafeRawBufferPointer(rebasing: raw[range])
      #if _endian(little)
        UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
      #else
        for i in 0..<count {
          buffer[i] = T(
            littleEndian: source.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self)
          )
        }
      #endif
    }
    initialized = count
  }
}
