import FirstSpikeTestSupport
import Testing

@testable import FirstSpike

@Suite struct ImageGeometryTests {
  static func random(_ w: Int, _ h: Int, seed: UInt64) -> GrayImage {
    var g = SplitMix64(seed: seed)
    return GrayImage(width: w, height: h, pixels: (0..<(w * h)).map { _ in UInt8(g.next() % 256) })
  }

  /// Area averaging by a whole factor is the mean of each block (rounded); the total
  /// intensity is kept for any factor; the same size is the identity.
  @Test func areaResizeAveragesBlocks() {
    let image = Self.random(12, 8, seed: 1)
    let half = image.areaResized(width: 6, height: 4)
    for y in 0..<4 {
      for x in 0..<6 {
        let sum = [(0, 0), (0, 1), (1, 0), (1, 1)].reduce(0) { $0 + Int(image[2 * y + $1.0, 2 * x + $1.1]) }
        #expect(half[y, x] == UInt8((Double(sum) / 4).rounded()), "(\(y), \(x))")
      }
    }
    #expect(image.areaResized(width: 12, height: 8) == image)
    let odd = Self.random(37, 23, seed: 2)
    let small = odd.areaResized(width: 10, height: 7)
    let mean = { (i: GrayImage) in Double(i.pixels.reduce(0) { $0 + Int($1) }) / Double(i.pixels.count) }
    #expect(abs(mean(small) - mean(odd)) < 0.6)
  }

  @Test func areaWeightsSumToOne() {
    for (m, n) in [(7, 3), (28, 20), (200, 13), (5, 5)] {
      for taps in GrayImage.areaWeights(from: m, to: n) {
        #expect(abs(taps.reduce(0) { $0 + $1.1 } - 1) < 1e-12, "\(m) → \(n)")
      }
    }
  }

  @Test func cropPlaceShiftInvert() {
    let image = Self.random(5, 4, seed: 3)
    let crop = image.cropped(row: 1, column: 2, width: 3, height: 2)
    #expect(crop.pixels == [image[1, 2], image[1, 3], image[1, 4], image[2, 2], image[2, 3], image[2, 4]])
    let placed = crop.placed(onCanvas: 4, 3, row: 2, column: -1, fill: 9)
    #expect(placed.pixels == [9, 9, 9, 9, 9, 9, 9, 9, crop[0, 1], crop[0, 2], 9, 9])
    #expect(image.shifted(dx: 1, dy: 0, fill: 0)[0, 1] == image[0, 0])
    #expect(image.inverted().inverted() == image && image.inverted()[2, 3] == 255 - image[2, 3])
  }

  /// The layout of a drawn rectangle: background from the border, polarity, contrast, box
  /// and centre of mass, for both polarities.
  @Test func inkLayoutOfARectangle() {
    var light = GrayImage(width: 20, height: 10)
    for y in 2..<6 { for x in 3..<11 { light[y, x] = 200 } }
    let l = InkLayout(light)
    #expect(l.background == 0 && l.borderSpread == 0 && l.lightInk && l.contrast == 200)
    #expect(l.box == InkBox(x: 3, y: 2, width: 8, height: 4) && l.inkFraction == 32.0 / 200)
    #expect(l.centre!.x == 6.5 && l.centre!.y == 3.5)
    let dark = InkLayout(light.inverted())
    #expect(dark.background == 255 && !dark.lightInk && dark.contrast == 200 && dark.box == l.box)
    #expect(l.slant == 0 && dark.slant == 0)
    let blank = InkLayout(GrayImage(width: 8, height: 8, fill: 77))
    #expect(blank.contrast == 0 && blank.box == nil && blank.centre == nil && blank.slant == nil)
    var row = GrayImage(width: 10, height: 5)
    for x in 2..<8 { row[2, x] = 255 }
    #expect(InkLayout(row).slant == nil)
  }

  /// A stroke leaning as `\` (one column right per two rows) has slant +0.5, as `/` −0.5;
  /// shearing by the slant stands it upright, and a shear moves each row by k · (y − row).
  @Test func slantAndShear() throws {
    var back = GrayImage(width: 20, height: 20)
    for y in 0..<20 { back[y, 4 + y / 2] = 255 }
    let s = try #require(InkLayout(back).slant)
    #expect(abs(s - 0.5) < 0.02, "\(s)")
    let mirrored = GrayImage(width: 20, height: 20, pixels: (0..<400).map { i in back.pixels[(i / 20) * 20 + 19 - i % 20] })
    let m = try #require(InkLayout(mirrored).slant)
    #expect(abs(m + s) < 1e-9)
    let upright = back.sheared(by: s, aboutRow: 9.5, fill: 0)
    #expect(upright.height == 20 && upright.width == 20 + 2 * Int((s * 20).rounded(.up)))
    let straight = try #require(InkLayout(upright).slant)
    #expect(abs(straight) < 0.05, "\(straight)")
    var dot = GrayImage(width: 5, height: 3)
    dot[0, 2] = 200
    dot[2, 2] = 100
    let moved = dot.sheared(by: 1, aboutRow: 1, fill: 0)
    // pad 3: row 0 moves right by 1 (to column 2 + 3 + 1), row 2 left by 1 (to 2 + 3 − 1).
    #expect(moved.width == 11 && moved[0, 6] == 200 && moved[2, 4] == 100)
    #expect(moved.pixels.reduce(0) { $0 + Int($1) } == 300)
    let half = dot.sheared(by: 0.5, aboutRow: 1, fill: 0)
    // pad 2: row 0 moves right by half a pixel, to columns 2 + 2 + 0.5, shared by 4 and 5.
    #expect(half.width == 9 && half[0, 4] == 100 && half[0, 5] == 100)
  }
}
