import Testing
@testable import FirstSpike

/// Invariants of the layer operations over many seeded random inputs.
@Suite struct LayerPropertyTests {
  static func randomWave(_ shape: Shape3, T: Int, density: Double, _ g: inout SplitMix64) -> SpikeWave {
    var wave = SpikeWave(shape: shape, timeSteps: T)
    for i in wave.times.indices where g.nextUniform() < density { wave.times[i] = UInt8(g.nextInt(below: T)) }
    return wave
  }

  static func randomWeights(_ cin: Int, _ cout: Int, _ k: Int, _ g: inout SplitMix64) -> ConvWeights {
    // Weights are non-negative in every model (STDP bounds ≥ 0), so potentials never decrease.
    var w = ConvWeights(inChannels: cin, outChannels: cout, kernel: k, mean: 0.5, std: 0.3, generator: &g)
    w.clampAll(0, 1)
    return w
  }

  /// The event-driven kernel equals the dense reference: final potentials, first-spike times
  /// (away from ties with θ), potentials at the spike time; potentials never decrease.
  @Test(arguments: 0..<12) func eventDrivenEqualsDense(seed: Int) {
    var g = SplitMix64(seed: UInt64(seed))
    let cin = 1 + g.nextInt(below: 5), cout = 1 + g.nextInt(below: 13), k = 1 + g.nextInt(below: 4)
    let T = 1 + g.nextInt(below: 15)
    let shape = Shape3(cin, k + g.nextInt(below: 8), k + g.nextInt(below: 8))
    let wave = Self.randomWave(shape, T: T, density: g.nextUniform(), &g)
    let w = Self.randomWeights(cin, cout, k, &g)
    let θ: Float? = seed % 3 == 0 ? nil : Float(g.nextUniform() * Double(cin * k * k) * 0.4)
    let out = wave.convolved(with: w, threshold: θ)
    let (oshape, dense) = referenceConvolution(wave, w)
    #expect(out.shape == oshape)
    let n = oshape.count
    for f in 0..<cout {
      for r in 0..<oshape.height {
        for c in 0..<oshape.width {
          let i = oshape.index(f, r, c), s = out.slot(f, r, c)
          let final = dense[(T - 1) * n + i]
          #expect(abs(out.potential[s] - final) <= 1e-4 * max(1, final), "seed \(seed) neuron \(i)")
          for t in 1..<T { #expect(dense[t * n + i] >= dense[(t - 1) * n + i], "seed \(seed): potential decreased") }
        }
      }
    }
    // Spike times against exact arithmetic: none may differ without a threshold; with one,
    // only a neuron whose exact potential is within the float32 summation error of θ.
    let got = out.wave()
    let (differing, allowed) = ExactFiring.check(got, wave, w, threshold: θ)
    #expect(differing == allowed, "seed \(seed): neurons \(differing) differ from the exact rule")
    #expect(allowed.count <= 1, "seed \(seed): \(allowed.count) near-threshold neurons")
    for t in got.times { #expect(t == SpikeWave.never || Int(t) < T) }
    // Potential at the spike time never exceeds the final potential.
    for s in out.potential.indices where out.spikeTime[s] != SpikeWave.never {
      #expect(out.potentialAtSpike[s] <= out.potential[s])
      if let θ { #expect(out.potentialAtSpike[s] > θ) }
    }
  }

  /// k-WTA never picks two winners of one feature, nor two inside one inhibition window, picks
  /// only fired neurons, and the first winner is the earliest and strongest.
  @Test(arguments: 0..<20) func kWinnersInvariants(seed: Int) {
    var g = SplitMix64(seed: UInt64(1000 + seed))
    let wave = Self.randomWave(Shape3(3, 12, 12), T: 15, density: 0.2, &g)
    let w = Self.randomWeights(3, 10, 3, &g)
    var out = wave.convolved(with: w, threshold: 3)
    if seed % 2 == 0 { out.inhibitPointwise() }
    let k = 1 + g.nextInt(below: 8), ρ = g.nextInt(below: 4)
    let winners = out.kWinners(k, radius: ρ)
    #expect(winners.count <= k)
    #expect(Set(winners.map(\.feature)).count == winners.count, "seed \(seed): repeated feature")
    for i in winners.indices {
      #expect(out.spikeTime[out.slot(winners[i].feature, winners[i].row, winners[i].column)] != SpikeWave.never)
      for j in 0..<i where ρ > 0 {
        let inside = abs(winners[i].row - winners[j].row) <= ρ && abs(winners[i].column - winners[j].column) <= ρ
        #expect(!inside, "seed \(seed): winners \(winners[j]) and \(winners[i]) within radius \(ρ)")
      }
    }
    if let first = winners.first {
      let t0 = out.spikeTime[out.slot(first.feature, first.row, first.column)]
      #expect(out.spikeTime.allSatisfy { $0 >= t0 })
    } else {
      #expect(out.spikeCount == 0)
    }
  }

  /// After pointwise inhibition at most one feature fires per position.
  @Test(arguments: 0..<10) func pointwiseLeavesOneFeature(seed: Int) {
    var g = SplitMix64(seed: UInt64(2000 + seed))
    let wave = Self.randomWave(Shape3(2, 9, 9), T: 15, density: 0.4, &g)
    var out = wave.convolved(with: Self.randomWeights(2, 9, 3, &g), threshold: 2)
    let before = out.wave()
    out.inhibitPointwise()
    let after = out.wave()
    for pos in 0..<out.shape.plane {
      let fired = (0..<9).filter { after.times[$0 * out.shape.plane + pos] != SpikeWave.never }
      let firedBefore = (0..<9).filter { before.times[$0 * out.shape.plane + pos] != SpikeWave.never }
      #expect(fired.count == (firedBefore.isEmpty ? 0 : 1))
      if let f = fired.first {
        #expect(firedBefore.allSatisfy { before.times[$0 * out.shape.plane + pos] >= after.times[f * out.shape.plane + pos] })
      }
    }
  }

  /// Weights stay in bounds after any sequence of STDP and anti-STDP updates, including
  /// initial weights outside the bounds (clamped at the first update).
  @Test(arguments: 0..<8) func weightsStayInBounds(seed: Int) {
    var g = SplitMix64(seed: UInt64(3000 + seed))
    var w = ConvWeights(inChannels: 2, outChannels: 6, kernel: 3, mean: 0.8, std: 0.3, generator: &g)
    var stdp = STDP(lowerBound: 0.2, upperBound: 0.8, stabilizer: seed % 2 == 0)
    for step in 0..<60 {
      let wave = Self.randomWave(Shape3(2, 8, 8), T: 15, density: 0.5, &g)
      let out = wave.convolved(with: w, threshold: 1)
      let winners = out.kWinners(3, radius: 1)
      let rates = (0..<6).map { _ in
        step % 2 == 0 ? RatePair(Float(g.nextUniform() * 0.2), -Float(g.nextUniform() * 0.2))
                      : RatePair(-Float(g.nextUniform() * 0.2), Float(g.nextUniform() * 0.2)) }
      stdp.apply(to: &w, input: wave, winners: winners,
                 outputTimes: winners.map { out.spikeTime[out.slot($0.feature, $0.row, $0.column)] }, rates: rates)
      if !winners.isEmpty { #expect(w.allWithin(0.2, 0.8), "seed \(seed) step \(step)") }
    }
  }

  /// Spike pooling picks the earliest spike of each window; padding never wins.
  @Test(arguments: 0..<10) func poolingTakesEarliest(seed: Int) {
    var g = SplitMix64(seed: UInt64(4000 + seed))
    let wave = Self.randomWave(Shape3(2, 7 + g.nextInt(below: 6), 7 + g.nextInt(below: 6)), T: 15, density: 0.3, &g)
    let s = 1 + g.nextInt(below: 3), σ = 1 + g.nextInt(below: 3), p = g.nextInt(below: s)
    let pooled = wave.pooled(size: s, stride: σ, padding: p)
    let padded = wave.padded(p)
    for c in 0..<2 {
      for oy in 0..<pooled.shape.height {
        for ox in 0..<pooled.shape.width {
          var best = SpikeWave.never
          for y in 0..<s { for x in 0..<s { best = min(best, padded.times[padded.shape.index(c, oy * σ + y, ox * σ + x)]) } }
          #expect(pooled.times[pooled.shape.index(c, oy, ox)] == best, "seed \(seed)")
        }
      }
    }
  }
}
