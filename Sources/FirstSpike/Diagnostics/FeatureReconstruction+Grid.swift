extension FeatureReconstruction {
  /// One picture scaled for display: its minimum becomes 0 and its maximum 255,
  /// `round(255 · (v − min) / (max − min))`; a constant picture becomes all 0.
  /// - Complexity: O(values).
  public static func normalized(_ values: ArraySlice<Float>) -> [UInt8] {
    guard let lo = values.min(), let hi = values.max(), hi > lo else {
      return [UInt8](repeating: 0, count: values.count)
    }
    let scale = 255 / (hi - lo)
    return values.map { UInt8(min(255, max(0, (($0 - lo) * scale).rounded()))) }
  }

  /// All pictures `[N, H, W]` in one gray image: a grid of `columns` cells per row (default
  /// `⌈√N⌉`), picture `n` in row `n / columns`, column `n % columns`, each normalized to 0…255
  /// on its own (``normalized(_:)``: min → 0, max → 255), cells separated by 1-pixel lines of
  /// `separator` (no outer border). Cells after the last picture are filled with `separator`.
  ///
  /// Size: width `columns·W + columns − 1`, height `rows·H + rows − 1`, `rows = ⌈N / columns⌉`.
  public static func grid(_ pictures: FeatureMaps, columns: Int? = nil, separator: UInt8 = 255) -> GrayImage {
    let n = pictures.shape.channels, (h, w) = (pictures.shape.height, pictures.shape.width)
    precondition(n > 0 && h > 0 && w > 0, "no pictures to arrange (\(pictures.shape))")
    let cols = min(n, columns ?? Int(Double(n).squareRoot().rounded(.up)))
    precondition(cols > 0, "columns \(columns ?? 0) must be positive")
    let rows = (n + cols - 1) / cols
    var image = GrayImage(width: cols * (w + 1) - 1, height: rows * (h + 1) - 1, fill: separator)
    for p in 0..<n {
      let gray = normalized(pictures.values[(p * h * w)..<((p + 1) * h * w)])
      let top = (p / cols) * (h + 1), left = (p % cols) * (w + 1)
      for y in 0..<h {
        for x in 0..<w { image[top + y, left + x] = gray[y * w + x] }
      }
    }
    return image
  }
}
