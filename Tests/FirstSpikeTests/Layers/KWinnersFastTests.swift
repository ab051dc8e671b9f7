import Testing
@testable import FirstSpike

/// The sorted-candidate k-WTA against the plain rescan-per-winner reference.
@Suite struct KWinnersFastTests {
  /// REFERENCE §3.4 as a literal loop: rescan every live neuron in `(feature, row, column)`
  /// order for each pick; first of equal keys wins.
  static func referenceKWinners(_ out: ConvOutput, _ k: Int, radius ρ: Int) -> [Winner] {
    let W = out.shape.width, H = out.shape.height
    var featureTaken = [Bool](repeating: false, count: out.shape.channels)
    var blocked = [Bool](repeating: false, count: out.shape.plane)
    var winners: [Winner] = []
    while winners.count < k {
      var best: (f: Int, pos: Int) = (-1, -1)
      var bestTime = SpikeWave.never, bestPot: Float = 0
      for f in 0..<out.shape.channels where !featureTaken[f] {
        for pos in 0..<out.shape.plane where !blocked[pos] {
          let t = out.spikeTime[pos * out.paddedOut + f], p = out.potentialAtSpike[pos * out.paddedOut + f]
          if t == SpikeWave.never || t > bestTime { continue }
          if t < bestTime || p > bestPot { best = (f, pos); bestTime = t; bestPot = p }
        }
      }
      if best.f < 0 { break }
      let r = best.pos / W, c = best.pos % W
      winners.append(Winner(feature: best.f, row: r, column: c))
      featureTaken[best.f] = true
      if ρ > 0 {
        for y in max(0, r - ρ)...min(H - 1, r + ρ) { for x in max(0, c - ρ)...min(W - 1, c + ρ) { blocked[y * W + x] = true } }
      }
    }
    return winners
  }

  /// Random outputs with many ties (times in 0..<4, potentials on a coarse grid).
  @Test(arguments: 0..<40) func sortedWalkEqualsRescan(seed: Int) {
    var g = SplitMix64(seed: UInt64(5000 + seed))
    var out = ConvOutput()
    let cout = 1 + g.nextInt(below: 20)
    out.reset(shape: Shape3(cout, 1 + g.nextInt(below: 9), 1 + g.nextInt(below: 9)), paddedOut: (cout + 7) / 8 * 8, timeSteps: 4)
    for pos in 0..<out.shape.plane {
      for f in 0..<cout where g.nextUniform() < 0.5 {
        out.spikeTime[pos * out.paddedOut + f] = UInt8(g.nextInt(below: 4))
        out.potentialAtSpike[pos * out.paddedOut + f] = Float(1 + g.nextInt(below: 3))
      }
    }
    for k in [1, 2, 5, 8, 50] {
      for ρ in [0, 1, 3] {
        #expect(out.kWinners(k, radius: ρ) == Self.referenceKWinners(out, k, radius: ρ), "seed \(seed) k \(k) ρ \(ρ)")
      }
    }
  }
}
