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
    WaveCache(count: data.count, shape: net.inputShape(layer: layer), timeSteps: 15) { net.input(of: layer, image: data.images[$0], scratch: &$1) }
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

  /// A network of `spec` (seed 3) with conv1 and conv2 trained one pass each on `data`, ready
  /// for stage-3 tests.
  static func decisionReady(_ spec: ModelSpec, _ data: LabeledImages) throws -> Network {
    var g = SplitMix64(seed: 3)
    var net = Network(spec: spec, generator: &g)
    for l in 0..<2 { net = try train(net, layer: l, data, passes: 1, stopAfter: nil).0 }
    return net
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
      spec.layers[2].training.dropoutPerImage = false
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

  /// Per-image feature and input dropout draw from the saved generator as the pass goes, so a mid-pass resume
  /// must keep that generator rather than redraw it from the pass's start; a pass decay makes
  /// the second pass's rates smaller.
  @Test(arguments: [23, 40, 61]) func perImageDropoutAndDecayResumeBitIdentical(stopAfter: Int) throws {
    let data = SyntheticDigits.make(count: 40, seed: 11)
    var spec = Self.smallMozafari()
    spec.layers[2].training.shuffle = true
    spec.layers[2].training.dropout = 0.4
    spec.layers[2].training.dropoutPerImage = true
    spec.layers[2].training.passDecay = 0.5
    spec.layers[2].training.inputDropout = 0.2
    spec.layers[2].training.rewardCorrectOnError = true
    let net = try Self.decisionReady(spec, data)
    let (full, fullProgress) = try Self.train(net, layer: 2, data, passes: 2, stopAfter: nil)
    let (resumed, resumedProgress) = try Self.train(net, layer: 2, data, passes: 2, stopAfter: stopAfter)
    #expect(full.weights[2].storage == resumed.weights[2].storage)
    #expect(fullProgress.generator == resumedProgress.generator)
    #expect(fullProgress.history.map(\.train) == resumedProgress.history.map(\.train))

    // The same run with per-pass dropout takes other decisions: the per-image draws are live.
    var perPass = spec
    perPass.layers[2].training.dropoutPerImage = false
    let net2 = try Self.decisionReady(perPass, data)
    let (other, _) = try Self.train(net2, layer: 2, data, passes: 2, stopAfter: nil)
    #expect(other.weights[2].storage != full.weights[2].storage)
  }

  /// After the last batch of pass 2 (passesDone = 1) the adaptive rates carry one factor of
  /// `passDecay`: reward = a⁺·wrong·decay, punishment = a⁻_p·correct·decay.
  @Test func passDecayScalesTheAdaptiveRates() throws {
    let data = SyntheticDigits.make(count: 40, seed: 11)
    var spec = Self.smallMozafari()
    spec.layers[2].training.adaptiveBatch = 40  // one batch per pass
    spec.layers[2].training.passDecay = 0.25
    let net = try Self.decisionReady(spec, data)
    let (_, progress) = try Self.train(net, layer: 2, data, passes: 2, stopAfter: nil)
    let last = try #require(progress.history.last?.train)
    let t = spec.layers[2].training
    let wrong = Float(last.wrong) / 40, correct = Float(last.correct) / 40
    #expect(last.correct > 0 && last.wrong > 0)
    #expect(abs(progress.rates[0].ltp - t.ltp * wrong * 0.25) < 1e-9)
    #expect(abs(progress.punishRates[0].ltp - t.punishLTP * correct * 0.25) < 1e-9)
  }

  /// A spec written before `dropoutPerImage` and `passDecay` existed decodes with per-pass
  /// dropout and no decay.
  @Test func olderSpecsDecodeWithDefaults() throws {
    let spec = ModelSpec.mozafari2019Paper
    var json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(spec)) as? [String: Any])
    var layers = try #require(json["layers"] as? [[String: Any]])
    for i in layers.indices {
      var training = try #require(layers[i]["training"] as? [String: Any])
      #expect(training["passDecay"] != nil)
      training["passDecay"] = nil
      training["dropoutPerImage"] = nil
      training["inputDropout"] = nil
      training["rewardCorrectOnError"] = nil
      layers[i]["training"] = training
    }
    json["layers"] = layers
    let decoded = try JSONDecoder().decode(ModelSpec.self, from: JSONSerialization.data(withJSONObject: json))
    #expect(decoded == spec)
  }

  /// Kernels changed by one R-STDP step on `image` (its cached conv3 input in `inputs`), with
  /// the decision it took.
  static func changedKernels(_ spec: ModelSpec, net: Network, image: Int, inputs: WaveCache, data: LabeledImages)
    -> (changed: Set<Int>, decided: Int?)
  {
    var trainer = LayerTrainer(network: net, layer: 2, inputs: inputs, labels: data.labels, test: nil,
                               progress: nil, bestWeights: nil, passes: 1, seed: 7)
    var out = ConvOutput(), events = SpikeEvents()
    net.run(layer: 2, pooledInput: inputs.wave(image), into: &out, events: &events)
    let decided = net.decide(out, exact: net.exactPotentials(layer: 2, pooledInput: inputs.wave(image)))?.label
    trainer.train(pooledInput: inputs.wave(image), label: data.labels[image])
    let before = net.weights[2].canonical(), after = trainer.network.weights[2].canonical()
    let per = before.count / spec.layers[2].outChannels
    let changed = Set((0..<spec.layers[2].outChannels).filter { f in
      (f * per..<(f + 1) * per).contains { before[$0] != after[$0] }
    })
    return (changed, decided)
  }

  /// On a wrong decision, `rewardCorrectOnError` changes one more kernel: one of the correct
  /// class's; without it only the (wrong) winner's kernel changes.
  @Test func rewardCorrectOnErrorAlsoTrainsTheCorrectClass() throws {
    let data = SyntheticDigits.make(count: 40, seed: 11)
    var spec = Self.smallMozafari()
    spec.layers[2].training.dropout = 0
    spec.layers[2].training.inputDropout = 0  // the decision above is the one trained on
    spec.layers[2].training.rewardCorrectOnError = false
    var net = try Self.decisionReady(spec, data)
    // Initial weights inside the bounds, so that the first update's whole-layer clamp
    // changes nothing else.
    net.weights[2].setCanonical(net.weights[2].canonical().map { min(max($0, 0.2), 0.8) })
    // conv1 and conv2 are frozen here: one cache of conv3's inputs serves every image.
    let inputs = Self.cache(net, layer: 2, data)
    var checked = 0
    for image in 0..<data.count {
      let plain = Self.changedKernels(spec, net: net, image: image, inputs: inputs, data: data)
      guard let decided = plain.decided, decided != data.labels[image] else { continue }
      #expect(plain.changed.count == 1 && plain.changed.allSatisfy { $0 / 4 == decided })
      spec.layers[2].training.rewardCorrectOnError = true
      let taught = Network(spec: spec, weights: net.weights)
      let both = Self.changedKernels(spec, net: taught, image: image, inputs: inputs, data: data)
      spec.layers[2].training.rewardCorrectOnError = false
      #expect(both.changed.count == 2)
      #expect(both.changed.isSuperset(of: plain.changed))
      #expect(both.changed.subtracting(plain.changed).allSatisfy { $0 / 4 == data.labels[image] })
      checked += 1
    }
    #expect(checked > 3)
  }
}
