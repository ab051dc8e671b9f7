extension GrayImage {
  /// The `width × height` region whose top-left pixel is `(row, column)`; must lie inside.
  public func cropped(row: Int, column: Int, width w: Int, height h: Int) -> GrayImage {
    precondition(row >= 0 && column >= 0 && w >= 0 && h >= 0 && row + h <= height && column + w <= width,
                 "crop \(w)×\(h) at (\(row), \(column)) of \(width)×\(height)")
    var out = GrayImage(width: w, height: h)
    for y in 0..<h {
      for x in 0..<w { out[y, x] = self[row + y, column + x] }
    }
    return out
  }

  /// A `width × height` canvas of `fill` with this image's top-left pixel at `(row, column)`
  /// (which may be negative or reach past the canvas: what falls outside is cut off).
  public func placed(onCanvas w: Int, _ h: Int, row: Int, column: Int, fill: UInt8) -> GrayImage {
    var out = GrayImage(width: w, height: h, fill: fill)
    for y in 0..<height where row + y >= 0 && row + y < h {
      for x in 0..<width where column + x >= 0 && column + x < w { out[row + y, column + x] = self[y, x] }
    }
    return out
  }

  /// The image moved by `(dx, dy)` pixels (right and down positive), uncovered pixels `fill`.
  public func shifted(dx: Int, dy: Int, fill: UInt8) -> GrayImage {
    placed(onCanvas: width, height, row: dy, column: dx, fill: fill)
  }

  /// The image sheared horizontally: row `y` moved left by `k · (y − row)` pixels (so a slant
  /// of `s` columns per row becomes `s − k`), linearly interpolated within the row, on a
  /// canvas widened on both sides by `⌈|k| · height⌉` pixels of `fill`.
  public func sheared(by k: Double, aboutRow row: Double, fill: UInt8) -> GrayImage {
    let pad = Int((abs(k) * Double(height)).rounded(.up))
    var out = GrayImage(width: width + 2 * pad, height: height, fill: fill)
    for y in 0..<height {
      let shift = k * (Double(y) - row) - Double(pad)
      for x in 0..<out.width {
        let sx = Double(x) + shift
        let x0 = Int(sx.rounded(.down)), f = sx - Double(x0)
        let a = x0 >= 0 && x0 < width ? Double(self[y, x0]) : Double(fill)
        let b = x0 + 1 >= 0 && x0 + 1 < width ? Double(self[y, x0 + 1]) : Double(fill)
        out[y, x] = UInt8(min(255, max(0, (a + f * (b - a)).rounded())))
      }
    }
    return out
  }

  /// `255 − v` for every pixel.
  public func inverted() -> GrayImage {
    GrayImage(width: width, height: height, pixels: pixels.map { 255 - $0 })
  }
}
