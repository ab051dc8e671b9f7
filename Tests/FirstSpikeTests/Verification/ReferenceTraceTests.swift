import FirstSpikeTestSupport
import Foundation
import Testing

@testable import FirstSpike

/// `ReferenceTrace` against SpykeTorch's golden vectors (Fixtures/golden): FirstSpike's own
/// S1C1 → conv1 → inhibition → k-WTA → STDP on MNIST test images 0-2.
@Suite struct ReferenceTraceTests {
  static func referencePath(_ index: Int) throws -> String {
    let url = try #require(Bundle.module.url(
      forResource: "mozafari_img\(index)", withExtension: "json", subdirectory: "Fixtures/golden"))
    return url.path
  }

  /// FirstSpike's trace and the parsed reference of golden image `index`.
  static func traces(_ index: Int) throws -> (ours: ReferenceTrace, reference: ReferenceTrace) {
    let golden = try GoldenFile.load(index: index)
    let reference = try ReferenceTrace(contentsOf: try referencePath(index))
    return (ReferenceTrace.run(like: reference, image: golden.image, label: golden.label), reference)
  }

  /// Verdict OK with every spike time identical (README: images 0-2 agree at every stage),
  /// winners equal, potentials within 1e-4 relative, STDP weights within 1e-6.
  @Test(arguments: [0, 1, 2]) func goldenImagesAgree(index: Int) throws {
    let (ours, reference) = try Self.traces(index)
    let c = ours.compared(to: reference)
    #expect(c.isOK, "image \(index): \(c.failures)")
    #expect(c.winnersEqual && ours.winners.count == 5, "image \(index): \(ours.winners) vs \(reference.winners)")
    #expect(c.s1c1.differing == 0 && c.thresholded.differing == 0 && c.inhibited.differing == 0, "image \(index)")
    #expect(c.thresholdedPotentials.compared == ours.thresholdedWave.spikeCount, "image \(index)")
    #expect(c.thresholdedPotentials.maxAbsolute <= 1e-4 && c.inhibitedPotentials.maxAbsolute <= 1e-4, "image \(index)")
    #expect(c.weights.maxAbsolute <= 1e-6, "image \(index)")
    #expect(c.s1c1Counts == c.referenceS1C1Counts && c.label == c.referenceLabel, "image \(index)")
    #expect(c.report(referencePath: "ref.json").hasSuffix("verdict: OK"))
  }

  /// The written JSON read back gives the same trace, every float bit for bit, and the
  /// parameters (threshold, k, ρ, STDP) survive.
  @Test(arguments: [0, 2]) func jsonRoundTrip(index: Int) throws {
    let (ours, _) = try Self.traces(index)
    let dir = TempDirectory("trace")
    try ours.write(to: dir.file("trace.json"))
    let back = try ReferenceTrace(contentsOf: dir.file("trace.json"))
    #expect(back == ours, "image \(index)")
    #expect(back.weightsAfterSTDP.map(\.bitPattern) == ours.weightsAfterSTDP.map(\.bitPattern))
    #expect(back.thresholdedPotentials.values.map(\.bitPattern) == ours.thresholdedPotentials.values.map(\.bitPattern))
    #expect(back.s1c1Intensities?.values.map(\.bitPattern) == ours.s1c1Intensities?.values.map(\.bitPattern))
    #expect(back.parameters == ReferenceTrace.Parameters())
  }

  /// One changed winner, one later spike of a neuron far above θ, or one weight off by 1e-3
  /// each make the verdict fail, and the report names the stage.
  @Test func alteredReferenceFails() throws {
    let (ours, reference) = try Self.traces(1)
    var winner = reference
    winner.winners[1].column += 1
    let c = ours.compared(to: winner)
    #expect(!c.isOK && !c.winnersEqual && c.failures == ["k-WTA winners"], "\(c.failures)")
    #expect(c.report(referencePath: "r").contains("[8, 6, 15]"))

    var spike = reference
    let n = try #require(ours.thresholdedWave.times.indices.first { i in
      let f = i / 784, pos = i % 784, t = ours.thresholdedWave.times[i]
      return t < 14 && ours.potential(feature: f, row: pos / 28, column: pos % 28, step: Int(t)) > 16
    })
    spike.thresholdedWave.times[n] += 1
    let s = ours.compared(to: spike)
    #expect(!s.isOK && s.thresholded.differing == 1 && s.thresholded.acceptable == 0)

    var weight = reference
    weight.weightsAfterSTDP[7] += 1e-3
    let w = ours.compared(to: weight)
    #expect(!w.isOK && w.weights.beyondTolerance == 1 && abs(w.weights.maxAbsolute - 1e-3) < 1e-6)
  }

  /// A disagreement at the firing neuron whose potential at its spike step is closest to θ
  /// (15.00095 on image 0) is near-threshold: counted, acceptable, verdict still OK.
  @Test func nearThresholdDisagreementIsAcceptable() throws {
    let (ours, reference) = try Self.traces(0)
    var closest = (neuron: -1, distance: Double.infinity)
    for i in ours.thresholdedWave.times.indices where ours.thresholdedWave.times[i] != SpikeWave.never {
      let f = i / 784, pos = i % 784
      let p = ours.potential(feature: f, row: pos / 28, column: pos % 28, step: Int(ours.thresholdedWave.times[i]))
      if abs(p - 15) < closest.distance { closest = (i, abs(p - 15)) }
    }
    #expect(closest.distance < TraceComparison.thresholdTolerance, "closest potential to θ: \(closest)")
    var altered = reference
    altered.thresholdedWave.times[closest.neuron] = SpikeWave.never
    let c = ours.compared(to: altered)
    #expect(c.thresholded.differing == 1 && c.thresholded.acceptable == 1 && c.isOK, "\(c.failures)")
  }

  /// Two S1C1 neurons on either side of a bin boundary swapped in the reference: a real
  /// difference (relative gap 6e-5 > 1e-5) unless their intensities are made to tie within 1e-6.
  @Test func s1c1SwapAcceptedOnlyAtANearTie() throws {
    var (ours, reference) = try Self.traces(0)
    let values = try #require(ours.s1c1Intensities).values
    let order = values.indices.filter { values[$0] != 0 }.sorted { values[$0] > values[$1] }
    let r = 3 * ours.binSize, (n, m) = (order[r - 1], order[r])  // last of bin 2, first of bin 3
    #expect(ours.s1c1.times[n] == 2 && ours.s1c1.times[m] == 3)
    reference.s1c1.times.swapAt(n, m)
    let real = ours.compared(to: reference)
    #expect(real.s1c1.differing == 2 && real.s1c1.acceptable == 0 && !real.isOK)
    ours.s1c1Intensities!.values[n] = values[m] * (1 + 1e-6)
    let tie = ours.compared(to: reference)
    #expect(tie.s1c1.differing == 2 && tie.s1c1.acceptable == 2 && tie.isOK, "\(tie.failures)")
  }

  /// Broken files give one `TraceError` naming the file and the key.
  @Test func brokenReferenceFiles() throws {
    let dir = TempDirectory("trace-broken")
    let notJSON = dir.write(Array("not json".utf8), to: "a.json")
    #expect(throws: TraceError.self) { try ReferenceTrace(contentsOf: notJSON) }
    var object = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: try Self.referencePath(2)))) as! [String: Any]
    object["conv1_weight_init"] = nil
    let missing = dir.write(Array(try JSONSerialization.data(withJSONObject: object)), to: "b.json")
    do {
      _ = try ReferenceTrace(contentsOf: missing)
      Issue.record("no error for \(missing)")
    } catch {
      #expect(error == .missingKey(path: missing, key: "conv1_weight_init"))
      #expect(error.description == "\(missing): missing key 'conv1_weight_init'")
    }
    object = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: try Self.referencePath(2)))) as! [String: Any]
    object["conv1_spike_time_inhibited"] = ["shape": [30, 28, 28], "data": [Int](repeating: 15, count: 23520)]
    let badTime = dir.write(Array(try JSONSerialization.data(withJSONObject: object)), to: "c.json")
    #expect(throws: TraceError.badValue(
      path: badTime, key: "conv1_spike_time_inhibited",
      expected: "spike times -1 (never) or 0..<15, found 15 at flat index 0")) { try ReferenceTrace(contentsOf: badTime) }
  }
}
