import Foundation
import Testing
@testable import FirstSpike

/// LIF and adaptive-threshold neurons against hand-derived trajectories.
@Suite struct LIFNeuronsTests {
  /// Below threshold, the clock-driven membrane follows the closed form
  /// `v_n = rest + (v0 − rest)dⁿ + x(1 − dⁿ)/(1 − d)` (tolerance 1e-3 mV over 300 Float steps).
  @Test(arguments: [(0.5, 100.0), (1.0, 100.0), (1.0, 10.0)])
  func membraneMatchesClosedForm(dt: Double, tc: Float) {
    var p = LIFParameters.diehlCookExcitatory
    p.tcDecay = tc
    p.threshold = 1e6
    var cells = LIFNeurons(count: 1, parameters: p, dt: dt)
    var fired: [Int32] = []
    for n in 1...300 {
      cells.step(input: [0.07], adapt: false, fired: &fired)
      let expected = p.membrane(from: Double(p.rest), input: 0.07, steps: n, dt: dt)
      #expect(abs(Double(cells.voltage[0]) - expected) < 1e-3, "step \(n), dt \(dt), tc \(tc)")
    }
    #expect(fired.isEmpty)
    // The fixed point rest + x/(1 − d) ≈ rest + x·tc/dt.
    let limit = Double(p.rest) + 0.07 / (1 - exp(-dt / Double(tc)))
    #expect(abs(p.membrane(from: -65, input: 0.07, steps: 100_000, dt: dt) - limit) < 1e-9)
  }

  /// With constant input the first spike comes at the first step where the closed form
  /// reaches the threshold.
  @Test func firstSpikeAtClosedFormCrossing() {
    let p = LIFParameters.diehlCookExcitatory
    var cells = LIFNeurons(count: 1, parameters: p, dt: 1)
    var fired: [Int32] = [], first: Int?
    for n in 1...200 {
      cells.step(input: [0.2], adapt: false, fired: &fired)
      if !fired.isEmpty { first = n; break }
    }
    let expected = (1...200).first { p.membrane(from: -65, input: 0.2, steps: $0, dt: 1) >= Double(p.threshold) }
    #expect(first != nil && first == expected)
    #expect(cells.voltage[0] == p.reset)
  }

  /// A neuron driven far above threshold fires, then ignores input for ⌈refractory/dt⌉ steps
  /// while its membrane leaks from reset toward rest.
  @Test(arguments: [(LIFParameters.diehlCookExcitatory, 1.0), (.diehlCookExcitatory, 0.5), (.diehlCookInhibitory, 1.0)])
  func refractoryPeriod(p: LIFParameters, dt: Double) {
    var cells = LIFNeurons(count: 1, parameters: p, dt: dt)
    var spikes: [Int] = [], fired: [Int32] = []
    let blocked = Int((Double(p.refractory) / dt).rounded(.up))
    for t in 0..<40 {
      fired.removeAll()
      cells.step(input: [100], adapt: false, fired: &fired)
      if !fired.isEmpty { spikes.append(t) }
      if t == 1 {
        let leaked = p.rest + p.decay(dt: dt) * (p.reset - p.rest)
        #expect(abs(cells.voltage[0] - leaked) < 1e-5, "membrane leaks during refractoriness")
      }
    }
    #expect(spikes == Array(stride(from: 0, to: 40, by: blocked + 1)), "refractory \(p.refractory) ms, dt \(dt)")
  }

  /// θ grows by θ⁺ per spike and decays by exp(−dt/τθ) per step while adapting; fixed otherwise.
  @Test func adaptiveThreshold() {
    let a = AdaptiveThreshold(thetaPlus: 0.5, tcDecay: 50)
    var cells = LIFNeurons(count: 2, parameters: .diehlCookExcitatory, dt: 1, adaptation: a)
    var fired: [Int32] = []
    cells.step(input: [100, 0], adapt: true, fired: &fired)
    #expect(fired == [0])
    #expect(cells.theta == [0.5, 0])
    for _ in 0..<10 { cells.step(input: [0, 0], adapt: true, fired: &fired) }
    #expect(abs(Double(cells.theta[0]) - 0.5 * exp(-10.0 / 50)) < 1e-6)
    let frozen = cells.theta
    cells.step(input: [100, 0], adapt: false, fired: &fired)
    #expect(cells.theta == frozen)
    // The raised threshold: the neuron needs threshold + θ.
    var high = LIFNeurons(count: 1, parameters: .diehlCookExcitatory, dt: 1, adaptation: a, theta: [20])
    fired.removeAll()
    high.step(input: [15], adapt: false, fired: &fired)  // −50 < −52 + 20
    #expect(fired.isEmpty)
    high.resetState()
    high.step(input: [34], adapt: false, fired: &fired)  // −31 ≥ −32
    #expect(fired == [0])
  }
}
