/// An 8-bit RGB image, row-major, interleaved `R G B` (for writing colour PNGs, e.g. maps).
public struct RGBImage: Sendable, Equatable {
  public var width: Int
  public var height: Int
  /// `height × width × 3` samples, row-major, channels interleaved.
  public var pixels: [UInt8]

  public init(width: Int, height: Int, pixels: [UInt8]) {
    precondition(
      width >= 0 && height >= 0 && pixels.count == width * height * 3,
      "\(pixels.count) samples for \(width)×\(height) RGB")
    self.width = width
    self.height = height
    self.pixels = pixels
  }

  /// The `(r, g, b)` of `(row, column)`.
  public subscript(row: Int, column: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
    get {
      let i = 3 * (row * width + column)
      return (pixels[i], pixels[i + 1], pixels[i + 2])
    }
    set {
      let i = 3 * (row * width + column)
      (pixels[i], pixels[i + 1], pixels[i + 2]) = (newValue.r, newValue.g, newValue.b)
    }
  }

  /// ITU-R 601 luma of every pixel (``luma601(_:_:_:)``, the same as PNG reading uses).
  public var luma: GrayImage {
    var gray = [UInt8](repeating: 0, count: width * height)
    for i in 0..<gray.count {
      gray[i] = luma601(pixels[3 * i], pixels[3 * i + 1], pixels[3 * i + 2])
    }
    return GrayImage(width: width, height: height, pixels: gray)
  }

  /// Writes the image as an 8-bit RGB PNG.
  /// - Throws: `.unwritable` with libpng's message.
  public func writePNG(to path: String) throws(DataError) {
    try PNGFile.write(pixels: pixels, width: width, height: height, channels: 3, to: path)
  }

  /// The image as 8-bit RGB PNG bytes.
  public func pngData() throws(DataError) -> [UInt8] {
    try PNGFile.encode(pixels: pixels, width: width, height: height, channels: 3)
  }
}
