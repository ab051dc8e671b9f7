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
}
