import Testing
@testable import FirstSpike

@Suite struct LateralIntensityInhibitionTests {
  /// `[[1,1,1],[1,2,1],[1,1,1]]`, factor 0.5 at distance 1: the centre has 8 smaller
  /// neighbours (2·(1+4) = 10); a corner has 5 zero pads outside (1·(1+2.5)); an edge 3.
  @Test func handComputedDistanceOne() {
    let maps = FeatureMaps(shape: Shape3(1, 3, 3), values: [1, 1, 1, 1, 2, 1, 1, 1, 1])
    let out = LateralIntensityInhibition(factors: [0.5]).apply(maps)
    #expect(out.values == [3.5, 2.5, 3.5, 2.5, 10, 2.5, 3.5, 2.5, 3.5])
  }

  /// Distance 2 uses the second factor; equal neighbours add nothing; zeros stay 0.
  @Test func handComputedDistanceTwo() {
    // 1×1×5 row: [4, 0, 4, 3, 0]
    let maps = FeatureMaps(shape: Shape3(1, 1, 5), values: [4, 0, 4, 3, 0])
    let out = LateralIntensityInhibition(factors: [0.25, 0.125]).apply(maps)
    // Cell 0 (v 4): distance-1 neighbours: 5 pads (rows ±1, col −1) + (0,1)=0 + (±1, 1) pads → 8·0.25;
    // distance 2: 16 cells, of which (0,2)=4 is equal, the other 15 are pads or 0 → 15·0.125.
    #expect(out.values[0] == 4 * (1 + 8 * 0.25 + 15 * 0.125))
    // Cell 2 (v 4): distance 1: 8 cells, all smaller (0, 3, pads) → 2; distance 2: 16 cells,
    // (0,0)=4 equal, the rest smaller → 15·0.125.
    #expect(out.values[2] == 4 * (1 + 8 * 0.25 + 15 * 0.125))
    // Cell 3 (v 3): distance 1: (0,2)=4 larger, 7 smaller; distance 2: (0,1)=0, (0,5) pad, and
    // 14 pads in rows ±2 / columns 1…5 → 16 smaller.
    #expect(out.values[3] == 3 * (1 + 7 * 0.25 + 16 * 0.125))
    #expect(out.values[1] == 0 && out.values[4] == 0)
  }

  @Test func noFactorsIsIdentityAndChannelsAreIndependent() {
    var g = SplitMix64(seed: 3)
    let maps = FeatureMaps(shape: Shape3(2, 4, 4), values: (0..<32).map { _ in Float(g.nextInt(below: 5)) })
    #expect(LateralIntensityInhibition(factors: []).apply(maps) == maps)
    let both = LateralIntensityInhibition.mozafari2018.apply(maps)
    let second = LateralIntensityInhibition.mozafari2018.apply(
      FeatureMaps(shape: Shape3(1, 4, 4), values: Array(maps.values[16...])))
    #expect(Array(both.values[16...]) == second.values, "seed 3")
  }
}
