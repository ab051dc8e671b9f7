import FirstSpikeTestSupport
import Foundation
import Testing
@testable import FirstSpike

/// Evaluation and feature extraction run in parallel over images and must give exactly the
/// results of a serial run.
@Suite struct ParallelEvaluationTests {
  static let data = SyntheticDigits.make(count: 48, seed: 77)

  @Test func parallelEvaluationEqualsSerial() {
    var g = SplitMix64(seed: 12)
    let net = Network(spec: TinyModels.mozafari, generator: &g)
    let serial = net.evaluate(Self.data, threads: 1)
    let parallel = net.evaluate(Self.data, threads: 2)
    #expect(serial.predictions == parallel.predictions)
    #expect(serial.spikesPerImage == parallel.spikesPerImage)
    #expect(serial.synapticEventsPerImage == parallel.synapticEventsPerImage)
    #expect(serial.predictions.contains { $0 >= 0 }, "the network decided nothing")
    // And each prediction is what classifying that image alone gives.
    for i in Self.data.images.indices {
      #expect(net.classify(Self.data.images[i]).label ?? -1 == serial.predictions[i], "image \(i)")
    }
  }

  @Test func parallelFeaturesEqualSerial() {
    var g = SplitMix64(seed: 13)
    let net = Network(spec: TinyModels.kheradpisheh, generator: &g)
    #expect(net.svmFeatures(Self.data, threads: 1) == net.svmFeatures(Self.data, threads: 2))
  }
}

/// The same on trained models (the shipped checkpoints) at several thread counts, including
/// more threads than cores and than work chunks: evaluation, the frozen-layer wave cache and
/// SVM features are identical to a serial run.
@Suite struct TrainedParallelEvaluationTests {
  static let threadCounts = [2, 3, 4, 7]

  static func mnist(_ count: Int) throws -> LabeledImages {
    try TrainingData.load(path: RepositoryPaths.mnist, split: .test, limit: count).images
  }

  @Test func trainedMozafariEvaluatesAlikeAtEveryThreadCount() throws {
    let net = try SingleSpikeModel.load(path: RepositoryPaths.checkpoints + "/mozafari2019.fspk").inferenceNetwork()
    let data = try Self.mnist(70)
    let serial = net.evaluate(data, threads: 1)
    #expect(serial.correct >= 60, "\(serial.correct) of 70: not the trained model?")
    for threads in Self.threadCounts {
      let parallel = net.evaluate(data, threads: threads)
      #expect(parallel.predictions == serial.predictions && parallel.confusion == serial.confusion, "\(threads) threads")
      #expect(parallel.spikesPerImage == serial.spikesPerImage, "\(threads) threads")
      #expect(parallel.synapticEventsPerImage == serial.synapticEventsPerImage, "\(threads) threads")
      // The frozen-layer cache stage 3 trains from, and evaluating from it.
      let shape = net.inputShape(layer: 2)
      let cache = { (t: Int) in WaveCache(count: data.count, shape: shape, timeSteps: 15, threads: t) { net.input(of: 2, image: data.images[$0], scratch: &$1) } }
      let one = cache(1), many = cache(threads)
      #expect((0..<data.count).allSatisfy { one.wave($0) == many.wave($0) }, "\(threads) threads: cache")
      #expect(net.evaluateTop(layer: 2, inputs: many, labels: data.labels, threads: threads).predictions == serial.predictions)
    }
  }

  @Test func trainedKheradpishehFeaturesAlikeAtEveryThreadCount() throws {
    let net = try SingleSpikeModel.load(path: RepositoryPaths.checkpoints + "/kheradpisheh2018.fspk").inferenceNetwork()
    let data = try Self.mnist(70)
    let serial = net.svmFeatures(data, threads: 1)
    let predictions = net.svm!.predict(serial, threads: 1).map(\.class)
    #expect(zip(predictions, data.labels).filter { $0.0 == $0.1 }.count >= 65)
    for threads in Self.threadCounts {
      #expect(net.svmFeatures(data, threads: threads) == serial, "\(threads) threads")
      #expect(net.svm!.predict(serial, threads: threads).map(\.class) == predictions, "\(threads) threads")
      #expect(net.evaluate(data, threads: threads).predictions == predictions, "\(threads) threads")
    }
  }
}

/// The shipped shallow R-STDP model (ETH-80, the tutorial's pointwise-inhibited encoder and one
/// decision layer) at several thread counts: the whole evaluation report (predictions,
/// confusion, spikes and events per layer) is byte for byte a serial run's, and each prediction
/// is what classifying that image alone gives.
@Suite struct ShallowRSTDPParallelEvaluationTests {
  @Test func shippedModelEvaluatesAlikeAtEveryThreadCount() throws {
    let net = try SingleSpikeModel.load(path: RepositoryPaths.checkpoints + "/shallow-rstdp.fspk").inferenceNetwork()
    let data = try TrainingData.load(path: RepositoryPaths.eth80, split: .test, limit: 40).images
    let serial = net.evaluate(data, threads: 1)
    #expect(serial.correct >= 30, "\(serial.correct) of \(data.count): not the trained model?")
    let encoded = everyField(serial)
    for threads in TrainedParallelEvaluationTests.threadCounts {
      #expect(everyField(net.evaluate(data, threads: threads)) == encoded, "\(threads) threads")
    }
    for i in data.images.indices {
      #expect(net.classify(data.images[i]).label ?? -1 == serial.predictions[i], "image \(i)")
    }
  }
}

/// Every stored field of `value`, recursively and in declaration order (Swift's reflection):
/// two values print alike only when all their fields are equal (floats print exactly).
func everyField(_ value: Any) -> String {
  String(reflecting: value)
}
