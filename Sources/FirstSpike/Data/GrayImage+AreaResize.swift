extension GrayImage {
  /// The image resampled to `width × height` by area averaging: every output pixel is the mean
  /// of the source area it covers (fractional pixels weighted by their overlap), rounded to
  /// the nearest level. An antialiased downscale (what MNIST's own framing used); for an
  /// enlargement it is nearest-neighbour with blended seams, so use ``resized(width:height:)``
  /// (bilinear) there.
  /// - Complexity: O((width + newWidth) · height + newWidth · (height + newHeight)).
  public func areaResized(width newWidth: Int, height newHeight: Int) -> GrayImage {
    precondition(newWidth > 0 && newHeight > 0, "resize to \(newWidth)×\(newHeight)")
    if newWidth == width && newHeight == height { return self }
    if width == 0 || height == 0 { return GrayImage(width: newWidth, height: newHeight) }
    let across = Self.areaWeights(from: width, to: newWidth)
    let down = Self.areaWeights(from: height, to: newHeight)
    var rows = [Double](repeating: 0, count: height * newWidth)
    for y in 0..<height {
      for (x, taps) in across.enumerated() {
        var s = 0.0
        for (i, w) in taps { s += w * Double(pixels[y * width + i]) }
        rows[y * newWidth + x] = s
      }
    }
    var out = GrayImage(width: newWidth, height: newHeight)
    for (y, taps) in down.enumerated() {
      for x in 0..<newWidth {
        var s = 0.0
        for (i, w) in taps { s += w * rows[i * newWidth + x] }
        out[y, x] = UInt8(min(255, max(0, s.rounded())))
      }
    }
    return out
  }

  /// For each of `n` output pixels, the source pixels of `[0, m)` its interval covers and
  /// their weights (overlap / interval length, summing to 1).
  static func areaWeights(from m: Int, to n: Int) -> [[(Int, Double)]] {
    let scale = Double(m) / Double(n)
    return (0..<n).map { j in
      let a = Double(j) * scale, b = Double(j + 1) * scale
      var taps: [(Int, Double)] = []
      var i = Int(a)
      while i < m && Double(i) < b {
        let overlap = min(b, Double(i + 1)) - max(a, Double(i))
        if overlap > 1e-12 { taps.append((i, overlap / scale)) }
        i += 1
      }
      return taps
    }
  }
}
