import Testing
@testable import FirstSpike

/// Pooling straight from the position-major convolution output equals building the
/// `(C, H, W)` wave first and pooling it.
@Suite struct ConvOutputPoolingTests {
  @Test(arguments: 0..<16) func pooledWaveEqualsWaveThenPool(seed: Int) {
    var g = SplitMix64(seed: UInt64(5000 + seed))
    let cin = 1 + g.nextInt(below: 4), cout = 1 + g.nextInt(below: 20), k = 1 + g.nextInt(below: 3)
    var wave = SpikeWave(shape: Shape3(cin, k + 3 + g.nextInt(below: 10), k + 3 + g.nextInt(below: 10)), timeSteps: 15)
    for i in wave.times.indices where g.nextUniform() < 0.4 { wave.times[i] = UInt8(g.nextInt(below: 15)) }
    var w = ConvWeights(inChannels: cin, outChannels: cout, kernel: k, mean: 0.5, std: 0.3, generator: &g)
    w.clampAll(0, 1)
    let out = wave.convolved(with: w, threshold: Float(g.nextUniform() * Double(cin * k * k) * 0.3))
    let s = 1 + g.nextInt(below: 3), σ = 1 + g.nextInt(below: 3), p = g.nextInt(below: s)
    guard (out.shape.height + 2 * p - s) / σ + 1 > 0, (out.shape.width + 2 * p - s) / σ + 1 > 0 else { return }
    #expect(out.pooledWave(size: s, stride: σ, padding: p) == out.wave().pooled(size: s, stride: σ, padding: p),
            "seed \(seed): pool \(s)/\(σ)/\(p) of \(out.shape)")
  }
}
