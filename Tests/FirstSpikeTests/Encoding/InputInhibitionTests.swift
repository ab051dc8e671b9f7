import Testing
@testable import FirstSpike

@Suite struct InputInhibitionTests {
  /// 3 features × 4 positions: a clear winner, a tie (lowest feature wins), all zero, a
  /// winner in the last feature.
  @Test func largestIntensityPerPositionSurvives() {
    let maps = FeatureMaps(shape: Shape3(3, 1, 4), values: [
      1, 5, 0, 2,
      3, 5, 0, 2,
      2, 1, 0, 9,
    ])
    let out = InputInhibition.applied(to: maps)
    #expect(out.values == [
      0, 5, 0, 0,
      3, 0, 0, 0,
      0, 0, 0, 9,
    ])
  }

  @Test func earliestSpikePerPositionSurvives() {
    let never = SpikeWave.never
    let wave = SpikeWave(shape: Shape3(3, 2, 2), timeSteps: 15, times: [
      4, 2, never, 7,
      3, 2, never, never,
      3, 9, never, 7,
    ])
    let out = InputInhibition.applied(to: wave)
    #expect(out.times == [
      never, 2, never, 7,
      3, never, never, never,
      never, never, never, never,
    ])
  }

  @Test func atMostOneFeaturePerPositionOnRandomMaps() {
    for seed in UInt64(0)..<5 {
      var g = SplitMix64(seed: seed)
      let maps = FeatureMaps(shape: Shape3(4, 6, 6), values: (0..<144).map { _ in Float(g.nextInt(below: 4)) })
      let out = InputInhibition.applied(to: maps)
      for p in 0..<36 {
        let column = (0..<4).map { maps.values[$0 * 36 + p] }
        let kept = (0..<4).filter { out.values[$0 * 36 + p] != 0 }
        #expect(kept.count <= 1, "seed \(seed)")
        if let f = kept.first { #expect(f == column.firstIndex(of: column.max()!) && out.values[f * 36 + p] == column[f]) }
        else { #expect(column.allSatisfy { $0 == 0 }, "seed \(seed)") }
      }
    }
  }
}
