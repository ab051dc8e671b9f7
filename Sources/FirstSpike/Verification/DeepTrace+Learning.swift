import Foundation

/// The learning steps of the whole-network references: one STDP step of a convolutional layer
/// (pointwise inhibition → k-WTA → STDP) and one R-STDP step of a decision layer, each run by
/// FirstSpike's own trainer on SpykeTorch's stored input and compared bit for bit.
extension DeepTrace {
  /// The rates a step used, against the spec's (reached through `doublings` applications of
  /// the rate schedule from the spec's initial pair): float32 bits equal.
  mutating func checkRates(_ name: String, ours: RatePair, _ theirs: RatePair) {
    let equal = ours.ltp.bitPattern == theirs.ltp.bitPattern && ours.ltd.bitPattern == theirs.ltd.bitPattern
    table.check(name, equal: equal, "(\(ours.ltp), \(ours.ltd))" + (equal ? ", bits equal" : ", reference (\(theirs.ltp), \(theirs.ltd))"))
  }

  /// Bounds `[lb, ub]` and the stabilizer of a step against layer `l`'s training spec.
  mutating func checkBounds(_ name: String, layer l: Int, _ s: JSONFields) throws(TraceError) {
    guard s.has("bounds") else { return }
    let t = model.spec.layers[l].training
    let (lb, ub) = try s.bounds("bounds")
    let stabilizer = try s.bool("stabilizer")
    table.compareValue(name + " bounds, stabilizer", "[\(t.lowerBound), \(t.upperBound)] \(t.stabilizer)",
                       "[\(lb), \(ub)] \(stabilizer)") { $0 }
  }

  /// One unsupervised step of layer `l` (the reference's `train_unsupervise` for that layer):
  /// from the stored pooled input `input`, the inhibited spike times (when stored under
  /// `inhibitedKey`), the k-WTA winners and the weights after STDP.
  mutating func stdpStep(_ key: String, net: Network, layer l: Int, input: SpikeWave, inhibitedKey: String?) throws {
    let s = try reference.nested(key)
    let t = model.spec.layers[l].training
    if s.has("kwta_k") {
      table.compareValue(key + " k-WTA k, ρ", [t.winners, t.inhibitionRadius], [try s.int("kwta_k"), try s.int("kwta_r")]) {
        "k \($0[0]), ρ \($0[1])"
      }
    }
    try checkBounds(key, layer: l, s)
    let doublings = try s.int("schedule_doublings_before_step", default: 0)
    var scheduled = [RatePair(t.ltp, t.ltd)]
    let schedule = RateSchedule(every: 1, maxLTP: t.maxLTP, ltdRatio: t.ltdRatio)
    for _ in 0..<doublings { schedule.update(&scheduled, imagesSeen: 1) }
    let rates = try s.ratePair("rates")
    if s.has("schedule_doublings_before_step") {
      checkRates(key + ".rates (\(doublings) doublings)", ours: scheduled[0], rates)
    }

    var pooled = input
    if t.inhibitInput { InputInhibition.apply(to: &pooled) }
    var out = ConvOutput(), events = SpikeEvents()
    net.run(layer: l, pooledInput: pooled, into: &out, events: &events)
    let exact = net.exactPotentials(layer: l, pooledInput: pooled)
    if t.pointwiseInhibition {
      table.notes += Self.floatOnlyTies(out, exact, layer: "conv\(l + 1)").filter { !table.notes.contains($0) }
      out.inhibitPointwise(exact: exact)
    }
    if let inhibitedKey {
      table.compareTimes("\(key).\(inhibitedKey)", out.wave().signedTimes, try wave(s, inhibitedKey, out.shape).signedTimes)
    }
    let winners = out.kWinners(t.winners, radius: t.inhibitionRadius, exact: exact)
    let want = try s.winners("winners", within: out.shape)
    let after = trainerStep(net, layer: l, input: input, label: 0, rates: rates)
    if winners == want {
      table.compareValue(key + ".winners", winners, want) { winnerList($0) }
      try table.compareStep(key, before: net.weights[l], after: after, beforeSHA: layerDigests[l], reference: s)
      return
    }
    // The picks part: explained only when SpykeTorch's own score rule on FirstSpike's
    // potentials gives the reference's list and the first differing pick is a score tie.
    guard let lines = SpykeTorchKWTA.explain(ours: winners, theirs: want, out: out, k: t.winners, radius: t.inhibitionRadius)
    else {
      table.compareValue(key + ".winners", winners, want) { winnerList($0) }
      try table.compareStep(key, before: net.weights[l], after: after, beforeSHA: layerDigests[l], reference: s)
      return
    }
    if !table.explained.contains(lines[0]) { table.explained += lines }
    table.add(key + ".winners", "\(want.count)", "FirstSpike \(winnerList(winners)), reference \(winnerList(want))", .explained)
    // STDP itself on the reference's winners: bit-exact.
    var w = net.weights[l]
    var stdp = STDP(lowerBound: t.lowerBound, upperBound: t.upperBound, stabilizer: t.stabilizer)
    stdp.apply(to: &w, input: pooled.padded(model.spec.layers[l].inputPadding), winners: want,
               outputTimes: want.map { out.spikeTime[out.slot($0.feature, $0.row, $0.column)] },
               rates: Array(repeating: rates, count: w.outChannels))
    try table.compareStep(key + " [reference's winners]", before: net.weights[l], after: w, beforeSHA: layerDigests[l],
                          reference: s)
    // FirstSpike's own step changes the kernels of its own winners instead.
    let changed = changedKernels(net.weights[l], after), reference = try s.intList("changed_kernel_indices")
    let onlyPicks = Set(changed).symmetricDifference(reference)
      .isSubset(of: Set(winners.map(\.feature)).symmetricDifference(want.map(\.feature)))
    let status: TraceTable.Status = changed == reference ? .agrees : onlyPicks ? .explained : .differs
    table.add(key + " [FirstSpike's winners]", "", "changed kernels \(changed), reference \(reference)"
      + (status == .explained ? ": they differ only in the kernels of the differing picks" : ""), status)
  }

  /// Positions where pointwise inhibition meets features whose float32 potentials at the
  /// earliest step tie (correctly rounded) although their exact sums differ: there only
  /// float32 rounding decides (the lowest feature wins in both simulators).
  static func floatOnlyTies(_ out: ConvOutput, _ exact: ExactPotentials, layer: String) -> [String] {
    var lines: [String] = []
    let W = out.shape.width
    for pos in 0..<out.shape.plane {
      let base = pos * out.paddedOut
      let fired = (0..<out.shape.channels).filter { out.spikeTime[base + $0] != SpikeWave.never }
      guard let t = fired.map({ out.spikeTime[base + $0] }).min() else { continue }
      let first = fired.filter { out.spikeTime[base + $0] == t }
      if first.count < 2 { continue }
      let rounded = first.map { exact.value(feature: $0, row: pos / W, column: pos % W, step: t) }
      let top = rounded.max()!
      let tied = first.indices.filter { rounded[$0] == top }.map { first[$0] }
      if tied.count < 2 { continue }
      let sums = tied.map { exact.sum(feature: $0, row: pos / W, column: pos % W, step: t) }
      guard Set(sums).count > 1 else { continue }
      let best = tied[sums.firstIndex(of: sums.max()!)!]
      lines.append("\(layer) pointwise inhibition at (\(pos / W), \(pos % W)), step \(t): features \(tied) all have "
        + "potential \(top) in float32; exactly, \(best) is larger by \(short(sums.max()! - sums.min()!)) (below float32 "
        + "resolution); FirstSpike keeps the lowest, \(tied[0])")
    }
    return lines
  }

  /// The features whose kernel has at least one bit changed.
  func changedKernels(_ before: ConvWeights, _ after: ConvWeights) -> [Int] {
    let a = before.canonical(), b = after.canonical(), per = before.inChannels * before.kernel * before.kernel
    return (0..<before.outChannels).filter { f in (0..<per).contains { a[f * per + $0].bitPattern != b[f * per + $0].bitPattern } }
  }

  /// One R-STDP step of decision layer `l` with the target class of `key`: the decision from
  /// the stored input, its outcome, and the weights after (reward or punishment rates).
  mutating func rewardStep(_ key: String, net: Network, layer l: Int, input: SpikeWave, perClass: Int,
                           ratesFrom ratesKey: String? = nil) throws {
    let s = try reference.nested(key)
    let target = try s.int("target")
    var out = ConvOutput(), events = SpikeEvents()
    net.run(layer: l, pooledInput: input, into: &out, events: &events)
    let d = net.decide(out, exact: net.exactPotentials(layer: l, pooledInput: input))
    if s.has("winner") {
      table.compareValue(key + ".winner", d?.winner, try s.winner("winner", within: out.shape)) {
        $0.map(\.description) ?? "silent"
      }
    }
    let outcome = d == nil ? "silent" : d!.label == target ? "reward" : "punish"
    table.compareValue(key + ".outcome (target \(target))", outcome, try s.string("outcome")) { $0 }
    let r = try reference.nested(ratesKey ?? key).nested("rates")
    let reward = try r.ratePair("reward"), punish = try r.ratePair("punish")
    let t = model.spec.layers[l].training
    if ratesKey == nil {
      checkRates(key + ".rates reward", ours: RatePair(t.ltp, t.ltd), reward)
      checkRates(key + ".rates punish", ours: RatePair(t.punishLTP, t.punishLTD), punish)
    }
    try checkBounds(key, layer: l, s)
    let after = trainerStep(net, layer: l, input: input, label: target, rates: reward, punish: punish)
    try table.compareStep(key, before: net.weights[l], after: after, beforeSHA: layerDigests[l], reference: s)
  }
}
