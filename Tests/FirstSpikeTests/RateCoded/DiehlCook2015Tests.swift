import Foundation
import Testing
@testable import FirstSpike

/// Training resumes bit-identically; evaluation is the same in parallel and serially; label
/// assignment and the two classifiers on hand-made counts; receptive-field pictures.
@Suite struct DiehlCook2015Tests {
  static func tinySpec() -> DiehlCook2015Spec {
    var spec = DiehlCook2015Spec.diehlCook2015(neurons: 8)
    spec.time = 40
    spec.intensity = 255
    spec.minSpikes = 2  // exercise repeated presentations
    return spec
  }

  /// Trains 2 passes over 12 images, optionally stopping after `stopAfter` images and
  /// resuming from a JSON round trip of the progress and a copy of weights and θ.
  static func train(stopAfter: Int?) throws -> DiehlCook2015Trainer {
    let data = SyntheticDigits.make(count: 12, seed: 21)
    var g = SplitMix64(seed: 5)
    let model = DiehlCook2015(spec: tinySpec(), generator: &g)
    var trainer = DiehlCook2015Trainer(model: model, images: data.images, passes: 2, seed: 8)
    if let stopAfter {
      let finished = trainer.run(maxImages: stopAfter)
      #expect(!finished)
      let saved = try JSONEncoder().encode(trainer.progress)
      let progress = try JSONDecoder().decode(RateCodedProgress.self, from: saved)
      let restored = DiehlCook2015(spec: tinySpec(), weights: trainer.model.weights, theta: trainer.model.theta)
      trainer = DiehlCook2015Trainer(model: restored, images: data.images, seed: 8, progress: progress)
    }
    let finished = trainer.run()
    #expect(finished)
    return trainer
  }

  @Test(arguments: [5, 12, 17])
  func resumeIsBitIdentical(stopAfter: Int) throws {
    let full = try Self.train(stopAfter: nil), resumed = try Self.train(stopAfter: stopAfter)
    let same = full.model == resumed.model  // (not inside #expect: it would print every weight)
    #expect(same, "stopped after \(stopAfter)")
    #expect(full.progress.generator == resumed.progress.generator)
    #expect(full.progress.imagesSeen == 24 && resumed.progress.imagesSeen == 24)
    #expect(full.progress.passSpikes == resumed.progress.passSpikes)
    var g = SplitMix64(seed: 5)
    let initial = DiehlCook2015(spec: Self.tinySpec(), generator: &g)
    let learned = full.model.weights != initial.weights && full.model.theta.contains { $0 > 0 }
    #expect(learned, "nothing learned")
  }

  /// Parallel chunked responses equal a serial loop over `respond` with the per-image
  /// generators, for any chunk size; testing changes nothing.
  @Test func parallelEvaluationMatchesSerial() throws {
    let data = SyntheticDigits.make(count: 10, seed: 4)
    let trained = try Self.train(stopAfter: nil).model
    let n = trained.spec.neurons
    var serial: [Int32] = []
    for k in 0..<data.count {
      var g = DiehlCook2015.imageGenerator(seed: 3, index: k)
      serial += trained.respond(to: data.images[k].pixels, generator: &g).excitatory.spikeCounts()
    }
    #expect(serial.contains { $0 > 0 })
    for chunk in [3, 2048] {
      var parallel: [Int32] = []
      trained.forEachResponseChunk(data.images, seed: 3, chunk: chunk) { first, counts, _ in
        #expect(first * n == parallel.count)
        parallel += counts
      }
      #expect(parallel == serial, "chunk \(chunk)")
    }
    let a = trained.assignLabels(data, seed: 3)
    let e = trained.evaluate(data, assignment: a, seed: 3)
    let expected = (0..<data.count).map { k in a.predictAllActivity(Array(serial[k * n..<(k + 1) * n])) }
    #expect(e.allActivity.predictions == expected)
    #expect(e.allActivity.correct == zip(expected, data.labels).filter { $0 == $1 }.count)
  }

  /// 3 neurons, 2 classes: neuron 0 answers class 0, neuron 1 mostly class 1, neuron 2
  /// never fires (unassigned).
  @Test func assignmentAndClassifiers() {
    var sums = ClassResponseSums(neurons: 3, classes: 2)
    sums.add([4, 1, 0] as [Int32], label: 0)
    sums.add([2, 1, 0] as [Int32], label: 0)
    sums.add([0, 6, 0] as [Int32], label: 1)
    let a = NeuronAssignment(sums: sums)
    #expect(a.rates == [3, 0, 1, 6, 0, 0])
    #expect(a.assignments == [0, 1, -1])
    #expect(a.proportions == [1, 0, 1.0 / 7, 6.0 / 7, 0, 0])
    #expect(a.neuronsPerClass == [1, 1])
    #expect(a.predictAllActivity([2, 3, 9]) == 1)
    // Proportion weighting: class 0 scores 2·1 = 2, class 1 scores 3·6/7 ≈ 2.57.
    #expect(a.predictProportionWeighting([2, 3, 0]) == 1)
    #expect(a.predictProportionWeighting([3, 3, 0]) == 0)  // 3 vs 2.57
    #expect(a.predictAllActivity([0, 0, 5]) == -1)
  }

  /// Each 28 × 28 field is its neuron's weights, min-max normalized.
  @Test func receptiveFieldGrid() {
    var g = SplitMix64(seed: 2)
    var model = DiehlCook2015(spec: .diehlCook2015(neurons: 5), generator: &g)
    for i in 0..<784 { model.weights[i * 5 + 4] = Float(i) }  // a ramp in neuron 4
    let image = model.receptiveFields(gap: 1, background: 7)
    #expect(image.width == 3 * 28 + 2 && image.height == 2 * 28 + 1)
    let x0 = 1 * 29, y0 = 1 * 29  // neuron 4: row 1, column 1
    #expect(image[y0, x0] == 0 && image[y0 + 27, x0 + 27] == 255)
    #expect(image[y0 + 14, x0] == UInt8((Float(14 * 28) * 255 / 783).rounded()))
    #expect(image[28, 0] == 7 && image[0, 28] == 7)
    for j in 0..<4 {
      let fx = (j % 3) * 29, fy = (j / 3) * 29
      let field = (0..<784).map { image[fy + $0 / 28, fx + $0 % 28] }
      #expect(field.min() == 0 && field.max() == 255, "neuron \(j)")
    }
  }
}
