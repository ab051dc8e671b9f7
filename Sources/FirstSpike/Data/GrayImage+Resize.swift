extension GrayImage {
  /// The image resampled to `width × height` by bilinear interpolation with pixel centres
  /// aligned (the "half-pixel" convention of PIL and OpenCV), rounded to the nearest level.
  /// Used when a classified image is not of the model's input size.
  public func resized(width newWidth: Int, height newHeight: Int) -> GrayImage {
    precondition(newWidth > 0 && newHeight > 0, "resize to \(newWidth)×\(newHeight)")
    if newWidth == width && newHeight == height { return self }
    if width == 0 || height == 0 { return GrayImage(width: newWidth, height: newHeight) }
    var out = GrayImage(width: newWidth, height: newHeight)
    let sx = Double(width) / Double(newWidth), sy = Double(height) / Double(newHeight)
    for y in 0..<newHeight {
      let fy = min(max((Double(y) + 0.5) * sy - 0.5, 0), Double(height - 1))
      let y0 = Int(fy), y1 = min(y0 + 1, height - 1), wy = fy - Double(y0)
      for x in 0..<newWidth {
        let fx = min(max((Double(x) + 0.5) * sx - 0.5, 0), Double(width - 1))
        let x0 = Int(fx), x1 = min(x0 + 1, width - 1), wx = fx - Double(x0)
        let top = Double(self[y0, x0]) * (1 - wx) + Double(self[y0, x1]) * wx
        let bottom = Double(self[y1, x0]) * (1 - wx) + Double(self[y1, x1]) * wx
        out[y, x] = UInt8(min(255, max(0, (top * (1 - wy) + bottom * wy).rounded())))
      }
    }
    return out
  }
}
