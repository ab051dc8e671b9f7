import Foundation
import Testing

@testable import FirstSpike

/// A PNG picture decoded to RGBA for pixel checks.
struct DecodedPicture {
  var width: Int
  var height: Int
  var rgba: [UInt8]

  init(_ picture: Picture) throws {
    #expect(picture.format == .png)
    let d = try PNGFile.decodeRGBA(picture.bytes, path: "<picture>", maxPixels: 1 << 26)
    (width, height, rgba) = (d.width, d.height, d.rgba)
    #expect(width == picture.width && height == picture.height, "PNG \(width)×\(height) for a \(picture.width)×\(picture.height) picture")
  }

  /// The colour at pixel `(x, y)` (rounded down to whole pixels).
  func color(_ x: Double, _ y: Double) -> Color {
    let i = 4 * (Int(y) * width + Int(x))
    return Color(r: Double(rgba[i]) / 255, g: Double(rgba[i + 1]) / 255, b: Double(rgba[i + 2]) / 255)
  }

  /// Whether some pixel within `radius` of `(x, y)` is within `tolerance` (per component) of `c`.
  func has(_ c: Color, near x: Double, _ y: Double, radius: Int = 2, tolerance: Double = 0.06) -> Bool {
    for dy in -radius...radius {
      for dx in -radius...radius {
        let (px, py) = (Int(x) + dx, Int(y) + dy)
        guard px >= 0, py >= 0, px < width, py < height else { continue }
        if color(Double(px), Double(py)).distance(to: c) <= tolerance { return true }
      }
    }
    return false
  }
}

extension Color {
  /// The largest difference of one component.
  func distance(to o: Color) -> Double { max(abs(r - o.r), abs(g - o.g), abs(b - o.b)) }
}

/// Whether `bytes` parse as XML whose root is an `<svg>` element with width and height.
func svgSize(_ bytes: [UInt8]) -> (width: String, height: String)? {
  let text = String(decoding: bytes, as: UTF8.self)
  guard text.hasPrefix("<?xml"), text.contains("</svg>"),
        let open = text.range(of: "<svg "), let end = text[open.upperBound...].firstIndex(of: ">") else { return nil }
  let tag = String(text[open.upperBound..<end])
  func attribute(_ name: String) -> String? {
    guard let r = tag.range(of: " \(name)=\"") ?? tag.range(of: "\(name)=\"") else { return nil }
    return String(tag[r.upperBound...].prefix { $0 != "\"" })
  }
  guard let w = attribute("width"), let h = attribute("height") else { return nil }
  return (w, h)
}
