import Testing
@testable import FirstSpike

/// The fast paths of `convolve` (complement sums, narrowing, skipped final potentials, cached
/// tap sums, reused scratch) against the dense reference `referenceConvolution`/`referenceFire`.
@Suite struct ConvFastPathTests {
  /// A wave of `shape` whose interior (inside `pad` cells of padding) fires with `density`.
  static func paddedWave(_ shape: Shape3, pad: Int, T: Int, density: Double, _ g: inout SplitMix64) -> SpikeWave {
    let inner = Shape3(shape.channels, shape.height - 2 * pad, shape.width - 2 * pad)
    var wave = SpikeWave(shape: inner, timeSteps: T)
    for i in wave.times.indices where g.nextUniform() < density { wave.times[i] = UInt8(g.nextInt(below: T)) }
    return wave.padded(pad)
  }

  static func randomCase(seed: Int, density: Double) -> (SpikeWave, ConvWeights) {
    var g = SplitMix64(seed: UInt64(seed))
    let cin = 1 + g.nextInt(below: 12), cout = 1 + g.nextInt(below: 20), k = 1 + g.nextInt(below: 5)
    let pad = g.nextInt(below: 3), T = 1 + g.nextInt(below: 15)
    let side = k + 2 * pad + g.nextInt(below: 6)
    let wave = paddedWave(Shape3(cin, side, side + g.nextInt(below: 3)), pad: pad, T: T, density: density, &g)
    var w = ConvWeights(inChannels: cin, outChannels: cout, kernel: k, mean: 0.5, std: 0.3, generator: &g)
    w.clampAll(0, 1)  // some weights exactly 0: exercises the complement's zero rule
    return (wave, w)
  }

  /// Final potentials within 1e-4 relative of the dense reference; spike times equal to the
  /// exact rule (without a threshold always; with one, except a neuron whose exact potential is
  /// within the float32 summation error of θ, at most one per case).
  static func expectMatchesReference(_ out: ConvOutput, _ wave: SpikeWave, _ w: ConvWeights, θ: Float?,
                                     finalPotential: Bool, seed: Int) {
    let (shape, dense) = referenceConvolution(wave, w)
    let n = shape.count, T = wave.timeSteps
    let got = out.wave()
    #expect(out.shape == shape)
    let (differing, allowed) = ExactFiring.check(got, wave, w, threshold: θ)
    #expect(differing == allowed, "seed \(seed): neurons \(differing) differ from the exact rule")
    #expect(allowed.count <= 1, "seed \(seed): \(allowed.count) near-threshold neurons")
    for f in 0..<shape.channels {
      for r in 0..<shape.height {
        for c in 0..<shape.width {
          let i = shape.index(f, r, c), s = out.slot(f, r, c), final = dense[(T - 1) * n + i]
          if finalPotential {
            #expect(abs(out.potential[s] - final) <= 1e-4 * max(1, final), "seed \(seed) neuron \(i)")
          }
          if got.times[i] != SpikeWave.never && !differing.contains(i) {
            let atSpike = dense[Int(got.times[i]) * n + i]
            #expect(abs(out.potentialAtSpike[s] - atSpike) <= 1e-4 * max(1, atSpike), "seed \(seed) neuron \(i)")
          }
        }
      }
    }
  }

  /// Without a threshold, a window summed directly (sparse input) holds exactly the float sum
  /// of its fired inputs' weights added one at a time, tap by tap (row-major) and channel by
  /// channel within a tap, from 0 — the order of the per-window list it was built from
  /// before the sums went tap-major, whatever the window's position.
  @Test(arguments: 0..<12) func directSumsAddInTapThenChannelOrder(seed: Int) {
    let (wave, w) = Self.randomCase(seed: 400 + seed, density: 0.08)
    let out = wave.convolved(with: w, threshold: nil)
    let k = w.kernel, ho = wave.shape.height - k + 1, wo = wave.shape.width - k + 1
    for oy in 0..<ho {
      for ox in 0..<wo {
        for f in 0..<w.outChannels {
          var sum: Float = 0
          for ky in 0..<k {
            for kx in 0..<k {
              for c in 0..<w.inChannels where wave.times[wave.shape.index(c, oy + ky, ox + kx)] != SpikeWave.never {
                sum += w[f, c, ky, kx]
              }
            }
          }
          #expect(out.potential[out.slot(f, oy, ox)].bitPattern == sum.bitPattern, "seed \(seed) (\(f), \(oy), \(ox))")
        }
      }
    }
  }

  /// Spikes only in the last row and column: at tap (0, 0) no window's cell lies in the spike
  /// box (it starts below the last window), which the tap-major direct sums must skip.
  @Test func spikeBoxBeyondTheWindowsOfATap() {
    var g = SplitMix64(seed: 12)
    var w = ConvWeights(inChannels: 2, outChannels: 3, kernel: 3, mean: 0.5, std: 0.3, generator: &g)
    w.clampAll(0, 1)
    var wave = SpikeWave(shape: Shape3(2, 10, 9), timeSteps: 4)
    wave.times[wave.shape.index(1, 9, 8)] = 2
    wave.times[wave.shape.index(0, 9, 3)] = 0
    let out = wave.convolved(with: w, threshold: nil)
    Self.expectMatchesReference(out, wave, w, θ: nil, finalPotential: true, seed: 0)
  }

  /// With θ ≥ 0, gathering and scattering give the same potentials, potentials at the spike,
  /// spike times and spike counts, bit for bit, with and without final potentials, on one
  /// reused scratch (stale values from the other path must not leak).
  @Test(arguments: 0..<12) func gatherEqualsScatter(seed: Int) {
    let (wave, w) = Self.randomCase(seed: 600 + seed, density: [0.05, 0.3, 0.9][seed % 3])
    let θ = Float(w.inChannels * w.kernel * w.kernel) * 0.5 * [0.05, 0.2, 0.6][seed / 3 % 3]
    var events = SpikeEvents()
    for finalPotential in [false, true] {
      var out = ConvOutput()
      convolve(wave, w, threshold: θ, into: &out, events: &events, finalPotential: finalPotential, firing: .scatter)
      let a = out
      // The same buffers again, now holding the scatter's values.
      convolve(wave, w, threshold: θ, into: &out, events: &events, finalPotential: finalPotential, firing: .gather)
      let b = out
      #expect(a.potential.map(\.bitPattern) == b.potential.map(\.bitPattern), "seed \(seed)")
      #expect(a.potentialAtSpike.map(\.bitPattern) == b.potentialAtSpike.map(\.bitPattern), "seed \(seed)")
      #expect(a.spikeTime == b.spikeTime, "seed \(seed)")
      #expect(a.countedSpikes == b.countedSpikes && a.synapticEvents == b.synapticEvents, "seed \(seed)")
      Self.expectMatchesReference(b, wave, w, θ: θ, finalPotential: finalPotential, seed: seed)
    }
  }

  /// No threshold, dense and sparse inputs inside padding: direct and complement sums.
  @Test(arguments: 0..<16) func noThresholdMatchesReference(seed: Int) {
    let (wave, w) = Self.randomCase(seed: seed, density: seed % 4 == 0 ? 0.1 : 0.97)
    let out = wave.convolved(with: w, threshold: nil)
    #expect(out.hasFinalPotential)
    Self.expectMatchesReference(out, wave, w, θ: nil, finalPotential: true, seed: seed)
  }

  /// Thresholded, exact final potentials (dense inputs: narrowing + complement).
  @Test(arguments: 0..<16) func thresholdMatchesReference(seed: Int) {
    let (wave, w) = Self.randomCase(seed: 100 + seed, density: seed % 2 == 0 ? 0.95 : 0.3)
    let θ = Float(w.inChannels * w.kernel * w.kernel) * 0.1
    let out = wave.convolved(with: w, threshold: θ)
    Self.expectMatchesReference(out, wave, w, θ: θ, finalPotential: true, seed: seed)
  }

  /// The geometries the scatter kernels specialise (k 5 with 32 padded features, as conv1 of
  /// mozafari2019 / kheradpisheh2018; k 3 with 256, as mozafari2019's conv2), dense enough
  /// that whole blocks fire and positions die: with and without final potentials.
  static func specialisedCase(_ i: Int) -> (SpikeWave, ConvWeights, Float) {
    let (cin, cout, k, side) = [(6, 30, 5, 16), (30, 250, 3, 9), (2, 32, 5, 14)][i]
    var g = SplitMix64(seed: UInt64(40 + i))
    let wave = paddedWave(Shape3(cin, side, side + 1), pad: 1, T: 8, density: 0.7, &g)
    var w = ConvWeights(inChannels: cin, outChannels: cout, kernel: k, mean: 0.5, std: 0.3, generator: &g)
    w.clampAll(0, 1)
    return (wave, w, Float(cin * k * k) * 0.1)
  }

  /// Those cases by scatter (forced: conv2's width gathers by default) against the reference,
  /// and bit for bit against gathering.
  @Test(arguments: 0..<3) func specialisedGeometriesMatchReference(i: Int) {
    let (wave, w, θ) = Self.specialisedCase(i)
    var events = SpikeEvents()
    for final in [true, false] {
      var a = ConvOutput(), b = ConvOutput()
      convolve(wave, w, threshold: θ, into: &a, events: &events, finalPotential: final, firing: .scatter)
      convolve(wave, w, threshold: θ, into: &b, events: &events, finalPotential: final, firing: .gather)
      #expect(a.spikeCount > 0)
      Self.expectMatchesReference(a, wave, w, θ: θ, finalPotential: final, seed: 40 + i)
      if final { #expect(a.potential.map(\.bitPattern) == b.potential.map(\.bitPattern), "case \(i)") }
      #expect(a.potentialAtSpike.map(\.bitPattern) == b.potentialAtSpike.map(\.bitPattern), "case \(i)")
      #expect(a.spikeTime == b.spikeTime, "case \(i)")
    }
  }

  /// Thresholded without final potentials: spike times and potentials at the spike exact.
  @Test(arguments: 0..<16) func skippedFinalPotentialsKeepSpikes(seed: Int) {
    let (wave, w) = Self.randomCase(seed: 200 + seed, density: 0.8)
    let θ = Float(w.inChannels * w.kernel * w.kernel) * 0.1
    let out = wave.convolved(with: w, threshold: θ, finalPotential: false)
    #expect(!out.hasFinalPotential)
    Self.expectMatchesReference(out, wave, w, θ: θ, finalPotential: false, seed: seed)
  }

  /// STDP keeps the stored tap sums equal to fresh ones; stale sums (direct mutation) are
  /// recomputed by `convolve`, with the same result.
  @Test func tapSumsFollowWeights() {
    var g = SplitMix64(seed: 5)
    var w = ConvWeights(inChannels: 7, outChannels: 13, kernel: 3, mean: 0.5, std: 0.2, generator: &g)
    var stdp = STDP(lowerBound: 0, upperBound: 1)
    let wave = Self.paddedWave(Shape3(7, 10, 10), pad: 1, T: 15, density: 0.9, &g)
    for step in 0..<4 {
      let out = wave.convolved(with: w, threshold: 2)
      let winners = out.kWinners(3, radius: 1)
      stdp.apply(to: &w, input: wave, winners: winners,
                 outputTimes: winners.map { out.spikeTime[out.slot($0.feature, $0.row, $0.column)] },
                 rates: Array(repeating: RatePair(0.05, -0.04), count: 13))
      #expect(w.tapSumsValid, "step \(step)")
      var fresh = [Float](repeating: 0, count: 9 * w.paddedOut)
      fresh.withUnsafeMutableBufferPointer { w.computeTapSums(into: $0.baseAddress!) }
      for i in fresh.indices { #expect(abs(fresh[i] - w.tapSums[i]) <= 1e-5 * max(1, fresh[i]), "step \(step) sum \(i)") }
    }
    let valid = wave.convolved(with: w, threshold: nil)
    w[0, 0, 0, 0] = w[0, 0, 0, 0]
    #expect(!w.tapSumsValid)
    let stale = wave.convolved(with: w, threshold: nil)
    #expect(stale.potential == valid.potential)
  }

  /// One `SpikeEvents`/`ConvOutput` pair reused across layers of different shapes gives the
  /// same outputs as fresh buffers.
  @Test func reusedScratchEqualsFresh() {
    var out = ConvOutput(), events = SpikeEvents()
    for seed in 0..<10 {
      let (wave, w) = Self.randomCase(seed: 300 + seed, density: seed % 2 == 0 ? 0.9 : 0.2)
      let θ: Float? = seed % 3 == 0 ? nil : 1.5
      convolve(wave, w, threshold: θ, into: &out, events: &events)
      let fresh = wave.convolved(with: w, threshold: θ)
      #expect(out.spikeTime == fresh.spikeTime, "seed \(seed)")
      #expect(out.potential == fresh.potential, "seed \(seed)")
      #expect(out.potentialAtSpike == fresh.potentialAtSpike, "seed \(seed)")
      #expect(events.count == wave.spikeCount, "seed \(seed)")
    }
  }
}
