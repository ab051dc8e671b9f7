import Foundation
import Testing
@testable import FirstSpike

/// conv1 → fire(15) → pointwise inhibition → k-WTA(5, 3) → one STDP step of SpykeTorch's
/// MozafariDeep, from the golden S1C1 spike times and seed-0 weights (Fixtures/golden).
@Suite struct Conv1GoldenTests {
  static let images = [0, 1, 2]

  /// The golden file's S1C1 wave and seed-0 weights (Support/Golden.swift reads the file).
  struct Golden {
    let file: GoldenFile
    init(_ index: Int) throws { file = try GoldenFile.load(index: index) }
    func floats(_ key: String) -> [Float] { file.floatArray(key).data }
    func ints(_ key: String) -> [Int] { file.intArray(key).data }
    var winners: [Winner] { file.winners.map { Winner(feature: $0[0], row: $0[1], column: $0[2]) } }
    var wave: SpikeWave {
      SpikeWave(shape: Shape3(6, 28, 28), timeSteps: 15,
                times: ints("s1c1_spike_time").map { $0 < 0 ? SpikeWave.never : UInt8($0) })
    }
    var weights: ConvWeights {
      var w = ConvWeights(inChannels: 6, outChannels: 30, kernel: 5)
      w.setCanonical(floats("conv1_weight_init"))
      return w
    }
  }

  static func toInt(_ wave: SpikeWave) -> [Int] { wave.times.map { $0 == SpikeWave.never ? -1 : Int($0) } }

  @Test(arguments: images) func thresholdedFiring(index: Int) throws {
    let g = try Golden(index)
    let out = g.wave.padded(2).convolved(with: g.weights, threshold: 15)
    let times = Self.toInt(out.wave()), want = g.ints("conv1_spike_time_thresholded")
    let pot = out.thresholdedPotentials().values, wantPot = g.floats("conv1_potential_final_thresholded")
    // Spike times must agree except where a potential lies within 1e-3 of the threshold.
    var nearThreshold = 0
    for i in times.indices where times[i] != want[i] {
      let f = i / 784, pos = i % 784
      let p = out.potentialAtSpike[pos * out.paddedOut + f]
      #expect(abs(p - 15) < 1e-3, "image \(index) neuron \(i): \(times[i]) vs \(want[i])")
      nearThreshold += 1
    }
    #expect(nearThreshold <= 3, "image \(index): \(nearThreshold) near-threshold mismatches")
    for i in pot.indices where times[i] == want[i] {
      #expect(abs(pot[i] - wantPot[i]) <= 1e-4 * max(1, abs(wantPot[i])), "image \(index) potential \(i)")
    }
  }

  @Test(arguments: images) func inhibitionWinnersAndSTDP(index: Int) throws {
    let g = try Golden(index)
    let input = g.wave.padded(2)
    var weights = g.weights
    var out = input.convolved(with: weights, threshold: 15)
    out.inhibitPointwise()
    #expect(Self.toInt(out.wave()) == g.ints("conv1_spike_time_inhibited"), "image \(index)")
    let pot = out.thresholdedPotentials().values, wantPot = g.floats("conv1_potential_final_inhibited")
    for i in pot.indices {
      #expect(abs(pot[i] - wantPot[i]) <= 1e-4 * max(1, abs(wantPot[i])), "image \(index) potential \(i)")
    }
    let winners = out.kWinners(5, radius: 3)
    #expect(winners == g.winners, "image \(index)")

    var stdp = STDP(lowerBound: 0, upperBound: 1, stabilizer: true)
    let times = winners.map { out.spikeTime[out.slot($0.feature, $0.row, $0.column)] }
    stdp.apply(to: &weights, input: input, winners: winners, outputTimes: times,
               rates: Array(repeating: RatePair(0.004, -0.003), count: 30))
    let got = weights.canonical(), want = g.floats("conv1_weight_after_stdp")
    var maxDiff: Float = 0
    for i in got.indices { maxDiff = max(maxDiff, abs(got[i] - want[i])) }
    #expect(maxDiff <= 1e-6, "image \(index): max |ΔW| \(maxDiff)")
  }
}
