/// An sRGB colour, each component in 0…1.
public struct Color: Sendable, Equatable {
  public var r: Double
  public var g: Double
  public var b: Double

  public init(r: Double, g: Double, b: Double) {
    self.r = r
    self.g = g
    self.b = b
  }

  /// `0xRRGGBB`.
  public init(hex: UInt32) {
    self.init(r: Double((hex >> 16) & 0xff) / 255, g: Double((hex >> 8) & 0xff) / 255, b: Double(hex & 0xff) / 255)
  }

  /// A gray level `v` (0 black … 1 white).
  public init(gray v: Double) { self.init(r: v, g: v, b: v) }

  /// The components rounded to bytes.
  public var bytes: (r: UInt8, g: UInt8, b: UInt8) {
    func byte(_ x: Double) -> UInt8 { UInt8(max(0, min(255, (x * 255).rounded()))) }
    return (byte(r), byte(g), byte(b))
  }

  /// Rec. 601 luma `0.299 r + 0.587 g + 0.114 b` (0…1): the gray a printer or a gray-scale
  /// conversion gives this colour.
  public var luma: Double { 0.299 * r + 0.587 * g + 0.114 * b }

  /// `#rrggbb`, for HTML and CSS.
  public var css: String {
    let (r, g, b) = bytes
    return "#" + [r, g, b].map { String($0, radix: 16).leftPadded(to: 2, with: "0") }.joined()
  }

  /// `self` at `1 − t` mixed with `other` at `t`.
  public func mixed(with other: Color, _ t: Double) -> Color {
    Color(r: r + (other.r - r) * t, g: g + (other.g - g) * t, b: b + (other.b - b) * t)
  }

  public static let black = Color(gray: 0)
  public static let white = Color(gray: 1)
  /// Body text and axes.
  public static let ink = Color(hex: 0x222222)
  /// Secondary text (captions, tick labels).
  public static let muted = Color(hex: 0x555555)
  /// Grid lines.
  public static let grid = Color(hex: 0xdddddd)
  /// What marks the winner and the best pass: a red that stays dark in gray scale.
  public static let highlight = Color(hex: 0xc0182b)
}

extension String {
  func leftPadded(to width: Int, with pad: Character) -> String {
    count >= width ? self : String(repeating: pad, count: width - count) + self
  }
}
