import FirstSpikeTestSupport
import Foundation
import Testing
@testable import FirstSpike

/// One image's update of the `s4nn` preset against a dense re-statement of S4NN's per-image
/// rule, in the order its code (`S4NN.py`) takes it: forward, relative targets, normalised
/// output error, the output weights' step and decay, the hidden error through the *updated*
/// output weights, normalised, the hidden weights' step and decay. Also the case where no
/// output fires (S4NN: every target `T`, the label's `T − γ`, so the label alone learns,
/// from every hidden neuron that fired).
@Suite struct S4NNUpdateTests {
  static let data = GradientTrainerTests.data

  /// The first training image's update by ``GradientTrainer``, and the dense reference from
  /// the same initial weights. `outputScale` multiplies the initial output weights.
  static func oneUpdate(outputScale: Float, updatedWeights: Bool = true)
    -> (engine: [ConvWeights], reference: [[Float]], before: [ConvWeights], silent: Bool)
  {
    var spec = GradientTrainerTests.smallS4NN()
    spec.layers[1].training.gradient!.backpropagateUpdatedWeights = updatedWeights
    var t = GradientTrainerTests.trainer(spec, passes: 1)
    for i in t.network.weights[1].storage.indices { t.network.weights[1].storage[i] *= outputScale }
    let before = t.network.weights
    let image = t.trainIndices[0]
    let wave = t.network.encode(data.images[image])
    _ = t.run(maxImages: 1)
    let (reference, silent) = reference(before: before, input: wave.times, label: data.labels[image], timeSteps: wave.timeSteps)
    return (t.network.weights, reference, before, silent)
  }

  /// S4NN's rule, densely, in this engine's time convention (a neuron fires at the first step
  /// whose potential exceeds 100; silent = never, `T` for the loss). Weights canonical.
  static func reference(before: [ConvWeights], input: [UInt8], label: Int, timeSteps T: Int) -> ([[Float]], Bool) {
    let nIn = input.count, nH = before[0].outChannels, nO = before[1].outChannels
    let never = Int(SpikeWave.never)
    var w0 = before[0].canonical().map(Double.init), w1 = before[1].canonical().map(Double.init)
    func fire(_ times: [Int], _ w: [Double], _ n: Int) -> [Int] {
      (0..<n).map { j in
        for t in 0..<T {
          var v = 0.0
          for (i, ti) in times.enumerated() where ti <= t { v += w[j * times.count + i] }
          if v > 100 { return t }
        }
        return never
      }
    }
    let tin = input.map(Int.init)
    let th = fire(tin, w0, nH), to = fire(th, w1, nO)
    let ft = to.map { Double($0 == never ? T : $0) }
    let tmin = ft.min()!, γ = 3.0, lr = 0.2, λ = 1e-6
    var target = ft
    if tmin == Double(T) {
      target = [Double](repeating: Double(T), count: nO)
      target[label] = Double(T) - γ
    } else {
      for k in 0..<nO where ft[k] - tmin < γ { target[k] = min(tmin + γ, Double(T)) }
      target[label] = tmin
    }
    func normalised(_ v: [Double]) -> [Double] {
      let n = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
      return n == 0 ? v : v.map { $0 / n }
    }
    let dO = normalised((0..<nO).map { (target[$0] - ft[$0]) / Double(T) })
    func causal(_ pre: Int, _ post: Int) -> Bool { pre != never && pre <= post }
    for o in 0..<nO {
      for h in 0..<nH where causal(th[h], to[o]) { w1[o * nH + h] -= dO[o] * lr }
    }
    w1 = w1.map { $0 - lr * λ * $0 }
    let dH = normalised((0..<nH).map { h in
      (0..<nO).reduce(0.0) { $0 + (causal(th[h], to[$1]) ? dO[$1] * w1[$1 * nH + h] : 0) }
    })
    for h in 0..<nH {
      for i in 0..<nIn where causal(tin[i], th[h]) { w0[h * nIn + i] -= lr * dH[h] }
    }
    w0 = w0.map { $0 - lr * λ * $0 }
    return ([w0.map(Float.init), w1.map(Float.init)], tmin == Double(T))
  }

  static func maxDifference(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).map { abs($0 - $1) }.max()!
  }

  /// The largest difference in units in the last place of the reference (float32 against the
  /// double-precision reference rounded once: a few ulps; through the forward weights instead
  /// of the updated ones the hidden layer is off by more than 32).
  static func maxUlps(_ a: [Float], reference b: [Float]) -> Float {
    zip(a, b).map { abs($0 - $1) / max($1.magnitude.ulp, Float.leastNormalMagnitude) }.max()!
  }

  @Test(arguments: [Float(1), 0.01])
  func oneImageMatchesS4NNsRule(outputScale: Float) {
    let r = Self.oneUpdate(outputScale: outputScale)
    #expect(r.silent == (outputScale < 1), "the scaled-down output weights leave every output silent")
    for l in 0..<2 {
      let moved = Self.maxDifference(r.before[l].canonical(), r.engine[l].canonical())
      #expect(moved > 1e-3, "layer \(l) learns")
      #expect(Self.maxUlps(r.engine[l].canonical(), reference: r.reference[l]) <= 8, "layer \(l)")
    }
  }

  /// Silent outputs: the label's output neuron alone moves, by `+rate` (error −1 after
  /// normalisation) on every hidden neuron that fired, then the decay.
  @Test func silentOutputsTeachTheLabelOnly() {
    let r = Self.oneUpdate(outputScale: 0.01)
    let before = r.before[1].canonical(), after = r.engine[1].canonical(), nH = r.before[1].inChannels
    let label = Self.data.labels[GradientTrainerTests.trainer(GradientTrainerTests.smallS4NN(), passes: 1).trainIndices[0]]
    var raised = 0
    for o in 0..<r.before[1].outChannels {
      for h in 0..<nH {
        let decayed = before[o * nH + h] - 0.2 * 1e-6 * before[o * nH + h]
        let d = after[o * nH + h] - before[o * nH + h]
        if o == label && abs(d - 0.2) < 1e-5 { raised += 1 } else { #expect(abs(after[o * nH + h] - decayed) < 1e-6) }
      }
    }
    #expect(raised > 0, "some hidden neuron fired")
  }

  /// The hidden error through the forward pass's output weights (the option off) is another
  /// update: the reference above tells the two apart.
  @Test func forwardWeightsGiveAnotherHiddenUpdate() {
    let r = Self.oneUpdate(outputScale: 1, updatedWeights: false)
    #expect(Self.maxUlps(r.engine[1].canonical(), reference: r.reference[1]) <= 8, "the output layer's step is the same")
    #expect(Self.maxUlps(r.engine[0].canonical(), reference: r.reference[0]) > 32)
  }
}
