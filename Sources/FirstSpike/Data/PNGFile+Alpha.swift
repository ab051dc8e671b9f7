/// A gray image with its alpha channel, as a PNG may hold it (what `classify` reads, so that a
/// transparent canvas can be composited before anything else looks at the pixels).
public struct GrayAlphaImage: Sendable, Equatable {
  /// The luma of every pixel, exactly as ``PNGFile/readGray(path:maxPixels:)`` returns it.
  public var gray: GrayImage
  /// Opacity of every pixel (255 = opaque), row-major like `gray`; nil when every pixel is
  /// opaque (no alpha channel, no tRNS, or all 255).
  public var alpha: [UInt8]?

  public init(gray: GrayImage, alpha: [UInt8]? = nil) {
    precondition(alpha.map { $0.count == gray.pixels.count } ?? true, "alpha of \(alpha?.count ?? 0) for \(gray.pixels.count) pixels")
    self.gray = gray
    self.alpha = alpha
  }

  public var width: Int { gray.width }
  public var height: Int { gray.height }
  /// Whether some pixel is not fully opaque.
  public var hasTransparency: Bool { alpha != nil }
}

extension PNGFile {
  /// Reads the PNG at `path` as luma and alpha. The luma is bit-identical to
  /// ``readGray(path:maxPixels:)`` (the same decode, the same ``luma601(_:_:_:)``); the alpha
  /// is libpng's 8-bit alpha (an alpha channel, or tRNS expanded), nil when all 255.
  /// - Throws: as ``readGray(path:maxPixels:)``.
  public static func readGrayAlpha(path: String, maxPixels: Int = defaultMaxPixels) throws(DataError)
    -> GrayAlphaImage
  {
    try decodeGrayAlpha(readFile(path: path), path: path, maxPixels: maxPixels)
  }

  /// Decodes PNG bytes as luma and alpha; `path` only labels errors.
  public static func decodeGrayAlpha(
    _ bytes: [UInt8], path: String = "<memory>", maxPixels: Int = defaultMaxPixels
  ) throws(DataError) -> GrayAlphaImage {
    let (width, height, rgba) = try decodeRGBA(bytes, path: path, maxPixels: maxPixels)
    let n = width * height
    var gray = [UInt8](repeating: 0, count: n)
    var alpha = [UInt8](repeating: 255, count: n)
    var opaque = true
    for i in 0..<n {
      gray[i] = luma601(rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2])
      alpha[i] = rgba[4 * i + 3]
      opaque = opaque && alpha[i] == 255
    }
    return GrayAlphaImage(gray: GrayImage(width: width, height: height, pixels: gray), alpha: opaque ? nil : alpha)
  }
}
