import Testing
@testable import FirstSpike

@Suite struct LocalNormalizationTests {
  /// Direct window sums, O(H·W·R²).
  static func reference(_ maps: FeatureMaps, radius: Int) -> FeatureMaps {
    var out = maps
    let (h, w) = (maps.shape.height, maps.shape.width)
    let area = Double((2 * radius + 1) * (2 * radius + 1))
    for c in 0..<maps.shape.channels {
      for r in 0..<h {
        for x in 0..<w {
          var sum = 0.0
          for y in max(0, r - radius)...min(h - 1, r + radius) {
            for z in max(0, x - radius)...min(w - 1, x + radius) { sum += Double(maps[c, y, z]) }
          }
          out[c, r, x] = Float(Double(maps[c, r, x]) / (sum / area + 1e-12))
        }
      }
    }
    return out
  }

  /// Summed-area table vs direct sums: both in `Double`; the rounding to `Float` may differ by
  /// an ulp, so relative tolerance 1e-6.
  @Test func matchesDirectWindowSums() {
    for seed in UInt64(0)..<6 {
      var g = SplitMix64(seed: seed)
      let shape = Shape3(1 + g.nextInt(below: 3), 1 + g.nextInt(below: 30), 1 + g.nextInt(below: 30))
      let values = (0..<shape.count).map { _ in g.nextUniform() < 0.5 ? 0 : Float(50 + g.nextUniform() * 2000) }
      let maps = FeatureMaps(shape: shape, values: values)
      let radius = g.nextInt(below: 9)
      let fast = LocalNormalization(radius: radius).apply(maps)
      let slow = Self.reference(maps, radius: radius)
      let err = zip(fast.values, slow.values).map { abs($0 - $1) / max(abs($1), 1e-30) }.max() ?? 0
      #expect(err <= 1e-6, "seed \(seed), \(shape), R \(radius): relative error \(err)")
    }
  }

  /// A lone value is divided by its own mean `v/(2R+1)²`, at the border too (zero padding,
  /// fixed divisor); two equal neighbours each give half of that; zeros stay 0.
  @Test func handComputedValues() {
    var maps = FeatureMaps(shape: Shape3(2, 5, 5))
    maps[0, 2, 2] = 7
    maps[1, 0, 0] = 100
    maps[1, 0, 1] = 100
    let out = LocalNormalization(radius: 1).apply(maps)
    #expect(abs(out[0, 2, 2] - 9) < 1e-6)
    #expect(abs(out[1, 0, 0] - 4.5) < 1e-6 && abs(out[1, 0, 1] - 4.5) < 1e-6)
    #expect(out.values.filter { $0 != 0 }.count == 3)
    let wide = LocalNormalization(radius: 8).apply(maps)
    #expect(abs(wide[0, 2, 2] - 289) < 1e-4)
  }
}
