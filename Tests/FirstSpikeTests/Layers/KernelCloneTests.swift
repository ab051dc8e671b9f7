internal import CFirstSpikeKernels
import Testing
@testable import FirstSpike

/// Every instruction-set clone of the C kernels, on any machine: each test selects its clone
/// (as `FIRSTSPIKE_KERNELS` does for the CLI) and checks it bit for bit against the baseline
/// clone, which every x86-64 CPU runs, and within rounding against the Swift reference. A clone
/// this CPU lacks is skipped with the reason shown in the test report. Serialized: the clone is
/// process-wide (other suites' convolutions meanwhile run on some clone, with identical results).
@Suite(.serialized) struct KernelCloneTests {
  /// The outputs of every kernel on seeded inputs, run on `clone`.
  static func outputs(_ clone: KernelClone) -> [[UInt32]] {
    let previous = KernelClone.active
    #expect(KernelClone.select(clone) && KernelClone.active == clone, "\(clone) not selected")
    defer { KernelClone.select(previous) }
    var results: [[UInt32]] = []
    for n in [8, 16, 24, 56, 64, 72, 200, 256] {
      var g = SplitMix64(seed: UInt64(n))
      let src = (0..<(40 * 264)).map { _ in Float(g.nextUniform()) }
      let off = (0..<37).map { _ in Int32(g.nextInt(below: 40) * 264 + g.nextInt(below: 8)) }
      var add = (0..<n).map { _ in Float(g.nextUniform() * 10) }, sub = add, accumulated = add
      var pot = add, pas = [Float](repeating: 0, count: n), st = [UInt8](repeating: SpikeWave.never, count: n)
      for j in 0..<n where g.nextUniform() < 0.3 { st[j] = 2; pas[j] = 9 }
      var firePas = pas, fireSt = st
      let fired = src.withUnsafeBufferPointer { s in
        off.withUnsafeBufferPointer { o -> Int64 in
          fs_gather_add(&add, s.baseAddress!, o.baseAddress!, 37, Int64(n))
          fs_gather_sub(&sub, s.baseAddress!, o.baseAddress!, 37, Int64(n))
          fs_gather_accumulate(&accumulated, s.baseAddress!, o.baseAddress!, 37, Int64(n))
          fs_fire(add, &firePas, &fireSt, Int64(n), 25, 3)
          return fs_gather_accumulate_fire(&pot, &pas, &st, s.baseAddress!, o.baseAddress!, 37, Int64(n), 25, 5)
        }
      }
      results += [add.map(\.bitPattern), sub.map(\.bitPattern), accumulated.map(\.bitPattern), firePas.map(\.bitPattern), fireSt.map(UInt32.init),
                  pot.map(\.bitPattern), pas.map(\.bitPattern), st.map(UInt32.init), [UInt32(fired)]]
    }
    // Whole convolutions on the clone: scatter with firing, the complement without threshold,
    // the fused training pass (inhibition and k-WTA), and the encoder's filter bank.
    let (wave, w) = ConvFastPathTests.randomCase(seed: 7, density: 0.9)
    for θ: Float? in [nil, 1.5] {
      let out = wave.convolved(with: w, threshold: θ)
      results += [out.potential.map(\.bitPattern), out.potentialAtSpike.map(\.bitPattern), out.spikeTime.map(UInt32.init)]
    }
    var out = ConvOutput(), events = SpikeEvents()
    let winners = convolveInhibitedWinners(wave, w, threshold: 1.5, winners: 6, radius: 1, into: &out, events: &events)
    results.append(winners.flatMap { [UInt32($0.feature), UInt32($0.row), UInt32($0.column)] })
    // The geometries the scatter kernels specialise, with narrowing (no final potentials),
    // exact final potentials, and the fused training pass.
    for i in 0..<3 {
      let (wave, w, θ) = ConvFastPathTests.specialisedCase(i)
      for final in [false, true] {
        convolve(wave, w, threshold: θ, into: &out, events: &events, finalPotential: final, firing: .scatter)
        if final { results.append(out.potential.map(\.bitPattern)) }
        results += [out.potentialAtSpike.map(\.bitPattern), out.spikeTime.map(UInt32.init)]
      }
      let winners = convolveInhibitedWinners(wave, w, threshold: θ, winners: 8, radius: 1, into: &out, events: &events)
      results.append(winners.flatMap { [UInt32($0.feature), UInt32($0.row), UInt32($0.column)] })
    }
    var g = SplitMix64(seed: 3)
    let image = GrayImage(width: 31, height: 29, pixels: (0..<(31 * 29)).map { _ in UInt8(g.nextInt(below: 256)) })
    for encoder in [S1C1Encoder.mozafari2019, .shallowTutorial] {
      results.append(encoder.intensities(image).values.map(\.bitPattern))
    }
    return results
  }

  /// The clone's results equal the baseline clone's bit for bit, and the Swift reference's
  /// gather within rounding (the same terms, summed in another order).
  static func check(_ clone: KernelClone) {
    let got = outputs(clone), baseline = outputs(.baseline)
    #expect(got == baseline, "\(clone) differs from baseline")
    var g = SplitMix64(seed: 99)
    let src = (0..<(10 * 72)).map { _ in Float(g.nextUniform()) }, off: [Int32] = [0, 72, 144, 360, 648]
    var fast = [Float](repeating: 1, count: 64), slow = fast
    let previous = KernelClone.active
    KernelClone.select(clone)
    defer { KernelClone.select(previous) }
    fs_gather_add(&fast, src, off, 5, 64)
    slow.withUnsafeMutableBufferPointer { d in
      src.withUnsafeBufferPointer { s in off.withUnsafeBufferPointer { gatherAdd(d.baseAddress!, s.baseAddress!, $0.baseAddress!, 5, 64) } }
    }
    for j in 0..<64 { #expect(abs(fast[j] - slow[j]) <= 4 * Float.ulpOfOne * 6, "\(clone) lane \(j)") }
  }

  @Test func baselineClone() { Self.check(.baseline) }

  @Test(.enabled(if: KernelClone.avx2.isSupported, "this CPU does not run AVX2: the avx2 clone is not tested here"))
  func avx2Clone() { Self.check(.avx2) }

  @Test(.enabled(if: KernelClone.avx512.isSupported, "this CPU does not run AVX-512: the avx512 clone is not tested here"))
  func avx512Clone() { Self.check(.avx512) }

  /// Selecting a clone the CPU lacks changes nothing; names are the environment variable's.
  @Test func unsupportedCloneIsRefused() {
    #expect(KernelClone.allCases.map(\.description) == ["baseline", "avx2", "avx512"])
    #expect(KernelClone.baseline.isSupported)
    for clone in KernelClone.allCases where !clone.isSupported {
      let before = KernelClone.active
      #expect(!KernelClone.select(clone) && KernelClone.active == before)
    }
  }
}
