/// Byte-level walking of a PNG's chunk list (no decompression).
///
/// A PNG is the 8-byte signature `89 50 4E 47 0D 0A 1A 0A` followed by chunks
/// `length (u32 BE) · type (4 ASCII) · data (length bytes) · CRC-32 (u32 BE)`.
enum PNGChunks {
  static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

  /// The only ancillary chunk libpng's simplified reader needs for the pixels FirstSpike
  /// keeps: transparency (which sets the alpha FirstSpike ignores, but also selects how a
  /// palette or gray image expands). Every other ancillary chunk is dropped before libpng sees
  /// the file: the colour-management chunks gAMA, cHRM, sRGB and iCCP (PIL ignores them;
  /// otherwise a gAMA other than 1/2.2 would make libpng gamma-correct the samples), and
  /// text, time, EXIF and private chunks, which could only make libpng allocate (a chunk may
  /// declare 2 GB, a compressed text chunk may inflate to more).
  static let keptAncillary: Set<String> = ["tRNS"]

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

  /// `bytes` with only what decoding needs: the signature, every critical chunk (IHDR, PLTE,
  /// IDAT, IEND, and unknown critical chunks, which libpng refuses) and tRNS, up to IEND.
  /// Kept chunks (and their CRCs) are copied untouched. A chunk that runs past the end of the
  /// bytes (even one cut inside its CRC) ends the walk: a kept one is passed on as it is, so
  /// that libpng reports the truncation in its own words; a dropped one is cut, so that libpng
  /// never sees its declared length. Bytes that are not a PNG are returned unchanged.
  /// - Complexity: O(file size); no chunk's declared length is ever allocated.
  static func decodingChunks(_ bytes: [UInt8]) -> [UInt8] {
    guard hasSignature(bytes) else { return bytes }
    var out = signature
    out.reserveCapacity(bytes.count)
    var p = 8
    while bytes.count - p >= 8 {  // a chunk's length and type: enough to decide
      let length = Int(bigEndian32(bytes, p))
      let type = String(decoding: bytes[(p + 4)..<(p + 8)], as: UTF8.self)
      let keep = bytes[p + 4] & 0x20 == 0 || keptAncillary.contains(type)  // bit 5 of byte 0: ancillary
      guard length <= bytes.count - p - 12 else {
        if keep { out.append(contentsOf: bytes[p...]) }
        return out
      }
      let end = p + 12 + length
      if keep { out.append(contentsOf: bytes[p..<end]) }
      p = end
      if type == "IEND" { return out }
    }
    out.append(contentsOf: bytes[p...])
    return out
  }

  static func bigEndian32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
    var v: UInt32 = 0
    for i in 0..<4 { v = v << 8 | UInt32(bytes[offset + i]) }
    return v
  }
}
