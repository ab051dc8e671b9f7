import Foundation
import Testing
@testable import FirstSpike

/// A stage interrupted mid-pass, saved and resumed gives bit-identical weights to an
/// uninterrupted run of the same length.
@Suite struct LayerTrainerResumeTests {
  static func smallMozafari() -> ModelSpec {
    var spec = ModelSpec.mozafari2019
    spec.layers[1].outChannels = 24
    spec.layers[2].inChannels = 24
    spec.layers[2].outChannels = 40  // 4 features per class
    spec.readout = .decision(featuresPerClass: 4)
    spec.layers[0].training.doubleEvery = 10  // exercise the rate schedule
    spec.layers[1].training.doubleEvery = 10
    spec.layers[2].training.adaptiveBatch = 16  // exercise batch-wise R-STDP rates
    return spec
  }

  static func cache(_ net: Network, layer: Int, _ data: LabeledImages) -> WaveCache {
    WaveCache(count: data.count, shape: net.inputShape(layer: layer), timeSteps: 15) { net.input(of: layer, image: data.images[$0]) }
  }

  /// Trains `layer` of `net` for `passes` over `data`, interrupting after `stopAfter` images
  /// (then round-tripping the state through JSON and canonical weights) when given.
  static func train(_ net: Network, layer: Int, _ data: LabeledImages, passes: Int, stopAfter: Int?) throws -> (Network, StageProgress) {
    let inputs = cache(net, layer: layer, data)
    var trainer = LayerTrainer(network: net, layer: layer, inputs: inputs, labels: data.labels, test: nil,
                               progress: nil, bestWeights: nil, passes: passes, seed: 7)
    if let stopAfter {
      let finished = trainer.run(maxImages: stopAfter)
      #expect(!finished)
      let saved = try JSONEncoder().encode(trainer.progress)
      let weights = trainer.network.weights.map { $0.canonical() }
      var restored = net
      for l in weights.indices { restored.weights[l].setCanonical(weights[l]) }
      let progress = try JSONDecoder().decode(StageProgress.self, from: saved)
      trainer = LayerTrainer(network: restored, layer: layer, inputs: inputs, labels: data.labels, test: nil,
                             progress: progress, bestWeights: nil, seed: 7)
    }
    let finished = trainer.run()
    #expect(finished)
    return (trainer.network, trainer.progress)
  }

  /// (layer, images before the interruption): mid-pass, and exactly at a pass boundary with a
  /// shuffled order and feature dropout redrawn every pass.
  @Test(arguments: [(0, 57), (1, 57), (2, 57), (2, 40), (2, 1)]) func resumeIsBitIdentical(layer: Int, stopAfter: Int) throws {
    let data = SyntheticDigits.make(count: 40, seed: 11)
    var g = SplitMix64(seed: 3)
    var spec = Self.smallMozafari()
    if stopAfter != 57 {
      spec.layers[2].training.shuffle = true
      spec.layers[2].training.dropout = 0.3
    }
    var net = Network(spec: spec, generator: &g)
    for l in 0..<layer { net = try Self.train(net, layer: l, data, passes: 1, stopAfter: nil).0 }
    let (full, fullProgress) = try Self.train(net, layer: layer, data, passes: 2, stopAfter: nil)
    let (resumed, resumedProgress) = try Self.train(net, layer: layer, data, passes: 2, stopAfter: stopAfter)
    #expect(full.weights[layer].storage == resumed.weights[layer].storage, "layer \(layer)")
    #expect(full.weights[layer].storage != net.weights[layer].storage, "layer \(layer) did not learn")
    #expect(fullProgress.rates == resumedProgress.rates)
    #expect(fullProgress.imagesSeen == 80)
    if layer == 2 {
      #expect(fullProgress.history.map(\.train) == resumedProgress.history.map(\.train))
      #expect(fullProgress.history.count == 2)
    }
  }
}
