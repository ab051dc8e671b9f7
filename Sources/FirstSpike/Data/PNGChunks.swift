/// Byte-level walking of a PNG's chunk list (no decompression).
///
/// A PNG is the 8-byte signature `89 50 4E 47 0D 0A 1A 0A` followed by chunks
/// `length (u32 BE) · type (4 ASCII) · data (length bytes) · CRC-32 (u32 BE)`.
enum PNGChunks {
  static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

  /// The chunk types that only describe colour management; PIL ignores them, so FirstSpike
  /// drops them before libpng sees the file (otherwise a gAMA other than 1/2.2 would make
  /// libpng gamma-correct the samples).
  static let colorManagement: Set<String> = ["gAMA", "cHRM", "sRGB", "iCCP"]

  /// True when `bytes` starts with the PNG signature.
  static func hasSignature(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 8 && Array(bytes[0..<8]) == signature
  }

  /// `(type, offset of the length field, data length)` of each chunk, in file order, up to
  /// and including IEND; `nil` when the bytes are not a well-formed chunk list (libpng then
  /// reports what exactly is wrong).
  static func chunks(_ bytes: [UInt8]) -> [(type: String, offset: Int, length: Int)]? {
    guard hasSignature(bytes) else { return nil }
    var out: [(type: String, offset: Int, length: Int)] = []
    var p = 8
    while p + 12 <= bytes.count {
      let length = Int(bigEndian32(bytes, p))
      guard length <= bytes.count - p - 12 else { return nil }
      let type = String(decoding: bytes[(p + 4)..<(p + 8)], as: UTF8.self)
      out.append((type, p, length))
      p += 12 + length
      if type == "IEND" { return out }
    }
    return nil
  }

  /// `bytes` without gAMA/cHRM/sRGB/iCCP chunks; other bytes (and CRCs) are untouched.
  /// Malformed input is returned unchanged.
  /// - Complexity: O(file size).
  static func removingColorManagement(_ bytes: [UInt8]) -> [UInt8] {
    guard let list = chunks(bytes), list.contains(where: { colorManagement.contains($0.type) })
    else { return bytes }
    var out = signature
    out.reserveCapacity(bytes.count)
    for chunk in list where !colorManagement.contains(chunk.type) {
      out.append(contentsOf: bytes[chunk.offset..<(chunk.offset + 12 + chunk.length)])
    }
    let end = list.last.map { $0.offset + 12 + $0.length } ?? bytes.count
    out.append(contentsOf: bytes[end...])
    return out
  }

  static func bigEndian32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
    var v: UInt32 = 0
    for i in 0..<4 { v = v << 8 | UInt32(bytes[offset + i]) }
    return v
  }
}
