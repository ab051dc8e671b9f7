import FirstSpikeTestSupport
import Foundation
import Testing
@testable import FirstSpike

/// Sharded evaluation: the shards of a split partition it, and the evaluations of the parts,
/// through their `Codable` form and `add`, equal one evaluation of the whole split, JSON for
/// JSON, for both model kinds.
@Suite struct EvaluationShardTests {
  @Test func shardsPartitionEverySplit() {
    for total in [0, 1, 7, 10, 100, 10_000, 60_001] {
      for count in [1, 2, 3, 4, 7, 16] {
        let ranges = (0..<count).map { ShardSelection(index: $0, count: count).range(total: total) }
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == total)
        for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
        #expect(ranges.allSatisfy { $0.count == total / count || $0.count == total / count + 1 })
      }
    }
  }

  @Test func parsesIndexOrSchedulerTask() throws {
    #expect(try ShardSelection.parse("2/4", environment: [:]) == ShardSelection(index: 2, count: 4))
    #expect(try ShardSelection.parse("auto/4", environment: ["SLURM_ARRAY_TASK_ID": "3"]) == ShardSelection(index: 3, count: 4))
    #expect(try ShardSelection.parse("auto/4", environment: ["JOB_COMPLETION_INDEX": "1"]) == ShardSelection(index: 1, count: 4))
    for (text, env) in [("4/4", [String: String]()), ("a/4", [:]), ("1/0", [:]), ("1", [:]), ("auto/4", [:]),
                        ("auto/4", ["SLURM_ARRAY_TASK_ID": "x"]), ("auto/2", ["JOB_COMPLETION_INDEX": "5"])] {
      #expect(throws: (any Error).self, "\(text) \(env)") { _ = try ShardSelection.parse(text, environment: env) }
    }
  }

  /// Round-trips every part through JSON (as the shard files carry it) and adds them.
  static func merged<E: ModelEvaluation>(_ parts: [E]) throws -> E {
    let decoded = try parts.map { try JSONDecoder().decode(E.self, from: JSONEncoder().encode($0)) }
    var sum = decoded[0]
    for p in decoded.dropFirst() { try sum.add(p) }
    return sum
  }

  static func jsonText(_ e: some ModelEvaluation) throws -> String {
    let c = EvaluationContext(checkpoint: "m.fspk", split: "test", seconds: 1, threads: 2)
    return String(decoding: try JSONSerialization.data(withJSONObject: e.json(c), options: [.sortedKeys]), as: UTF8.self)
  }

  @Test func singleSpikeShardsMergeToTheWholeEvaluation() throws {
    var spec = TinyModels.mozafari
    spec.classNames = (0..<10).map(String.init)
    let model = SingleSpikeModel(spec: spec, seed: 12, data: RateCodedModelTests.record)
    let data = SyntheticDigits.make(count: 45, seed: 77)
    let whole = model.evaluate(data, threads: 2)
    #expect(whole.report.predictions.contains { $0 >= 0 }, "the network decided nothing")
    let parts = (0..<4).map { i -> SingleSpikeEvaluation in
      let r = ShardSelection(index: i, count: 4).range(total: data.count)
      return model.evaluate(data.subset(Array(r)), firstIndex: r.lowerBound, threads: 1)
    }
    let sum = try Self.merged(parts)
    #expect(sum.report.tally == whole.report.tally)
    #expect(try Self.jsonText(sum) == Self.jsonText(whole))
  }

  @Test func rateCodedShardsMergeToTheWholeEvaluation() throws {
    var model = RateCodedModelTests.fresh()
    let data = SyntheticDigits.make(count: 13, seed: 5)
    model.assignment = model.model.assignLabels(data, seed: model.labellingSeed)
    let whole = model.evaluate(data, threads: 2)
    let parts = (0..<3).map { i -> RateCodedEvaluation in
      let r = ShardSelection(index: i, count: 3).range(total: data.count)
      return model.evaluate(data.subset(Array(r)), firstIndex: r.lowerBound, threads: 1)
    }
    let sum = try Self.merged(parts)
    #expect(sum.result.proportionWeighting.tally == whole.result.proportionWeighting.tally)
    #expect(sum.result.allActivity.tally == whole.result.allActivity.tally)
    #expect(try Self.jsonText(sum) == Self.jsonText(whole))
    // Without the offset a later shard encodes its images as if they came first: not the same.
    let unshifted = model.evaluate(data.subset(Array(5..<13)), firstIndex: 0, threads: 1)
    let shifted = model.evaluate(data.subset(Array(5..<13)), firstIndex: 5, threads: 1)
    #expect(unshifted.result.proportionWeighting.tally.spikes != shifted.result.proportionWeighting.tally.spikes)
  }

  @Test func tallyAddPadsConfusionAndRefusesOtherLayers() throws {
    var a = EvaluationTally(predictions: [0, 1, -1], labels: [0, 0, 1], classes: 2, spikes: [3], events: [])
    let b = EvaluationTally(predictions: [2], labels: [2], classes: 2, spikes: [4], events: [])
    try a.add(b)
    #expect(a == EvaluationTally(images: 4, correct: 2, silent: 1, confusion: [[1, 1, 0], [0, 0, 0], [0, 0, 1]], spikes: [7], events: []))
    #expect(a.isConsistent)
    let other = EvaluationTally(predictions: [0], labels: [0], classes: 2, spikes: [1, 2], events: [])
    #expect(throws: TallyMismatch.self) { try a.add(other) }
    var big = EvaluationTally(images: Int.max, correct: 0, silent: 0, confusion: [[0]], spikes: [], events: [])
    #expect(throws: TallyMismatch.self) { try big.add(EvaluationTally(images: 1, correct: 0, silent: 0, confusion: [[0]], spikes: [], events: [])) }
    #expect(!EvaluationTally(images: 1, correct: 2, silent: 0, confusion: [[2]], spikes: [], events: []).isConsistent)
  }

  @Test func differentModelsDoNotMerge() throws {
    let model = SingleSpikeModel(spec: TinyModels.mozafari, seed: 1, data: RateCodedModelTests.record)
    let data = SyntheticDigits.make(count: 4, seed: 1)
    var a = model.evaluate(data, threads: 1)
    var b = a
    b.model = "other"
    #expect(throws: TallyMismatch.self) { try a.add(b) }
  }
}
