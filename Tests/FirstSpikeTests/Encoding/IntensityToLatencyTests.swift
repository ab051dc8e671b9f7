import Testing
@testable import FirstSpike

@Suite struct IntensityToLatencyTests {
  static let never = SpikeWave.never

  /// The rule written out: stable descending order of all values, rank k < T·b fires at k / b
  /// (k for n < T), zeros never fire.
  static func reference(_ values: [Float], timeSteps t: Int) -> [UInt8] {
    let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
    let n = values.filter { $0 != 0 }.count
    let b = n / t
    var times = [UInt8](repeating: never, count: values.count)
    var k = 0
    for (rank, i) in order.enumerated() {
      defer { if values[i] != 0 { k += 1 } }
      if values[i] == 0 { continue }
      if b == 0 { times[i] = UInt8(k) } else if rank < t * b { times[i] = UInt8(rank / b) }
    }
    return times
  }

  static func wave(_ values: [Float], _ t: Int) -> [UInt8] {
    IntensityToLatency(timeSteps: t).encode(FeatureMaps(shape: Shape3(1, 1, values.count), values: values)).times
  }

  @Test func blankMapIsSilent() {
    let wave = IntensityToLatency(timeSteps: 15).encode(FeatureMaps(shape: Shape3(6, 28, 28)))
    #expect(wave.spikeCount == 0 && wave.shape == Shape3(6, 28, 28) && wave.timeSteps == 15)
  }

  /// Equal values keep ascending flat order; n = 6, T = 3 → bins of 2; T = 4 → bins of 1,
  /// ranks ≥ 4 never fire.
  @Test func stableTiesOnAHandMadeMap() {
    let values: [Float] = [1, 5, 5, 0, 5, 3, 3]
    #expect(Self.wave(values, 3) == [2, 0, 0, Self.never, 1, 1, 2])
    #expect(Self.wave(values, 4) == [Self.never, 0, 1, Self.never, 2, 3, Self.never])
  }

  /// FirstSpike rule for n < T: the k-th non-zero value in sorted order fires at k.
  @Test func fewerNonZeroValuesThanTimeSteps() {
    #expect(Self.wave([0, 2, 0, 9, 2, 0], 15) == [Self.never, 1, Self.never, 0, 2, Self.never])
    #expect(Self.wave([0.5], 15) == [0])
  }

  /// Negative values sort after the zeros (as in the reference), and a zero never fires.
  @Test func negativeValuesRankAfterZeros() {
    // n = 3, T = 1, b = 3: ranks 2 (idx 1), 0 (idx 2, silent), −1 (idx 0), −3 (idx 3, rank 3).
    #expect(Self.wave([-1, 2, 0, -3], 1) == [0, 0, Self.never, Self.never])
    #expect(Self.wave([-0.0, 0, 1], 1) == [Self.never, Self.never, 0])
  }

  /// Random maps with many ties: equal to the written-out rule; every time in 0..<T;
  /// T·(n/T) spikes; a larger value never fires later; equal values fire in index order.
  @Test func propertiesOnRandomMaps() {
    for seed in UInt64(0)..<20 {
      var g = SplitMix64(seed: seed)
      let count = 1 + g.nextInt(below: 600)
      let levels = 1 + g.nextInt(below: 50)
      let values = (0..<count).map { _ in g.nextUniform() < 0.4 ? 0 : Float(g.nextInt(below: levels)) * 0.37 }
      let t = 1 + g.nextInt(below: 20)
      let times = Self.wave(values, t)
      #expect(times == Self.reference(values, timeSteps: t), "seed \(seed)")
      let n = values.filter { $0 != 0 }.count
      let spikes = times.filter { $0 != Self.never }
      #expect(spikes.count == (n >= t ? t * (n / t) : n), "seed \(seed)")
      #expect(spikes.allSatisfy { Int($0) < t }, "seed \(seed)")
      for a in 0..<count where values[a] != 0 {
        for b in 0..<count where values[b] < values[a] || (values[b] == values[a] && b > a) {
          #expect(times[a] <= times[b], "seed \(seed): \(a) vs \(b)")
        }
      }
    }
  }

  /// The radix sort agrees with a comparison sort on keys of arbitrary floats.
  @Test func radixSortMatchesComparisonSort() {
    for seed in UInt64(0)..<10 {
      var g = SplitMix64(seed: seed)
      let special: [Float] = [.greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude,
                              -.leastNonzeroMagnitude, .infinity, -.infinity, 1, -1]
      let values = (0..<(g.nextInt(below: 3000))).map { _ -> Float in
        g.nextUniform() < 0.1 ? special[g.nextInt(below: special.count)]
          : Float(bitPattern: UInt32(truncatingIfNeeded: g.next()) & 0x7F7F_FFFF | (g.nextUniform() < 0.3 ? 0x8000_0000 : 0))
      }
      var keys = [UInt64]()
      let n = IntensityToLatency.sortedKeys(values, into: &keys)
      let got = keys[0..<n].map { Int($0 & 0xFFFF_FFFF) }
      let nonZero = values.indices.filter { values[$0] != 0 }
      let expected = nonZero.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
      #expect(got == expected, "seed \(seed)")
    }
  }
}
