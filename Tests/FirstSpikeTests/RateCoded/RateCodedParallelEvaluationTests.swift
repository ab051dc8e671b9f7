import FirstSpikeTestSupport
import Foundation
import Testing
@testable import FirstSpike

/// The shipped rate-coded Diehl & Cook 2015 model (100 neurons) at several thread counts,
/// including more threads than cores and than images per chunk: the evaluation of both
/// classifiers (predictions, confusions, spikes and events per image) is byte for byte a
/// serial run's, and so are the per-image spike counts the labelling stage sums, over
/// several chunks; each image's counts are its response alone.
@Suite struct RateCodedParallelEvaluationTests {
  @Test func shippedModelEvaluatesAlikeAtEveryThreadCount() throws {
    let model = try RateCodedModel.load(path: RepositoryPaths.checkpoints + "/diehlcook2015-n100.fspk")
    let assignment = try #require(model.assignment)
    let data = try TrainingData.load(path: RepositoryPaths.mnist, split: .test, limit: 24).images
    let serial = model.evaluate(data, assignment: assignment, threads: 1)
    #expect(serial.proportionWeighting.correct >= 16, "\(serial.proportionWeighting.correct) of 24: not the trained model?")
    let encoded = everyField(serial)
    let responses = { (threads: Int) in
      var counts: [[Int32]] = [], activity: [[SIMD3<Int32>]] = [], firsts: [Int] = []
      model.model.forEachResponseChunk(data.images, seed: model.labellingSeed, chunk: 5, threads: threads) {
        firsts.append($0)
        counts.append($1)
        activity.append($2)
      }
      return (firsts, counts, activity)
    }
    let one = responses(1)
    #expect(one.0 == [0, 5, 10, 15, 20])
    for threads in TrainedParallelEvaluationTests.threadCounts {
      #expect(everyField(model.evaluate(data, assignment: assignment, threads: threads)) == encoded, "\(threads) threads")
      let many = responses(threads)
      #expect(many.0 == one.0 && many.1 == one.1 && many.2 == one.2, "\(threads) threads: responses")
    }
    // What makes the order of work irrelevant: image k's counts are its response alone, to
    // its own generator (a generator shared between images would pass the comparisons above
    // whenever the workers happen to take the images in order).
    let n = model.spec.neurons
    for k in data.images.indices {
      var g = DiehlCook2015.imageGenerator(seed: model.labellingSeed, index: k)
      let alone = model.model.respond(to: data.images[k].pixels, generator: &g)
      var counts = [Int32](repeating: 0, count: n)
      for j in alone.excitatory.indices { counts[Int(j)] += 1 }
      #expect(Array(one.1[k / 5][(k % 5) * n..<(k % 5 + 1) * n]) == counts, "image \(k)")
    }
  }
}
