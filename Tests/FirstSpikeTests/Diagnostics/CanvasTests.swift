import Foundation
import Testing

@testable import FirstSpike

@Suite struct CanvasTests {
  @Test func pngHasTheSizeAndTheColoursDrawn() throws {
    let c = Canvas(width: 40, height: 30, format: .png, background: Color(hex: 0x102030))
    c.rect(x: 10, y: 5, width: 20, height: 10, fill: Color(hex: 0xff8000))
    c.line(0, 25.5, 40, 25.5, color: .white, width: 1)
    let p = try DecodedPicture(c.finish())
    #expect(p.color(2, 2) == Color(hex: 0x102030))
    #expect(p.color(10, 5) == Color(hex: 0xff8000) && p.color(29, 14) == Color(hex: 0xff8000))
    #expect(p.color(30, 15) == Color(hex: 0x102030), "the rectangle ends at x 30, y 15")
    #expect(p.color(20, 25) == .white)
  }

  /// Each source pixel becomes an exact `scale × scale` square (nearest neighbour).
  @Test func imagesAreMagnifiedWithoutSmoothing() throws {
    let gray = GrayImage(width: 3, height: 2, pixels: [0, 100, 255, 30, 60, 90])
    let c = Canvas(width: 20, height: 12, format: .png)
    c.image(gray, x: 2, y: 1, scale: 4)
    let p = try DecodedPicture(c.finish())
    for y in 0..<8 {
      for x in 0..<12 {
        let v = Double(gray[y / 4, x / 4]) / 255
        #expect(p.color(Double(2 + x), Double(1 + y)).distance(to: Color(gray: v)) < 1e-9, "pixel (\(x), \(y))")
      }
    }
    #expect(p.color(14, 1) == .white && p.color(2, 9) == .white)
  }

  @Test func svgIsAnSVGDocumentOfTheSizeInPixels() throws {
    let c = Canvas(width: 320, height: 200, format: .svg)
    c.text("accuracy (%)", x: 10, y: 20, size: 12)
    let picture = try c.finish()
    let size = try #require(svgSize(picture.bytes))
    #expect(size.width == "320px" && size.height == "200px")
    #expect(picture.dataURL.hasPrefix("data:image/svg+xml;base64,"))
  }

  @Test func textIsMeasuredAndWrappedToTheWidth() {
    let c = Canvas(width: 10, height: 10, format: .png)
    let short = c.textWidth("7", size: 12), long = c.textWidth("7777", size: 12)
    #expect(short > 3 && abs(long - 4 * short) < 0.5, "\(short) \(long)")
    #expect(c.textWidth("7", size: 24) > 1.8 * short)
    let text = "Each tile is one feature carried back to pixel space through the layers below"
    let lines = c.wrapped(text, width: 150, size: 12)
    #expect(lines.count > 1 && lines.joined(separator: " ") == text)
    #expect(lines.allSatisfy { c.textWidth($0, size: 12) <= 150 })
    #expect(c.wrapped("unbreakable-word-wider-than-the-space", width: 20, size: 12).count == 1)
  }

  @Test func formatsComeFromTheExtension() throws {
    #expect(try PictureFormat(path: "a/b.PNG") == .png)
    #expect(try PictureFormat(path: "curve.svg") == .svg)
    #expect(throws: DiagnosticsError("plot.jpg: pictures are written as .png or .svg files, not '.jpg'")) {
      try PictureFormat(path: "plot.jpg")
    }
  }
}
