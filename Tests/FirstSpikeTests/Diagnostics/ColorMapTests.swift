import Testing

@testable import FirstSpike

@Suite struct ColorMapTests {
  @Test func endsAreTheTablesEnds() {
    #expect(ColorMap.viridis(0) == Color(hex: 0x440154) && ColorMap.viridis(1) == Color(hex: 0xfde725))
    #expect(ColorMap.viridis(-3) == ColorMap.viridis(0) && ColorMap.viridis(7) == ColorMap.viridis(1))
    #expect(ColorMap.blues.reversed(0) == ColorMap.blues(1))
    #expect(ColorMap.viridis(0.5) == Color(hex: 0x21918c), "the 9th of 17 stops")
  }

  /// What "survives gray-scale printing" means: the gray level changes in one direction only,
  /// and by a visible amount from end to end.
  @Test(arguments: [ColorMap.viridis, ColorMap.blues, ColorMap.purples])
  func grayLevelIsMonotonic(map: ColorMap) {
    let lumas = (0...256).map { map(Double($0) / 256).luma }
    let rising = lumas.last! > lumas.first!
    for (a, b) in zip(lumas, lumas.dropFirst()) {
      #expect(rising ? b >= a - 1e-12 : b <= a + 1e-12, "\(map.name): \(a) → \(b)")
    }
    #expect(abs(lumas.last! - lumas.first!) > 0.6, "\(map.name) spans \(lumas.first!)…\(lumas.last!)")
  }

  @Test func cssAndBytes() {
    #expect(Color(hex: 0x1f3b57).css == "#1f3b57")
    #expect(Color(gray: 0.5).bytes == (128, 128, 128))
  }
}
