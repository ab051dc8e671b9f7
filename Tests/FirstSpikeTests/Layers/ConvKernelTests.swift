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

  /// `fs_gather_accumulate` adds the terms to `dst` one at a time in list order, as the Swift
  /// reference `gatherAdd` does: bit-identical, and a list split over two calls gives the
  /// same sum as one call.
  @Test(arguments: [8, 16, 24, 56, 64, 200, 256]) func accumulateEqualsReferenceBitForBit(n: Int) {
    var g = SplitMix64(seed: UInt64(500 + n))
    let src = (0..<(40 * 264)).map { _ in Float(g.nextUniform()) }
    let off = (0..<23).map { _ in Int32(g.nextInt(below: 40) * 264 + g.nextInt(below: 8)) }
    let start = (0..<n).map { _ in Float(g.nextUniform() * 10) }
    var whole = start, split = start, slow = start
    fs_gather_accumulate(&whole, src, off, Int64(off.count), Int64(n))
    fs_gather_accumulate(&split, src, off, 9, Int64(n))
    off.withUnsafeBufferPointer { o in fs_gather_accumulate(&split, src, o.baseAddress! + 9, Int64(o.count - 9), Int64(n)) }
    slow.withUnsafeMutableBufferPointer { d in
      src.withUnsafeBufferPointer { s in off.withUnsafeBufferPointer { gatherAdd(d.baseAddress!, s.baseAddress!, $0.baseAddress!, off.count, n) } }
    }
    #expect(whole.map(\.bitPattern) == slow.map(\.bitPattern))
    #expect(split.map(\.bitPattern) == slow.map(\.bitPattern))
    // On a zeroed destination it is gather_add's sum.
    var zeroAcc = [Float](repeating: 0, count: n), zeroAdd = zeroAcc
    fs_gather_accumulate(&zeroAcc, src, off, Int64(off.count), Int64(n))
    fs_gather_add(&zeroAdd, src, off, Int64(off.count), Int64(n))
    #expect(zeroAcc.map(\.bitPattern) == zeroAdd.map(\.bitPattern))
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

  /// `fs_gather_accumulate_fire` = `gatherAdd` (the same additions in the same order: bit for
  /// bit) then firing of the unfired neurons above θ.
  @Test(arguments: [8, 24, 32, 64, 200, 256]) func fusedGatherFireMatchesReference(n: Int) {
    var g = SplitMix64(seed: UInt64(100 + n))
    let src = (0..<(20 * 264)).map { _ in Float(g.nextUniform()) }
    let off = (0..<9).map { _ in Int32(g.nextInt(below: 20) * 264) }
    var pot = (0..<n).map { _ in Float(g.nextUniform() * 6) }
    var pas = [Float](repeating: 0, count: n), st = [UInt8](repeating: SpikeWave.never, count: n)
    for j in 0..<n where g.nextUniform() < 0.3 { st[j] = 2; pas[j] = 9 }
    var slot = pot, slotPas = pas, slotSt = st
    slot.withUnsafeMutableBufferPointer { d in
      src.withUnsafeBufferPointer { s in off.withUnsafeBufferPointer { o in gatherAdd(d.baseAddress!, s.baseAddress!, o.baseAddress!, 9, n) } }
    }
    var expectedFired = 0
    for j in 0..<n where slotPas[j] == 0 && slot[j] > 8 { slotSt[j] = 5; slotPas[j] = slot[j]; expectedFired += 1 }
    let fired = src.withUnsafeBufferPointer { s in
      off.withUnsafeBufferPointer { o in
        fs_gather_accumulate_fire(&pot, &pas, &st, s.baseAddress!, o.baseAddress!, 9, Int64(n), 8, 5)
      }
    }
    #expect(Int(fired) == expectedFired)
    #expect(st == slotSt)
    #expect(pot.map(\.bitPattern) == slot.map(\.bitPattern), "n \(n)")
    #expect(pas.map(\.bitPattern) == slotPas.map(\.bitPattern), "n \(n)")
  }
}
