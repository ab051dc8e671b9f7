/// The IHDR fields of a PNG, read from the bytes directly (for `firstspike info`).
///
/// IHDR is the first chunk: width, height (u32 BE), bit depth, colour type, compression,
/// filter, interlace (one byte each).
public struct PNGHeader: Sendable, Equatable {
  public var width: Int
  public var height: Int
  /// Bits per sample (per palette index for colour type 3): 1, 2, 4, 8 or 16.
  public var bitDepth: Int
  /// 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA.
  public var colorType: Int
  /// True for Adam7 interlacing (interlace method 1).
  public var interlaced: Bool
  /// Chunk types in file order (IDAT runs collapsed to one entry); empty if the chunk list
  /// is malformed after IHDR.
  public var chunkTypes: [String]

  /// Parses the signature and IHDR of `bytes`; `path` only labels errors.
  /// - Throws: `.emptyFile`, or `.png` when the signature or IHDR is missing or truncated.
  public init(bytes: [UInt8], path: String) throws(DataError) {
    if bytes.isEmpty { throw .emptyFile(path: path) }
    guard PNGChunks.hasSignature(bytes) else {
      throw .png(path: path, message: "Not a PNG file (no PNG signature)")
    }
    guard bytes.count >= 33, String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR" else {
      throw .png(path: path, message: "missing or truncated IHDR chunk")
    }
    width = Int(PNGChunks.bigEndian32(bytes, 16))
    height = Int(PNGChunks.bigEndian32(bytes, 20))
    bitDepth = Int(bytes[24])
    colorType = Int(bytes[25])
    interlaced = bytes[28] == 1
    var types: [String] = []
    for chunk in PNGChunks.chunks(bytes) ?? [] {
      if chunk.type != "IDAT" || types.last != "IDAT" { types.append(chunk.type) }
    }
    chunkTypes = types
  }

  /// "gray", "RGB", "palette", "gray+alpha", "RGBA" or "unknown (n)".
  public var colorTypeName: String {
    switch colorType {
    case 0: "gray"
    case 2: "RGB"
    case 3: "palette"
    case 4: "gray+alpha"
    case 6: "RGBA"
    default: "unknown (\(colorType))"
    }
  }
}
