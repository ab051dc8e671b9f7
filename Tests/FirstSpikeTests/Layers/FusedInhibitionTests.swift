import FirstSpikeTestSupport
import Synchronization
import Foundation
import Testing
@testable import FirstSpike

/// The training forward pass that decides pointwise inhibition and k-WTA while it builds the
/// potentials (and stops once the winners are certain) against the plain pipeline:
/// convolve → inhibitPointwise → kWinners.
@Suite struct FusedInhibitionTests {
  static func plain(_ wave: SpikeWave, _ w: ConvWeights, θ: Float, k: Int, ρ: Int, exact: Bool = false) -> [Winner] {
    var out = wave.convolved(with: w, threshold: θ, finalPotential: false)
    let e = exact ? ExactPotentials(input: wave, weights: w) : nil
    out.inhibitPointwise(exact: e)
    return out.kWinners(k, radius: ρ, exact: e)
  }

  static func fused(_ wave: SpikeWave, _ w: ConvWeights, θ: Float, k: Int, ρ: Int, exact: Bool = false)
    -> (ConvOutput, [Winner])
  {
    var out = ConvOutput(), events = SpikeEvents()
    let winners = convolveInhibitedWinners(wave, w, threshold: θ, winners: k, radius: ρ, into: &out, events: &events,
                                           exact: exact ? ExactPotentials(input: wave, weights: w) : nil)
    return (out, winners)
  }

  /// Random shapes, densities, thresholds, k and radii; weights with many exact ties.
  @Test(arguments: 0..<40) func randomCasesPickTheSameWinners(seed: Int) {
    var (wave, w) = ConvFastPathTests.randomCase(seed: seed, density: [0.05, 0.3, 0.9][seed % 3])
    if seed % 4 == 1 {  // quantised weights: exact potential ties between features and positions
      var g = SplitMix64(seed: UInt64(seed) &+ 99)
      var c = w.canonical()
      for i in c.indices { c[i] = Float(g.nextInt(below: 4)) / 4 }
      w.setCanonical(c)
    }
    var g = SplitMix64(seed: UInt64(seed) &* 7 &+ 1)
    let θ = Float(g.nextUniform() * 3), k = 1 + g.nextInt(below: 10), ρ = g.nextInt(below: 3)
    let expected = Self.plain(wave, w, θ: θ, k: k, ρ: ρ)
    let (out, got) = Self.fused(wave, w, θ: θ, k: k, ρ: ρ)
    #expect(got == expected, "seed \(seed) θ \(θ) k \(k) ρ \(ρ)")
    // With near ties decided by exact sums (what training uses), both paths agree too.
    #expect(Self.fused(wave, w, θ: θ, k: k, ρ: ρ, exact: true).1 == Self.plain(wave, w, θ: θ, k: k, ρ: ρ, exact: true),
            "seed \(seed): exact")
    // The winners' spike times and potentials at the spike are those of the plain pass.
    let full = wave.convolved(with: w, threshold: θ, finalPotential: false)
    // The spikes the kernel counted as it fired them are the fired neurons.
    #expect(full.spikeCount == full.wave().spikeCount, "seed \(seed)")
    for win in got {
      let s = out.slot(win.feature, win.row, win.column)
      #expect(out.spikeTime[s] == full.spikeTime[s] && out.potentialAtSpike[s] == full.potentialAtSpike[s], "seed \(seed)")
    }
  }

  /// MNIST training images through the mozafari2019 encoder: conv1 stage-1 settings (θ 15,
  /// k 5, ρ 3) with initial weights, and conv2's (θ 10, k 8, ρ 1) on pooled conv1 output.
  @Test func mnistStagesPickTheSameWinners() throws {
    let mnist = try MNIST.load(directory: RepositoryPaths.mnist, split: .train)
    var g = SplitMix64(seed: 0)
    let network = Network(spec: .mozafari2019, generator: &g)
    for i in 0..<24 {
      let image = mnist.image(i)
      let l1 = network.pooledInput(network.encode(image), layer: 0).padded(2)
      #expect(Self.fused(l1, network.weights[0], θ: 15, k: 5, ρ: 3).1 == Self.plain(l1, network.weights[0], θ: 15, k: 5, ρ: 3), "image \(i)")
      let l2 = network.input(of: 1, image: image).padded(1)
      #expect(Self.fused(l2, network.weights[1], θ: 10, k: 8, ρ: 1).1 == Self.plain(l2, network.weights[1], θ: 10, k: 8, ρ: 1), "image \(i)")
    }
  }

  /// Two positions reading identical input patches get bit-identical potentials at every
  /// step, whatever their place: a feature's exact ties stay ties (lowest flat index wins).
  /// Thresholded layers both by scatter and by gather (``ThresholdFiring``); every kernel
  /// clone gives the baseline clone's bits (KernelCloneTests).
  @Test(arguments: 0..<12) func shiftedIdenticalPatchesTieExactly(seed: Int) {
    var g = SplitMix64(seed: UInt64(seed) &+ 1000)
    let cin = 1 + g.nextInt(below: 6), k = 2 + g.nextInt(below: 4), cout = 1 + g.nextInt(below: 40), T = 15
    var patch = [UInt8](repeating: SpikeWave.never, count: cin * k * k)
    for i in patch.indices where g.nextUniform() < 0.7 { patch[i] = UInt8(g.nextInt(below: T)) }
    let side = 3 * k + 4
    var wave = SpikeWave(shape: Shape3(cin, side, side), timeSteps: T)
    let corners = [(0, 0), (1, 2 * k + 3), (2 * k + 3, 1), (k + 1, k + 2)]
    for (r0, c0) in corners {
      for c in 0..<cin { for y in 0..<k { for x in 0..<k { wave.times[wave.shape.index(c, r0 + y, c0 + x)] = patch[(c * k + y) * k + x] } } }
    }
    var w = ConvWeights(inChannels: cin, outChannels: cout, kernel: k, mean: 0.5, std: 0.3, generator: &g)
    w.clampAll(0, 1)
    for (θ, firing): (Float?, ThresholdFiring?) in [(0.7, .scatter), (0.7, .gather), (2.5, .scatter), (2.5, .gather), (nil, nil)] {
      for finalPotential in [true, false] {
        var out = ConvOutput(), events = SpikeEvents()
        convolve(wave, w, threshold: θ, into: &out, events: &events, finalPotential: finalPotential, firing: firing)
        for f in 0..<cout {
          let slots = corners.map { out.slot(f, $0.0, $0.1) }
          for s in slots.dropFirst() {
            #expect(out.spikeTime[s] == out.spikeTime[slots[0]], "seed \(seed) θ \(String(describing: θ)) \(String(describing: firing))")
            #expect(out.potentialAtSpike[s].bitPattern == out.potentialAtSpike[slots[0]].bitPattern, "seed \(seed)")
            if out.hasFinalPotential { #expect(out.potential[s].bitPattern == out.potential[slots[0]].bitPattern, "seed \(seed)") }
          }
        }
      }
    }
  }
}

/// A cache filled by a background thread while it is read equals one filled eagerly, in any
/// read order (the reader computes what the filler has not reached).
@Suite struct WaveCacheTests {
  @Test(arguments: [false, true]) func lazyFillingEqualsEager(shuffled: Bool) throws {
    let data = SyntheticDigits.make(count: 90, seed: 4)
    var g = SplitMix64(seed: 2)
    let network = Network(spec: TinyModels.mozafari, generator: &g)
    let images = data.images
    let eager = WaveCache(count: 90, shape: network.inputShape(layer: 2), timeSteps: 15) {
      network.input(of: 2, image: images[$0], scratch: &$1)
    }
    let lazy = WaveCache(filling: 90, shape: network.inputShape(layer: 2), timeSteps: 15) {
      network.input(of: 2, image: images[$0], scratch: &$1)
    }
    var order = Array(0..<90)
    if shuffled { order = g.permutation(90) }
    for i in order { #expect(lazy.wave(i) == eager.wave(i), "image \(i)") }
    #expect(eager.wave(5) == network.input(of: 2, image: images[5]))
  }

  /// A reader that waits for the filler's entry computes later ones meanwhile: with a slow
  /// `make`, the reader computes a good part of the entries, and the contents stay the same.
  @Test func waitingReaderComputesAhead() {
    let reader = pthread_self()
    let byReader = Mutex<[Int]>([])
    let cache = WaveCache(filling: 24, shape: Shape3(1, 1, 1), timeSteps: 4) { i, _ in
      usleep(3000)
      if pthread_equal(pthread_self(), reader) != 0 { byReader.withLock { $0.append(i) } }
      return SpikeWave(shape: Shape3(1, 1, 1), timeSteps: 4, times: [UInt8(i % 4)])
    }
    for i in 0..<24 { #expect(cache.wave(i).times == [UInt8(i % 4)], "entry \(i)") }
    let mine = byReader.withLock { $0 }
    #expect(mine.count >= 6, "the reader computed \(mine.count) of 24 entries: \(mine)")
  }
}
