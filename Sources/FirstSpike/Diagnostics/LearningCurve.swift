import Foundation
/// A plot of accuracy per pass (train and test), drawn into an RGB image with a tiny built-in
/// digit font: what `firstspike inspect --plot` writes.
public enum LearningCurve {
  public struct Series: Sendable {
    public var values: [(pass: Int, accuracy: Double)]
    public var color: (UInt8, UInt8, UInt8)
    public init(values: [(pass: Int, accuracy: Double)], color: (UInt8, UInt8, UInt8)) {
      self.values = values
      self.color = color
    }
  }

  /// Plots `series` (accuracy in 0…1) against the pass number. The y axis spans from the
  /// lowest value rounded down to 10 % up to 100 %, with a labelled grid line every 10 % (every
  /// 1 % when the span is ≤ 10 %); the x axis is labelled at its ends.
  public static func plot(_ series: [Series], width: Int = 720, height: Int = 420) -> RGBImage {
    var img = RGBImage(width: width, height: height, pixels: [UInt8](repeating: 255, count: width * height * 3))
    let left = 40, right = width - 12, top = 12, bottom = height - 28
    let all = series.flatMap { $0.values }
    let maxPass = max(all.map(\.pass).max() ?? 1, 2)
    let low = all.map(\.accuracy).min() ?? 0
    var yMin = (low * 10).rounded(.down) / 10
    var step = 0.1
    if 1 - yMin <= 0.1 { yMin = (low * 100).rounded(.down) / 100; step = 0.01 }
    if yMin >= 1 { yMin = 0.9 }
    func x(_ pass: Int) -> Int { left + (right - left) * (pass - 1) / max(maxPass - 1, 1) }
    func y(_ a: Double) -> Int { bottom - Int(Double(bottom - top) * (a - yMin) / (1 - yMin)) }
    var level = yMin
    while level <= 1.0001 {
      let yy = y(level)
      for xx in left...right { set(&img, xx, yy, (220, 220, 220)) }
      text(&img, String(format: "%d", Int((level * 100).rounded())), x: 4, y: yy - 3)
      level += step
    }
    for yy in top...bottom { set(&img, left, yy, (0, 0, 0)) }
    for xx in left...right { set(&img, xx, bottom, (0, 0, 0)) }
    text(&img, "1", x: left - 2, y: bottom + 8)
    text(&img, "\(maxPass)", x: right - 4 * "\(maxPass)".count, y: bottom + 8)
    for s in series {
      let pts = s.values.sorted { $0.pass < $1.pass }
      for (a, b) in zip(pts, pts.dropFirst()) { line(&img, x(a.pass), y(a.accuracy), x(b.pass), y(b.accuracy), s.color) }
      if pts.count == 1 { set(&img, x(pts[0].pass), y(pts[0].accuracy), s.color) }
    }
    return img
  }

  static func set(_ img: inout RGBImage, _ x: Int, _ y: Int, _ c: (UInt8, UInt8, UInt8)) {
    guard x >= 0, y >= 0, x < img.width, y < img.height else { return }
    let i = (y * img.width + x) * 3
    img.pixels[i] = c.0
    img.pixels[i + 1] = c.1
    img.pixels[i + 2] = c.2
  }

  static func line(_ img: inout RGBImage, _ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ c: (UInt8, UInt8, UInt8)) {
    let n = max(abs(x1 - x0), abs(y1 - y0), 1)
    for i in 0...n {
      let xx = x0 + (x1 - x0) * i / n, yy = y0 + (y1 - y0) * i / n
      set(&img, xx, yy, c)
      set(&img, xx, yy + 1, c)
    }
  }

  /// 3×5 pixel digits, one row per string of 3 bits.
  static let glyphs: [Character: [String]] = [
    "0": ["111", "101", "101", "101", "111"], "1": ["010", "110", "010", "010", "111"],
    "2": ["111", "001", "111", "100", "111"], "3": ["111", "001", "111", "001", "111"],
    "4": ["101", "101", "111", "001", "001"], "5": ["111", "100", "111", "001", "111"],
    "6": ["111", "100", "111", "101", "111"], "7": ["111", "001", "010", "010", "010"],
    "8": ["111", "101", "111", "101", "111"], "9": ["111", "101", "111", "001", "111"],
  ]

  static func text(_ img: inout RGBImage, _ s: String, x: Int, y: Int) {
    for (k, ch) in s.enumerated() {
      guard let g = glyphs[ch] else { continue }
      for (r, row) in g.enumerated() {
        for (c, bit) in row.enumerated() where bit == "1" {
          for dy in 0..<1 { set(&img, x + 4 * k + c, y + r + dy, (60, 60, 60)) }
        }
      }
    }
  }
}
