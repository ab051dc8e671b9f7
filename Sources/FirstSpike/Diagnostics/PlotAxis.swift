import Foundation

/// A linear axis: a data range mapped onto a pixel range, with "nice" tick values
/// (1, 2 or 5 times a power of ten apart).
struct PlotAxis {
  /// The data range shown.
  var low: Double
  var high: Double
  /// Pixel coordinates of `low` and `high` (`pixelHigh < pixelLow` for a y axis).
  var pixelLow: Double
  var pixelHigh: Double
  /// Tick values, ascending, all within `low…high`.
  var ticks: [Double]
  /// Distance between ticks.
  var step: Double

  /// An axis over `low…high` widened to the nice ticks around it (at most `clamp`),
  /// about `count` ticks; `integer` keeps steps at whole numbers (pass counts).
  init(covering low: Double, _ high: Double, count: Int = 6, integer: Bool = false,
       clamp: ClosedRange<Double>? = nil, pixels: (Double, Double)) {
    let (lo, hi) = high > low ? (low, high) : (low - 0.5, low + 0.5)
    var step = Self.niceStep((hi - lo) / Double(max(1, count - 1)))
    if integer { step = max(1, step.rounded()) }
    var a = (lo / step).rounded(.down) * step, b = (hi / step).rounded(.up) * step
    if let clamp { (a, b) = (max(a, clamp.lowerBound), min(b, clamp.upperBound)) }
    self.low = a
    self.high = b
    self.step = step
    self.pixelLow = pixels.0
    self.pixelHigh = pixels.1
    let first = (a / step).rounded(.up) * step
    self.ticks = stride(from: first, through: b + step * 1e-9, by: step).map { ($0 / step).rounded() * step }
  }

  /// 1, 2 or 5 × 10ⁿ, the smallest such value ≥ `raw`.
  static func niceStep(_ raw: Double) -> Double {
    guard raw > 0 && raw.isFinite else { return 1 }
    let p = pow(10, (log10(raw)).rounded(.down))
    for m in [1.0, 2, 5, 10] where m * p >= raw * (1 - 1e-9) { return m * p }
    return 10 * p
  }

  /// The pixel coordinate of `value`.
  func pixel(_ value: Double) -> Double {
    high > low ? pixelLow + (value - low) / (high - low) * (pixelHigh - pixelLow) : (pixelLow + pixelHigh) / 2
  }

  /// A tick label: as many decimals as the step needs.
  func label(_ value: Double) -> String {
    let decimals = step >= 1 ? 0 : Int((-log10(step)).rounded(.up))
    return String(format: "%.\(decimals)f", value)
  }
}
