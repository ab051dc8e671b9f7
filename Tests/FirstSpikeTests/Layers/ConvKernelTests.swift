internal import CFirstSpikeKernels
import Testing
@testable import FirstSpike

/// The C kernels (whichever clone this CPU dispatches to) against their Swift references.
@Suite struct ConvKernelTests {
  @Test(arguments: [8, 16, 24, 32, 56, 64, 200, 256]) func gatherMatchesReference(n: Int) {
    var g = SplitMix64(seed: UInt64(n))
    let src = (0..<(40 * 264)).map { _ in Float(g.nextUniform()) }
    let off = (0..<37).map { _ in Int32(g.nextInt(below: 40) * 264 + g.nextInt(below: 8)) }
    let start = (0..<n).map { _ in Float(g.nextUniform() * 10) }
    for subtract in [false, true] {
      var fast = start, slow = start
      src.withUnsafeBufferPointer { s in
        off.withUnsafeBufferPointer { o in
          fast.withUnsafeMutableBufferPointer { d in
            if subtract {
              fs_gather_sub(d.baseAddress!, s.baseAddress!, o.baseAddress!, Int64(o.count), Int64(n))
            } else {
              fs_gather_add(d.baseAddress!, s.baseAddress!, o.baseAddress!, Int64(o.count), Int64(n))
            }
          }
          slow.withUnsafeMutableBufferPointer { d in
            if subtract {
              gatherSubtract(d.baseAddress!, s.baseAddress!, o.baseAddress!, o.count, n)
            } else {
              gatherAdd(d.baseAddress!, s.baseAddress!, o.baseAddress!, o.count, n)
            }
          }
        }
      }
      // Same terms, possibly summed in another order: 37 terms of ≤ 1 → a few ulps of ~30.
      for j in 0..<n { #expect(abs(fast[j] - slow[j]) <= 1e-4, "n \(n) lane \(j) subtract \(subtract)") }
    }
  }

  /// `fs_fire`: exactly the neurons above θ that had not fired get the step and their potential.
  @Test func fireMarksNewSpikesOnly() {
    var pot: [Float] = [0, 3, 5, 2.5, 7, 1, 9, 2, 0, 0, 4, 0, 0, 0, 0, 0]
    var pas: [Float] = [0, 0, 6, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    var st = [UInt8](repeating: SpikeWave.never, count: 16)
    st[2] = 1
    st[6] = 0
    fs_fire(&pot, &pas, &st, 16, 2.5, 4)
    #expect(st == [255, 4, 1, 255, 4, 255, 0, 255, 255, 255, 4, 255, 255, 255, 255, 255])
    #expect(pas == [0, 3, 6, 0, 7, 0, 8, 0, 0, 0, 4, 0, 0, 0, 0, 0])
  }
}
