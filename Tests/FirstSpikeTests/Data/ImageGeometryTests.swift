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
    let blank = InkLayout(GrayImage(width: 8, height: 8, fill: 77))
    #expect(blank.contrast == 0 && blank.box == nil && blank.centre == nil)
  }
}
