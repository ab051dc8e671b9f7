internal import CFirstSpikeKernels
import Testing
@testable import FirstSpike

/// `SpikeEvents.fill` (the C kernels `fs_list_spikes` and `fs_sort_spikes`) against its Swift
/// twin `fillReference`, and both against the definition.
@Suite struct SpikeEventsTests {
  static func randomWave(_ shape: Shape3, timeSteps: Int, density: Double, seed: UInt64) -> SpikeWave {
    var g = SplitMix64(seed: seed)
    let times = (0..<shape.count).map { _ in
      g.nextUniform() < density ? UInt8(g.nextInt(below: timeSteps)) : SpikeWave.never
    }
    return SpikeWave(shape: shape, timeSteps: timeSteps, times: times)
  }

  static func fields(_ e: SpikeEvents) -> [[Int]] {
    [e.start, e.channel.map(Int.init), e.row.map(Int.init), e.column.map(Int.init), e.firedAtCell.map(Int.init),
     [e.boxRows.lowerBound, e.boxRows.upperBound, e.boxColumns.lowerBound, e.boxColumns.upperBound]]
  }

  @Test(arguments: [Shape3(1, 1, 1), Shape3(6, 30, 30), Shape3(30, 13, 13), Shape3(250, 8, 8), Shape3(3, 7, 5),
                    Shape3(2, 1, 17)])
  func kernelsEqualReference(shape: Shape3) {
    // One SpikeEvents reused across waves of this and another shape (stale buffers must not leak).
    var fast = SpikeEvents(), slow = SpikeEvents()
    for (i, density) in [0.0, 0.03, 0.3, 1.0].enumerated() {
      for s in [shape, Shape3(shape.channels, shape.width, shape.height)] {
        let wave = Self.randomWave(s, timeSteps: 1 + i * 5, density: density, seed: UInt64(i * 31 + s.count))
        fast.fill(from: wave)
        slow.fillReference(from: wave)
        #expect(Self.fields(fast) == Self.fields(slow), "\(s) density \(density)")
      }
    }
  }

  /// The lists hold each spike once, grouped by step, in ascending flat index within a step.
  @Test func listsFollowTheDefinition() {
    let wave = Self.randomWave(Shape3(5, 9, 11), timeSteps: 7, density: 0.4, seed: 5)
    let e = SpikeEvents(wave)
    var expected: [(Int, Int, Int, Int)] = []
    for t in 0..<7 {
      for i in wave.times.indices where Int(wave.times[i]) == t {
        expected.append((t, i / 99, i % 99 / 11, i % 11))
      }
    }
    #expect(e.count == expected.count)
    var got: [(Int, Int, Int, Int)] = []
    for t in 0..<7 {
      for k in e.start[t]..<e.start[t + 1] { got.append((t, Int(e.channel[k]), Int(e.row[k]), Int(e.column[k]))) }
    }
    #expect(got.map { [$0.0, $0.1, $0.2, $0.3] } == expected.map { [$0.0, $0.1, $0.2, $0.3] })
  }
}
