import FirstSpikeTestSupport
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
