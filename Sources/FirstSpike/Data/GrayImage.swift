/// An 8-bit grayscale image, row-major, the input of every encoder.
public struct GrayImage: Sendable, Equatable {
  public var width: Int
  public var height: Int
  /// `height × width` intensities, row-major.
  public var pixels: [UInt8]

  public init(width: Int, height: Int, pixels: [UInt8]) {
    precondition(width >= 0 && height >= 0 && pixels.count == width * height,
                 "\(pixels.count) pixels for \(width)×\(height)")
    self.width = width
    self.height = height
    self.pixels = pixels
  }

  public init(width: Int, height: Int, fill: UInt8 = 0) {
    self.init(width: width, height: height, pixels: [UInt8](repeating: fill, count: width * height))
  }

  @inlinable
  public subscript(row: Int, column: Int) -> UInt8 {
    get { pixels[row * width + column] }
    set { pixels[row * width + column] = newValue }
  }
}
