import Foundation
import Testing
@testable import FirstSpike

/// The event-driven simulator against a naive dense one written from BindsNET's equations
/// (dense N × N recurrent matrices, dense input sums, float refractory counters, per-step
/// multiplicative traces, whole-matrix STDP and clamping).
@Suite struct DiehlCook2015ReferenceTests {
  static func smallSpec() -> DiehlCook2015Spec {
    var spec = DiehlCook2015Spec.diehlCook2015(neurons: 6)
    spec.inputs = 16
    spec.time = 80
    spec.intensity = 500
    spec.stdp = PostPreRule(nuPre: 1e-2, nuPost: 5e-2)
    spec.norm = 3
    return spec
  }

  struct Dense {
    var v: [Float], refrac: [Float]
    let p: LIFParameters, dt: Float
    init(_ n: Int, _ p: LIFParameters, dt: Double) {
      v = [Float](repeating: p.rest, count: n); refrac = [Float](repeating: 0, count: n)
      self.p = p; self.dt = Float(dt)
    }
    /// BindsNET `DiehlAndCookNodes.forward` (θ = zeros and plus = 0 gives `LIFNodes`).
    mutating func forward(_ x: [Float], theta: inout [Float], thetaDecay: Float, plus: Float) -> [Bool] {
      let d = p.decay(dt: Double(dt))
      var s = [Bool](repeating: false, count: v.count)
      for j in v.indices {
        v[j] = d * (v[j] - p.rest) + p.rest
        theta[j] *= thetaDecay
        if refrac[j] <= 0 { v[j] += x[j] }
        refrac[j] -= dt
        s[j] = v[j] >= p.threshold + theta[j]
        if s[j] { refrac[j] = p.refractory; v[j] = p.reset; theta[j] += plus }
      }
      return s
    }
  }

  /// Dense simulation of `input`; returns excitatory and inhibitory rasters (step-major 0/1).
  static func reference(_ spec: DiehlCook2015Spec, _ input: SpikeTrain, weights w: inout [Float], theta: inout [Float],
                        learning: Bool) -> ([UInt8], [UInt8]) {
    let n = spec.neurons, m = spec.inputs, sIn = input.dense()
    var exc = Dense(n, spec.excitatory, dt: spec.dt), inh = Dense(n, spec.inhibitory, dt: spec.dt)
    var noTheta = [Float](repeating: 0, count: n)
    var sE = [Bool](repeating: false, count: n), sI = sE
    var xPre = [Float](repeating: 0, count: m), xPost = [Float](repeating: 0, count: n)
    var rasterE: [UInt8] = [], rasterI: [UInt8] = []
    let traceDecay = Float(exp(-spec.dt / Double(spec.tcTrace)))
    let thetaDecay = learning ? spec.adaptation.decay(dt: spec.dt) : 1
    for t in 0..<input.steps {
      var xe = [Float](repeating: 0, count: n), xi = xe
      for j in 0..<n {
        for k in 0..<n where k != j { xe[j] += (sI[k] ? 1 : 0) * -spec.inhWeight }
        if t > 0 { for i in 0..<m { xe[j] += Float(sIn[(t - 1) * m + i]) * w[i * n + j] } }
        xi[j] = (sE[j] ? 1 : 0) * spec.excWeight
      }
      sE = exc.forward(xe, theta: &theta, thetaDecay: thetaDecay, plus: learning ? spec.adaptation.thetaPlus : 0)
      sI = inh.forward(xi, theta: &noTheta, thetaDecay: 1, plus: 0)
      rasterE += sE.map { $0 ? 1 : 0 }
      rasterI += sI.map { $0 ? 1 : 0 }
      guard learning else { continue }
      for i in 0..<m { xPre[i] *= traceDecay; if sIn[t * m + i] != 0 { xPre[i] = 1 } }
      for j in 0..<n { xPost[j] *= traceDecay; if sE[j] { xPost[j] = 1 } }
      for i in 0..<m where sIn[t * m + i] != 0 { for j in 0..<n { w[i * n + j] -= spec.stdp.nuPre * xPost[j] } }
      for i in 0..<m { for j in 0..<n where sE[j] { w[i * n + j] += spec.stdp.nuPost * xPre[i] } }
      for k in w.indices { w[k] = min(max(w[k], spec.stdp.wmin), spec.stdp.wmax) }
    }
    if learning {
      w.withUnsafeMutableBufferPointer { normalizeColumns($0, outputs: n, norm: spec.norm) }
      for k in w.indices { w[k] = min(max(w[k], spec.stdp.wmin), spec.stdp.wmax) }
    }
    return (rasterE, rasterI)
  }

  /// Learning off: identical spike trains (same Float operations in the same order).
  @Test(arguments: [UInt64(1), 2, 3, 4])
  func testingMatchesDenseReference(seed: UInt64) {
    let spec = Self.smallSpec()
    var g = SplitMix64(seed: seed)
    var model = DiehlCook2015(spec: spec, generator: &g)
    model.theta = (0..<spec.neurons).map { Float($0) * 0.5 }
    let pixels = (0..<spec.inputs).map { _ in UInt8(g.nextInt(below: 256)) }
    let input = spec.encoder(intensity: spec.intensity).encode(pixels, generator: &g)
    var sim = DiehlCook2015Simulator(spec: spec, theta: model.theta)
    let (exc, inh) = model.weights.withUnsafeBufferPointer {
      sim.run(input, weights: UnsafeMutableBufferPointer(mutating: $0), learning: false)
    }
    var w = model.weights, theta = model.theta
    let (refE, refI) = Self.reference(spec, input, weights: &w, theta: &theta, learning: false)
    #expect(exc.dense() == refE, "seed \(seed)")
    #expect(inh.dense() == refI, "seed \(seed)")
    #expect(exc.spikeCount > 0 && inh.spikeCount > 0, "seed \(seed): silent network tests nothing")
  }

  /// Learning on: the same spikes, and weights and θ within 1e-5 (lazy vs multiplicative
  /// traces differ in the last bits).
  @Test(arguments: [UInt64(5), 6, 7])
  func learningMatchesDenseReference(seed: UInt64) {
    let spec = Self.smallSpec()
    var g = SplitMix64(seed: seed)
    let model = DiehlCook2015(spec: spec, generator: &g)
    var w = model.weights, theta = model.theta, fast = model
    for _ in 0..<3 {
      let pixels = (0..<spec.inputs).map { _ in UInt8(g.nextInt(below: 256)) }
      var e1 = g, e2 = g
      let r = fast.train(on: pixels, generator: &e1)
      let input = spec.encoder(intensity: spec.intensity).encode(pixels, generator: &e2)
      let (refE, _) = Self.reference(spec, input, weights: &w, theta: &theta, learning: true)
      #expect(r.excitatory.dense() == refE, "seed \(seed)")
      g = e1
    }
    let maxDiff = zip(w, fast.weights).map { abs($0 - $1) }.max()!
    #expect(maxDiff < 1e-5, "seed \(seed): weights differ by \(maxDiff)")
    #expect(zip(theta, fast.theta).allSatisfy { abs($0 - $1) < 1e-6 }, "seed \(seed)")
    #expect(fast.weights != model.weights && fast.theta.contains { $0 > 0 }, "seed \(seed): nothing learned")
  }
}
