import Foundation
import Testing
@testable import FirstSpike

/// Finite-difference checks of the backward pass (``BackpropPass``) on small networks: the
/// gradient it accumulates equals the central differences of ``SpikeTimeSurrogate`` (the
/// network linearised at its forward pass, written densely and independently), for fully
/// connected and convolutional layers, earliest and average pooling, padding, both losses, and
/// silent output neurons (S4NN's fake spike).
@Suite struct TemporalBackpropGradientTests {
  /// A spec of gradient layers on a `1 × side × side` pixel input.
  static func spec(side: Int, T: Int, layers: [LayerSpec], loss: SpikeTimeLoss) -> ModelSpec {
    var layers = layers
    for i in layers.indices { layers[i].training = TrainingSpec(rule: .gradient, passes: 1, ltp: 0, ltd: 0) }
    layers[layers.count - 1].training.gradient = GradientSpec(loss: loss, optimizer: .sgd(rate: 0.1))
    return ModelSpec(name: "check", inputWidth: side, inputHeight: side, encoder: .pixels(timeSteps: T), layers: layers,
                     readout: .decision(featuresPerClass: 1), classNames: (0..<layers.last!.outChannels).map(String.init))
  }

  /// A random image with about half its pixels dark.
  static func image(side: Int, seed: UInt64) -> GrayImage {
    var g = SplitMix64(seed: seed)
    return GrayImage(width: side, height: side, pixels: (0..<(side * side)).map { _ in
      g.nextUniform() < 0.5 ? 0 : UInt8(1 + g.nextInt(below: 255))
    })
  }

  /// Compares the backward pass with central differences on every weight of every layer
  /// that the loss depends on; returns how many weights had a non-zero gradient.
  @discardableResult
  static func check(_ spec: ModelSpec, seed: UInt64, label: Int, side: Int) -> Int {
    var g = SplitMix64(seed: seed)
    let network = Network(spec: spec, generator: &g)
    let span = 0..<spec.layers.count
    let input = network.encode(image(side: side, seed: seed &+ 1))
    var pass = BackpropPass(layers: span.count)
    let sizes = span.map { network.runWeights($0).storage.count }
    let offsets = sizes.indices.map { sizes[..<$0].reduce(0, +) }
    var grads = [Float](repeating: 0, count: sizes.reduce(0, +))
    let settings = spec.layers.last!.training.gradient!
    _ = grads.withUnsafeMutableBufferPointer {
      pass.train(network, span: span, input: input, pooled: false, label: label, settings: settings,
                 rate: settings.optimizer.rate, gradients: $0.baseAddress!, offsets: offsets)
    }
    let surrogate = SpikeTimeSurrogate(network: network, span: span, input: input, label: label, loss: settings.loss)
    let base = span.map { network.weights[$0].canonical().map(Double.init) }
    var nonZero = 0
    for l in span {
      let layerGrad = Array(grads[offsets[l]..<(offsets[l] + sizes[l])])
      let w = network.weights[l]
      let folded = spec.layers[l].inputPool.map { $0.isAverage ? w.foldAveragePooledGradient(layerGrad, block: $0.size) : layerGrad } ?? layerGrad
      var asWeights = w
      asWeights.storage = folded
      let analytic = asWeights.canonical()
      for i in analytic.indices {
        let h = 1e-3
        var plus = base, minus = base
        plus[l][i] += h
        minus[l][i] -= h
        let numeric = (surrogate.loss(plus) - surrogate.loss(minus)) / (2 * h)
        #expect(abs(numeric - Double(analytic[i])) <= 1e-4 + 1e-3 * abs(numeric),
                "layer \(l) weight \(i): backward \(analytic[i]), finite differences \(numeric)")
        if analytic[i] != 0 { nonZero += 1 }
      }
    }
    return nonZero
  }

  @Test func fullyConnectedWithRelativeTargets() {
    // 6×6 pixels → 12 hidden → 4 outputs; high output thresholds leave some outputs silent.
    for seed: UInt64 in [1, 2, 3] {
      let spec = Self.spec(side: 6, T: 20, layers: [
        LayerSpec(inputPadding: 0, inChannels: 1, outChannels: 12, kernel: 6, threshold: 1.5,
                  weightInit: .uniform(low: 0, high: 0.6), training: TrainingSpec(rule: .gradient, passes: 1, ltp: 0, ltd: 0)),
        LayerSpec(inputPadding: 0, inChannels: 12, outChannels: 4, kernel: 1, threshold: 2,
                  weightInit: .uniform(low: -0.2, high: 1), training: TrainingSpec(rule: .gradient, passes: 1, ltp: 0, ltd: 0)),
      ], loss: .relativeTargets(gamma: 3))
      #expect(Self.check(spec, seed: seed, label: Int(seed % 4), side: 6) > 0)
    }
  }

  @Test func convolutionEarliestPoolingSoftmax() {
    // 8×8 → conv 3×3 (4) → earliest pooling 2/2 → padding 1 → conv 3×3 (3) → fully connected (5).
    for seed: UInt64 in [4, 5] {
      let spec = Self.spec(side: 8, T: 16, layers: [
        LayerSpec(inputPadding: 0, inChannels: 1, outChannels: 4, kernel: 3, threshold: 0.8, weightMean: 0.3, weightStd: 0.3,
                  training: TrainingSpec(rule: .gradient, passes: 1, ltp: 0, ltd: 0)),
        LayerSpec(inputPool: PoolSpec(size: 2, stride: 2), inputPadding: 1, inChannels: 4, outChannels: 3, kernel: 3,
                  threshold: 0.5, weightMean: 0.2, weightStd: 0.4, training: TrainingSpec(rule: .gradient, passes: 1, ltp: 0, ltd: 0)),
        LayerSpec(inputPadding: 0, inChannels: 3, outChannels: 5, kernel: 3, threshold: 0.7, weightMean: 0.1, weightStd: 0.3,
                  training: TrainingSpec(rule: .gradient, passes: 1, ltp: 0, ltd: 0)),
      ], loss: .softmax(temperature: 2))
      #expect(Self.check(spec, seed: seed, label: Int(seed % 5), side: 8) > 0)
    }
  }

  @Test func convolutionAveragePooling() {
    for seed: UInt64 in [6, 7] {
      let spec = Self.spec(side: 8, T: 16, layers: [
        LayerSpec(inputPadding: 0, inChannels: 1, outChannels: 3, kernel: 3, threshold: 0.6, weightMean: 0.3, weightStd: 0.3,
                  training: TrainingSpec(rule: .gradient, passes: 1, ltp: 0, ltd: 0)),
        LayerSpec(inputPool: PoolSpec(size: 2, stride: 2, mode: .average), inputPadding: 0, inChannels: 3, outChannels: 4,
                  kernel: 3, threshold: 0.3, weightMean: 0.3, weightStd: 0.5, training: TrainingSpec(rule: .gradient, passes: 1, ltp: 0, ltd: 0)),
      ], loss: .softmax(temperature: 1.5))
      #expect(Self.check(spec, seed: seed, label: Int(seed % 4), side: 8) > 0)
    }
  }
}
