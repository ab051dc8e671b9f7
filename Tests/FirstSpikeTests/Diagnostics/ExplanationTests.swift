import FirstSpikeTestSupport
import Foundation
import Testing

@testable import FirstSpike

/// `explain` on the shipped checkpoints: one of each readout (decision without a threshold,
/// decision with one, SVM) and the rate-coded kind. The picture must tell the truth: the same
/// decision and margin as `classify`, the winner where the maps say it is.
@Suite(.serialized) struct ExplanationTests {
  static let images: LabeledImages = try! TrainingData.load(path: RepositoryPaths.mnist, split: .test, limit: 3).images
  static let cup: GrayImage = try! PNGFile.readGray(path: RepositoryPaths.eth80 + "/cup/cup1-000-000.png")

  static func load(_ name: String) throws -> any Model {
    try ModelRegistry.load(path: RepositoryPaths.checkpoints + "/\(name).fspk")
  }

  @Test(arguments: ["mozafari2019", "kheradpisheh2018", "shallow-rstdp"])
  func singleSpikeTraceDecidesAsClassify(name: String) throws {
    let model = try #require(try Self.load(name) as? SingleSpikeModel)
    let network = model.inferenceNetwork()
    let inputs = name == "shallow-rstdp" ? [Self.cup] : Array(Self.images.images.prefix(2))
    for image in inputs {
      let trace = network.trace(image), plain = network.classify(image)
      #expect(trace.classification.label == plain.label && trace.classification.margin == plain.margin)
      #expect(trace.classification.spikes == plain.spikes && trace.classification.events == plain.events)
      #expect(trace.outputs.count == model.spec.layers.count && trace.encoded.spikeCount == plain.spikes[0])
      let e = try model.explain(image)
      #expect(e.decision == plain.label && e.maps.count == model.spec.layers.count + 1)
      #expect(e.scores.count == model.spec.classNames.count)
      if let label = e.decision {
        // Decision readouts: the winner's potential minus the best other class firing then
        // (0 if none); SVM: best score minus second best.
        var runnerUp = e.scores.enumerated().filter { $0.offset != label }.map(\.element).max() ?? 0
        if case .decision = model.spec.readout { runnerUp = max(0, runnerUp) }
        #expect(abs((e.scores[label] - runnerUp) - Double(plain.margin)) <= 1e-3 * max(1, abs(Double(plain.margin))),
                "\(name): scores \(e.scores), margin \(plain.margin)")
      }
      if case .decision = model.spec.readout, let w = trace.winner {
        let last = try #require(e.maps.last), marked = try #require(last.marked)
        let winnerValue = try #require(last.rows[marked.row].cells[marked.column])
        #expect(last.rows.flatMap(\.cells).compactMap { $0 }.allSatisfy { $0 <= winnerValue }, "the winner has the largest potential")
        #expect(w.time == trace.outputs.last!.times.filter { $0 != SpikeWave.never }.map(Int.init).min())
      }
      let picture = ExplanationPicture(e)
      let decoded = try DecodedPicture(picture.draw(.png))
      #expect(decoded.width >= 640 && decoded.height > 400)
    }
  }

  /// The encoder's map is, per position, the earliest spike of any channel.
  @Test func earliestMapIsTheMinimumOverChannels() {
    var wave = SpikeWave(shape: Shape3(2, 2, 3), timeSteps: 15)
    wave.times = [3, 255, 7, 255, 255, 1, /* channel 1 */ 2, 9, 255, 255, 4, 0]
    let map = SingleSpikeModel.earliestMap(wave, title: "t", caption: "c", measure: .firstSpike(steps: 15, unit: "time step"))
    #expect(map.rows.map(\.cells) == [[2, 9, 7], [nil, 4, 0]])
    #expect(map.note == "7 of 12 neurons fired")
  }

  @Test func rateCodedExplanationDecidesAsClassify() throws {
    let model = try #require(try Self.load("diehlcook2015-n100") as? RateCodedModel)
    let image = Self.images.images[0]
    let e = try model.explain(image)
    let plain = model.classify(image, assignment: model.assignment!)
    #expect(e.decision == plain.label && e.scores == plain.scores)
    #expect(e.maps.count == 3 && e.maps[0].rows.count == 28 && e.maps[0].columns == 28)
    let counts = e.maps[2].rows.flatMap(\.cells)
    #expect(counts.count == 100, "every neuron once")
    #expect(Int(counts.compactMap { $0 }.reduce(0, +)) == plain.spikes)
    let marked = try #require(e.maps[2].marked)
    #expect(e.maps[2].rows[marked.row].label != nil || marked.row > 0)
    _ = try ExplanationPicture(e).draw(.png)
  }
}
