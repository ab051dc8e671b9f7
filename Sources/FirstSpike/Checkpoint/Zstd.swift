internal import CZstd

/// One-shot zstd compression of a whole checkpoint payload into exactly one frame, and the
/// strict inverse. The only file that imports `CZstd`.
///
/// Frames written here always carry the decompressed size in the frame header and a content
/// checksum (low 32 bits of XXH64 of the content, RFC 8878 §3.1.1), so every bit of payload
/// is verified on load.
enum Zstd {
  /// Level 3: training saves after every pass and chunk, and on 14.7 MB of mozafari2019's
  /// float32 payload level 3 is 4.7 % larger than level 10 (5.86 vs 5.59 MB) at 13× its speed
  /// (zstd 1.5.4 on this machine); readers accept any level.
  static let defaultLevel: Int32 = 3

  /// Default cap on the declared decompressed size, checked before allocating: 2 GiB.
  static let defaultMaxContentSize = 2 << 30

  /// zstd frame magic number, little-endian at the start of every frame.
  static let frameMagic: UInt32 = 0xFD2F_B528

  /// Compresses `input` into one frame with content size and content checksum.
  ///
  /// - Parameter level: zstd compression level (1...19 usual; `ZSTD_maxCLevel()` at most).
  /// - Throws: `.compressionFailed` with zstd's error name (invalid level, out of memory).
  /// - Complexity: O(n); about 100 MB/s at level 3, 25 MB/s at level 10.
  static func compress(_ input: [UInt8], level: Int32 = defaultLevel) throws(CheckpointError)
    -> [UInt8]
  {
    guard let context = ZSTD_createCCtx() else {
      throw .compressionFailed(reason: "ZSTD_createCCtx returned NULL")
    }
    defer { ZSTD_freeCCtx(context) }
    try check(ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level))
    try check(ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1))
    try check(ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, 1))
    let bound = try check(ZSTD_compressBound(input.count))
    var code = 0
    let output = [UInt8](unsafeUninitializedCapacity: bound) { dst, written in
      code = input.withUnsafeBytes { src in
        ZSTD_compress2(context, dst.baseAddress, bound, src.baseAddress, src.count)
      }
      written = ZSTD_isError(code) != 0 ? 0 : code
    }
    try check(code)
    return output
  }

  /// Decompresses `frame`, which must be exactly one complete zstd frame with content size and
  /// content checksum.
  ///
  /// Checks, in order: frame magic; the frame's extent (`ZSTD_findFrameCompressedSize`, so a
  /// cut frame is `.truncated` and extra bytes are `.trailingData`); the checksum flag; the
  /// declared content size against `maxSize`, before allocating; then decodes and verifies the
  /// checksum (`ZSTD_decompress`).
  ///
  /// - Parameters:
  ///   - path: file named in errors.
  ///   - fileOffset: where `frame` starts in the file, so error offsets are file offsets.
  static func decompress(
    _ frame: UnsafeRawBufferPointer, path: String, fileOffset: Int = 0,
    maxSize: Int = defaultMaxContentSize
  ) throws(CheckpointError) -> [UInt8] {
    guard frame.count >= 4 else {
      throw .truncated(path: path, offset: fileOffset + frame.count, expected: nil)
    }
    guard frame.loadUnaligned(as: UInt32.self).littleEndian == frameMagic else {
      throw .corrupt(path: path, reason: "no zstd frame at byte \(fileOffset)")
    }
    let frameSize = try frameExtent(frame, path: path, fileOffset: fileOffset)
    // Frame_Header_Descriptor (byte 4), bit 2: Content_Checksum_flag (RFC 8878 §3.1.1.1.1).
    guard frame[4] & 0x04 != 0 else {
      throw .corrupt(path: path, reason: "frame has no content checksum")
    }
    let size = ZSTD_getFrameContentSize(frame.baseAddress, frameSize)
    if size == fs_zstd_contentsize_error() {
      throw .corrupt(path: path, reason: "invalid frame header")
    }
    if size == fs_zstd_contentsize_unknown() {
      throw .corrupt(path: path, reason: "frame header lacks the content size")
    }
    guard size <= UInt64(maxSize) else { throw .tooLarge(path: path, size: size, limit: maxSize) }
    let count = Int(size)
    var code = 0
    let output = [UInt8](unsafeUninitializedCapacity: count) { dst, written in
      code = ZSTD_decompress(dst.baseAddress, count, frame.baseAddress, frameSize)
      written = ZSTD_isError(code) != 0 ? 0 : min(code, count)
    }
    let produced = try check(code, path: path)
    guard produced == count else {
      throw .corrupt(
        path: path, reason: "decoded \(produced) bytes, frame header declares \(count)")
    }
    return output
  }

  /// Length of the one frame at the start of `frame`; throws unless it is all of `frame`.
  private static func frameExtent(
    _ frame: UnsafeRawBufferPointer, path: String, fileOffset: Int
  ) throws(CheckpointError) -> Int {
    let code = ZSTD_findFrameCompressedSize(frame.baseAddress, frame.count)
    if ZSTD_isError(code) != 0, ZSTD_getErrorCode(code) == ZSTD_error_srcSize_wrong {
      throw .truncated(path: path, offset: fileOffset + frame.count, expected: nil)
    }
    let frameSize = try check(code, path: path)
    if frameSize < frame.count {
      throw .trailingData(
        path: path, offset: fileOffset + frameSize, count: frame.count - frameSize)
    }
    return frameSize
  }

  /// The `size_t` result of a zstd call, or `.corrupt` carrying `ZSTD_getErrorName`.
  @discardableResult
  private static func check(_ code: Int, path: String) throws(CheckpointError) -> Int {
    if ZSTD_isError(code) != 0 {
      throw .corrupt(path: path, reason: String(cString: ZSTD_getErrorName(code)))
    }
    return code
  }

  /// The `size_t` result of a zstd compression call, or `.compressionFailed`.
  @discardableResult
  private static func check(_ code: Int) throws(CheckpointError) -> Int {
    if ZSTD_isError(code) != 0 {
      throw .compressionFailed(reason: String(cString: ZSTD_getErrorName(code)))
    }
    return code
  }
}
