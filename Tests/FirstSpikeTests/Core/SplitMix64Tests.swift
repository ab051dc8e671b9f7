import Testing
@testable import FirstSpike

@Suite struct SplitMix64Tests {
  /// Reference values of SplitMix64 from seed 0 (as in Vigna's splitmix64.c).
  @Test func knownSequence() {
    var g = SplitMix64(seed: 0)
    #expect(g.next() == 0xE220_A839_7B1D_CDAF)
    #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
  }

  @Test func permutationIsAPermutation() {
    for seed in UInt64(0)..<20 {
      var g = SplitMix64(seed: seed)
      let p = g.permutation(100)
      #expect(p.sorted() == Array(0..<100), "seed \(seed)")
    }
  }
}
