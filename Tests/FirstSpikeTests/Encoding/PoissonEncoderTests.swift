import Foundation
import Testing
@testable import FirstSpike

/// Rate encoders (statistical) and spike-train decoders (exact).
@Suite struct PoissonEncoderTests {
  /// Mean counts of 200 copies of each intensity over 1 s lie within 4 standard errors of
  /// `rate · 1 s` (rate = pixel/255 · 128 Hz); a zero pixel never fires.
  @Test(arguments: [(UInt64(1), 1.0), (2, 0.5), (3, 1.0)])
  func poissonRates(seed: UInt64, dt: Double) {
    let levels: [UInt8] = [0, 32, 128, 255], copies = 200
    let pixels = (0..<copies).flatMap { _ in levels }
    let encoder = PoissonEncoder(intensity: 128, time: 1000, dt: dt)
    var g = SplitMix64(seed: seed)
    let counts = encoder.encode(pixels, generator: &g).spikeCounts()
    #expect(encoder.steps == Int(1000 / dt))
    for (k, level) in levels.enumerated() {
      let c = stride(from: k, to: pixels.count, by: levels.count).map { Double(counts[$0]) }
      let mean = c.reduce(0, +) / Double(copies)
      let rate = Double(level) / 255 * 128, p = rate * dt / 1000, n = Double(encoder.steps)
      let standardError = (n * p * (1 - p) / Double(copies)).squareRoot()
      #expect(abs(mean - rate) <= 4 * standardError + 1e-12, "seed \(seed), dt \(dt), level \(level): \(mean) vs \(rate)")
    }
  }

  @Test func seededAndReproducible() {
    let pixels = (0..<784).map { UInt8(($0 * 37) % 256) }
    let encoder = PoissonEncoder(intensity: 128, time: 350, dt: 1)
    var a = SplitMix64(seed: 9), b = SplitMix64(seed: 9), c = SplitMix64(seed: 10)
    let ta = encoder.encode(pixels, generator: &a)
    #expect(ta == encoder.encode(pixels, generator: &b))
    #expect(a == b)
    #expect(ta != encoder.encode(pixels, generator: &c))
    #expect(ta.steps == 350 && ta.neurons == 784)
  }

  /// Bernoulli: count of pixel `i` over `steps` has mean `steps · pixel/255 · maxProbability`.
  @Test(arguments: [UInt64(4), 5])
  func bernoulliRates(seed: UInt64) {
    let encoder = BernoulliEncoder(maxProbability: 0.5, steps: 400)
    let pixels = [UInt8](repeating: 255, count: 300) + [UInt8](repeating: 51, count: 300) + [0]
    var g = SplitMix64(seed: seed)
    let counts = encoder.encode(pixels, generator: &g).spikeCounts()
    for (range, p) in [(0..<300, 0.5), (300..<600, 0.1)] {
      let mean = range.map { Double(counts[$0]) }.reduce(0, +) / 300
      let se = (400 * p * (1 - p) / 300).squareRoot()
      #expect(abs(mean - 400 * p) <= 4 * se, "seed \(seed), p \(p): mean \(mean)")
    }
    #expect(counts[600] == 0)
  }

  /// Count, rate and first-spike decoders on a hand-made raster.
  @Test func decoders() {
    // 4 steps × 3 neurons; neuron 2 never fires.
    let dense: [UInt8] = [0, 1, 0,
                          1, 1, 0,
                          0, 0, 0,
                          1, 0, 0]
    let train = SpikeTrain(dense: dense, neurons: 3, steps: 4)
    #expect(train.dense() == dense)
    #expect(train.spikeCount == 4)
    #expect(Array(train.spikes(at: 1)) == [0, 1])
    #expect(train.spikeCounts() == [2, 2, 0])
    #expect(train.rates(dt: 0.5) == [1000, 1000, 0])
    #expect(train.firstSpikeSteps() == [1, 0, nil])
    let wave = train.firstSpikeWave(shape: Shape3(3, 1, 1))
    #expect(wave.times == [1, 0, SpikeWave.never] && wave.timeSteps == 4)
  }
}
