extension ReferenceTrace {
  /// Compares this trace (FirstSpike's) with `reference` stage by stage; tolerances and what
  /// counts as an acceptable difference are documented on ``TraceComparison``.
  /// - Precondition: both traces have the same shapes (S1C1, conv1 and weights).
  /// - Complexity: O(neurons + weights), plus O(Cin·k²) per differing conv1 neuron.
  public func compared(to reference: ReferenceTrace) -> TraceComparison {
    precondition(s1c1.shape == reference.s1c1.shape && thresholdedWave.shape == reference.thresholdedWave.shape
                   && weightShape == reference.weightShape,
                 "trace shapes \(s1c1.shape), \(thresholdedWave.shape), \(weightShape) vs reference "
                   + "\(reference.s1c1.shape), \(reference.thresholdedWave.shape), \(reference.weightShape)")
    let near = nearThresholdNeurons(reference)
    let nearPositions = Set(near.map { $0 % thresholdedWave.shape.plane })
    return TraceComparison(
      imageIndex: imageIndex, split: split, label: label, referenceLabel: reference.label,
      s1c1Counts: [nonzeroIntensities, binSize, spikeCount],
      referenceS1C1Counts: [reference.nonzeroIntensities, reference.binSize, reference.spikeCount],
      s1c1: compareTimes(s1c1, reference.s1c1) { n in self.isNearBinBoundary(n, reference.s1c1.times[n]) },
      thresholded: compareTimes(thresholdedWave, reference.thresholdedWave) { near.contains($0) },
      inhibited: compareTimes(inhibitedWave, reference.inhibitedWave) { n in
        let pos = n % self.thresholdedWave.shape.plane
        return nearPositions.contains(pos) || self.isNearTie(position: pos)
      },
      thresholdedPotentials: Self.comparePotentials(
        thresholdedPotentials, thresholdedWave, reference.thresholdedPotentials, reference.thresholdedWave),
      inhibitedPotentials: Self.comparePotentials(
        inhibitedPotentials, inhibitedWave, reference.inhibitedPotentials, reference.inhibitedWave),
      winners: winners, referenceWinners: reference.winners,
      weights: Self.compareValues(weightsAfterSTDP, reference.weightsAfterSTDP, TraceComparison.weightTolerance) {
        _ in true
      },
      parameters: parameters)
  }

  /// Potentials of the neurons that fired at the same step in both traces.
  private static func comparePotentials(_ ours: FeatureMaps, _ ourWave: SpikeWave,
                                        _ theirs: FeatureMaps, _ theirWave: SpikeWave) -> TraceComparison.Values {
    compareValues(ours.values, theirs.values, TraceComparison.potentialTolerance) {
      ourWave.times[$0] == theirWave.times[$0] && ourWave.times[$0] != SpikeWave.never
    }
  }

  private func compareTimes(_ ours: SpikeWave, _ theirs: SpikeWave, acceptable: (Int) -> Bool)
    -> TraceComparison.SpikeTimes
  {
    var s = TraceComparison.SpikeTimes(neurons: ours.times.count, differing: 0, acceptable: 0)
    for n in ours.times.indices where ours.times[n] != theirs.times[n] {
      s.differing += 1
      if acceptable(n) { s.acceptable += 1 }
    }
    return s
  }

  private static func compareValues(_ ours: [Float], _ theirs: [Float], _ tolerance: Float,
                                    where include: (Int) -> Bool) -> TraceComparison.Values {
    var v = TraceComparison.Values()
    for i in ours.indices where include(i) {
      let d = abs(ours[i] - theirs[i])
      v.compared += 1
      v.maxAbsolute = max(v.maxAbsolute, d)
      v.maxRelative = max(v.maxRelative, d / max(abs(theirs[i]), 1))
      if d > tolerance { v.beyondTolerance += 1 }
    }
    return v
  }

  /// Flat `(feature, row, column)` indices of conv1 neurons whose thresholded spike times differ
  /// and whose potential at the earlier of the two times is within the tolerance of θ.
  private func nearThresholdNeurons(_ reference: ReferenceTrace) -> Set<Int> {
    let shape = thresholdedWave.shape
    var out = Set<Int>()
    for n in thresholdedWave.times.indices {
      let a = thresholdedWave.times[n], b = reference.thresholdedWave.times[n]
      if a == b { continue }
      let f = n / shape.plane, pos = n % shape.plane
      let pot = potential(feature: f, row: pos / shape.width, column: pos % shape.width, step: Int(min(a, b)))
      if abs(pot - Double(parameters.threshold)) <= TraceComparison.thresholdTolerance { out.insert(n) }
    }
    return out
  }

  /// Whether pointwise inhibition at `position` was a near-tie: the two largest potentials
  /// among the features that first fired at the earliest step lie within the tolerance.
  private func isNearTie(position pos: Int) -> Bool {
    let shape = thresholdedWave.shape
    var earliest = SpikeWave.never
    for f in 0..<shape.channels { earliest = min(earliest, thresholdedWave.times[f * shape.plane + pos]) }
    if earliest == SpikeWave.never { return false }
    let pots = (0..<shape.channels).filter { thresholdedWave.times[$0 * shape.plane + pos] == earliest }.map {
      potential(feature: $0, row: pos / shape.width, column: pos % shape.width, step: Int(earliest))
    }.sorted(by: >)
    return pots.count >= 2 && pots[0] - pots[1] <= TraceComparison.thresholdTolerance
  }

  /// Whether S1C1 neuron `n`, at time `t` here and `other` in the reference (one bin apart),
  /// sits at a near-tied bin boundary: both values adjacent to the boundary between the two
  /// bins are within a relative tolerance of its intensity. Needs ``s1c1Intensities``.
  private func isNearBinBoundary(_ n: Int, _ other: UInt8) -> Bool {
    guard let values = s1c1Intensities?.values, binSize > 0 else { return false }
    let T = s1c1.timeSteps
    let a = min(Int(s1c1.times[n]), T), b = min(Int(other), T)
    guard abs(a - b) == 1 else { return false }
    let sorted = values.filter { $0 != 0 }.sorted(by: >)
    let r = max(a, b) * binSize
    guard r >= 1, r < sorted.count else { return false }
    let v = values[n], tol = TraceComparison.s1c1TieTolerance * abs(v)
    return abs(sorted[r - 1] - v) <= tol && abs(sorted[r] - v) <= tol
  }
}
