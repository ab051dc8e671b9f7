/// PNG input and output of gray images (see ``PNGFile`` for the luma conversion).
extension GrayImage {
  /// Reads any PNG as 8-bit ITU-R 601 luma (PIL's `convert("L")`, alpha ignored).
  /// - Throws: `DataError` naming `path`; `.pngTooLarge` above `maxPixels`.
  public init(pngPath path: String, maxPixels: Int = PNGFile.defaultMaxPixels) throws(DataError) {
    self = try PNGFile.readGray(path: path, maxPixels: maxPixels)
  }

  /// Decodes PNG bytes as 8-bit luma.
  public init(pngData bytes: [UInt8], maxPixels: Int = PNGFile.defaultMaxPixels) throws(DataError) {
    self = try PNGFile.decodeGray(bytes, maxPixels: maxPixels)
  }

  /// Writes the image as an 8-bit gray PNG; reading it back gives identical pixels.
  /// - Throws: `.unwritable` with libpng's message (missing folder, no permission, …).
  public func writePNG(to path: String) throws(DataError) {
    try PNGFile.write(pixels: pixels, width: width, height: height, channels: 1, to: path)
  }

  /// The image as 8-bit gray PNG bytes.
  public func pngData() throws(DataError) -> [UInt8] {
    try PNGFile.encode(pixels: pixels, width: width, height: height, channels: 1)
  }
}
