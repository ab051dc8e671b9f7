internal import CZlib

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reading and writing IDX files (LeCun's MNIST format), raw or gzip-compressed.
///
/// Layout (all integers big-endian u32): magic `0x00000803`, count, rows, columns, then
/// `count · rows · columns` pixel bytes; or magic `0x00000801`, count, then `count` label bytes.
/// zlib's `gzread` reads gzip and raw files alike, so both are accepted under any name.
/// The decompressed size must equal the header's exactly: shorter is `.idxTruncated`,
/// longer is `.idxTrailingBytes` (both with expected and actual sizes in bytes).
///
/// Hostile files: only regular files are opened (``ReadableFile``); the header's dimensions
/// are multiplied with overflow checks and their product must not exceed ``maxPayloadBytes``
/// (`.idxTooLarge`, before anything is read); decompression stops at the promised size plus
/// ``trailingScanLimit`` bytes, so a gzip bomb never inflates past what the header promises.
public enum IDXFile {
  /// Largest payload (`count · rows · columns` bytes) accepted: 1 GiB, 20× MNIST's training set.
  public static let maxPayloadBytes = 1 << 30
  /// Bytes past the promised payload that are counted before giving up (reported as "more than").
  public static let trailingScanLimit = 1 << 20

  /// A fully read and validated IDX file.
  public struct Contents: Sendable, Equatable {
    public var kind: IDXKind
    /// `[count, rows, columns]` for images, `[count]` for labels.
    public var dimensions: [Int]
    /// The item bytes after the header.
    public var payload: [UInt8]
    /// True when the file was gzip-compressed.
    public var compressed: Bool
  }

  /// Reads an image file. Complexity: O(file size).
  /// - Throws: `DataError` naming `path`: missing/unreadable, gzip error, bad magic, labels
  ///   instead of images, zero rows or columns, truncated, trailing bytes.
  public static func readImages(path: String) throws(DataError) -> IDXImages {
    let file = try read(path: path)
    guard file.kind == .images else {
      throw .idxWrongKind(path: path, expected: .images, found: file.kind)
    }
    let d = file.dimensions
    return IDXImages(count: d[0], rows: d[1], columns: d[2], pixels: file.payload)
  }

  /// Reads a label file. Complexity: O(file size).
  public static func readLabels(path: String) throws(DataError) -> IDXLabels {
    let file = try read(path: path)
    guard file.kind == .labels else {
      throw .idxWrongKind(path: path, expected: .labels, found: file.kind)
    }
    return IDXLabels(file.payload)
  }

  /// Reads and validates an IDX file of either kind.
  public static func read(path: String) throws(DataError) -> Contents {
    try withGzFile(path: path, mode: "rb") { (file) throws(DataError) -> Contents in
      let magicBytes = try readUpTo(4, from: file, path: path)
      guard magicBytes.count == 4 else {
        throw .idxTruncated(path: path, expected: 4, actual: magicBytes.count)
      }
      let magic = bigEndian32(magicBytes, 0)
      guard let kind = IDXKind(magic: magic) else { throw .idxBadMagic(path: path, found: magic) }
      let headerSize = 4 + 4 * kind.dimensions
      let dimBytes = try readUpTo(headerSize - 4, from: file, path: path)
      guard dimBytes.count == headerSize - 4 else {
        throw .idxTruncated(path: path, expected: headerSize, actual: 4 + dimBytes.count)
      }
      let dims = (0..<kind.dimensions).map { Int(bigEndian32(dimBytes, 4 * $0)) }
      if kind == .images && (dims[1] == 0 || dims[2] == 0) {
        throw .idxZeroDimension(path: path, rows: dims[1], columns: dims[2])
      }
      guard let payloadSize = checkedProduct(dims), payloadSize <= maxPayloadBytes else {
        throw .idxTooLarge(path: path, dimensions: dims, limit: maxPayloadBytes)
      }
      let payload = try readUpTo(payloadSize, from: file, path: path)
      let expected = headerSize + payloadSize
      guard payload.count == payloadSize else {
        throw .idxTruncated(path: path, expected: expected, actual: headerSize + payload.count)
      }
      let extra = try countRemaining(file, upTo: trailingScanLimit, path: path)
      if extra >= trailingScanLimit {
        throw .idxTrailingBytesAtLeast(path: path, expected: expected, atLeast: expected + extra)
      }
      if extra > 0 {
        throw .idxTrailingBytes(path: path, expected: expected, actual: expected + extra)
      }
      return Contents(
        kind: kind, dimensions: dims, payload: payload, compressed: gzdirect(file) == 0)
    }
  }

  /// Writes images as an IDX file, gzip-compressed when `compressed`.
  /// - Throws: `.unwritable` naming `path`.
  public static func write(_ images: IDXImages, to path: String, compressed: Bool) throws(DataError)
  {
    try write(
      kind: .images, dimensions: [images.count, images.rows, images.columns],
      payload: images.pixels, to: path, compressed: compressed)
  }

  /// Writes labels as an IDX file, gzip-compressed when `compressed`.
  public static func write(_ labels: IDXLabels, to path: String, compressed: Bool) throws(DataError)
  {
    try write(
      kind: .labels, dimensions: [labels.count], payload: labels.labels, to: path,
      compressed: compressed)
  }

  static func write(
    kind: IDXKind, dimensions: [Int], payload: [UInt8], to path: String, compressed: Bool
  ) throws(DataError) {
    var bytes: [UInt8] = []
    for value in [Int(kind.magic)] + dimensions {
      for shift in stride(from: 24, through: 0, by: -8) {
        bytes.append(UInt8(truncatingIfNeeded: value >> shift))
      }
    }
    bytes += payload
    guard let file = gzopen(path, compressed ? "wb6" : "wbT") else {
      throw .unwritable(path: path, reason: FileBytes.errnoString())
    }
    var offset = 0
    while offset < bytes.count {
      let n = min(bytes.count - offset, 1 << 24)
      let written = bytes.withUnsafeBytes { gzwrite(file, $0.baseAddress! + offset, UInt32(n)) }
      if written <= 0 {
        let message = gzMessage(file)
        gzclose(file)
        throw .unwritable(path: path, reason: message)
      }
      offset += Int(written)
    }
    if gzclose(file) != Z_OK { throw .unwritable(path: path, reason: FileBytes.errnoString()) }
  }

  // MARK: zlib boundary

  /// The product of `factors`, or nil when it overflows `Int`.
  static func checkedProduct(_ factors: [Int]) -> Int? {
    var product = 1
    for f in factors {
      let (p, overflow) = product.multipliedReportingOverflow(by: f)
      if overflow { return nil }
      product = p
    }
    return product
  }

  /// Runs `body` on the regular file at `path` opened through zlib (gzip or raw).
  private static func withGzFile<R>(
    path: String, mode: String, _ body: (gzFile) throws(DataError) -> R
  ) throws(DataError) -> R {
    let opened: ReadableFile
    do { opened = try ReadableFile(path: path) } catch { throw DataError(error) }
    let fd = dup(opened.descriptor)
    guard fd >= 0, let file = gzdopen(fd, mode) else {
      let reason = FileBytes.errnoString()
      if fd >= 0 { close(fd) }
      throw .unreadable(path: path, reason: reason)
    }
    defer { gzclose(file) }
    return try body(file)
  }

  /// Reads `count` decompressed bytes, fewer only at the end of the data.
  private static func readUpTo(_ count: Int, from file: gzFile, path: String) throws(DataError)
    -> [UInt8]
  {
    var out: [UInt8] = []
    out.reserveCapacity(min(count, 1 << 20))  // a lying header must not allocate: grow with the data
    var chunk = [UInt8](repeating: 0, count: min(count, 1 << 16))
    while out.count < count {
      let want = min(count - out.count, chunk.count)
      let got = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32(want)) }
      if got < 0 { throw readError(file, path: path) }
      if got == 0 { break }
      out.append(contentsOf: chunk[0..<Int(got)])
    }
    return out
  }

  /// Counts (and discards) the decompressed bytes left, stopping at `limit`.
  private static func countRemaining(_ file: gzFile, upTo limit: Int, path: String) throws(DataError) -> Int {
    var total = 0
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while total < limit {
      let want = min(chunk.count, limit - total)
      let got = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32(want)) }
      if got < 0 { throw readError(file, path: path) }
      if got == 0 { return total }
      total += Int(got)
    }
    return total
  }

  private static func readError(_ file: gzFile, path: String) -> DataError {
    var code: Int32 = 0
    let message = String(cString: gzerror(file, &code))
    return code == Z_ERRNO
      ? .unreadable(path: path, reason: FileBytes.errnoString())
      : .gzip(path: path, message: message)
  }

  private static func gzMessage(_ file: gzFile) -> String {
    var code: Int32 = 0
    let message = String(cString: gzerror(file, &code))
    return code == Z_ERRNO ? FileBytes.errnoString() : message
  }

  private static func bigEndian32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
    var v: UInt32 = 0
    for i in 0..<4 { v = v << 8 | UInt32(bytes[offset + i]) }
    return v
  }
}
