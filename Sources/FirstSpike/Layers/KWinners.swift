/// A neuron chosen by k-winners-take-all: its feature, row and column.
public struct Winner: Hashable, Sendable, Codable, CustomStringConvertible {
  public var feature: Int
  public var row: Int
  public var column: Int
  public init(feature: Int, row: Int, column: Int) {
    self.feature = feature
    self.row = row
    self.column = column
  }
  public var description: String { "[\(feature), \(row), \(column)]" }
}

extension ConvOutput {
  /// k winners-take-all with lateral inhibition radius ρ.
  ///
  /// Mirrors SpykeTorch `sf.get_k_winners(pot, k, ρ, spk)`: candidates are the neurons that
  /// fired, ordered by earliest first-spike time, then by larger potential *at that time*, then
  /// (FirstSpike rule) by lowest flat index `(feature, row, column)`. Winners are picked one at
  /// a time; after each pick `(f, r, c)` every neuron of feature `f` is removed, and if `ρ > 0`
  /// every neuron of every feature with `|row − r| ≤ ρ` and `|col − c| ≤ ρ`.
  ///
  /// `k = 1` is one scan; otherwise the fired neurons are sorted once by that order and walked,
  /// skipping taken features and blocked positions. With `exact` (the convolution's input and
  /// weights), runs of candidates of one time whose float32 potentials may tie are ordered by
  /// their correctly rounded exact sums (``ExactPotentials``), so exact ties go to the lowest
  /// flat index whatever order the kernel summed in.
  /// - Complexity: O(H · W · Cout + n log n) for `n` fired neurons, plus O(Cin · k²) per
  ///   near-tied candidate.
  public func kWinners(_ k: Int, radius ρ: Int, exact: ExactPotentials? = nil) -> [Winner] {
    if k <= 0 { return [] }
    if k == 1 { return firstWinner(exact: exact).map { [$0] } ?? [] }
    let cp = paddedOut, cout = shape.channels, W = shape.width, H = shape.height, plane = shape.plane
    var candidates: [Candidate] = []
    spikeTime.withUnsafeBufferPointer { st in
      potentialAtSpike.withUnsafeBufferPointer { pas in
        for pos in 0..<plane {
          for f in 0..<cout where st[pos * cp + f] != SpikeWave.never {
            candidates.append(Candidate(time: st[pos * cp + f], potential: pas[pos * cp + f], index: Int32(f * plane + pos)))
          }
        }
      }
    }
    candidates.sort(by: Candidate.precedes)
    if let exact { Self.refineNearTies(&candidates, exact, plane: plane, width: W) }
    var featureTaken = [Bool](repeating: false, count: cout)
    var blocked = [Bool](repeating: false, count: plane)
    var winners: [Winner] = []
    winners.reserveCapacity(k)
    for c in candidates {
      let f = Int(c.index) / plane, pos = Int(c.index) - f * plane
      if featureTaken[f] || blocked[pos] { continue }
      let r = pos / W, x = pos % W
      winners.append(Winner(feature: f, row: r, column: x))
      if winners.count == k { break }
      featureTaken[f] = true
      if ρ > 0 {
        for y in max(0, r - ρ)...min(H - 1, r + ρ) {
          for xx in max(0, x - ρ)...min(W - 1, x + ρ) { blocked[y * W + xx] = true }
        }
      }
    }
    return winners
  }

  /// Re-orders each run of same-time candidates whose consecutive float32 potentials may tie
  /// by their exact potentials (sorted candidates in, sorted candidates out).
  static func refineNearTies(_ candidates: inout [Candidate], _ exact: ExactPotentials, plane: Int, width W: Int) {
    var i = 0
    while i < candidates.count {
      var j = i + 1
      while j < candidates.count, candidates[j].time == candidates[i].time,
            exact.mayTie(candidates[j - 1].potential, candidates[j].potential) { j += 1 }
      if j - i > 1 {
        for m in i..<j {
          let n = Int(candidates[m].index), f = n / plane, pos = n % plane
          candidates[m].potential = exact.value(feature: f, row: pos / W, column: pos % W, step: candidates[m].time)
        }
        candidates[i..<j].sort(by: Candidate.precedes)
      }
      i = j
    }
  }

  /// The first winner: earliest spike, then largest potential at it, then lowest flat index.
  func firstWinner(exact: ExactPotentials? = nil) -> Winner? {
    guard let best = firstWinnerByFloat() else { return nil }
    guard let exact else { return best }
    // Every neuron of the winner's time whose potential may tie with it: decide exactly.
    let t = spikeTime[slot(best.feature, best.row, best.column)], p = potentialAtSpike[slot(best.feature, best.row, best.column)]
    var candidates: [Candidate] = []
    for pos in 0..<shape.plane {
      for f in 0..<shape.channels where spikeTime[pos * paddedOut + f] == t && exact.mayTie(potentialAtSpike[pos * paddedOut + f], p) {
        candidates.append(Candidate(time: t, potential: potentialAtSpike[pos * paddedOut + f], index: Int32(f * shape.plane + pos)))
      }
    }
    if candidates.count < 2 { return best }
    for m in candidates.indices {
      let n = Int(candidates[m].index), f = n / shape.plane, pos = n % shape.plane
      candidates[m].potential = exact.value(feature: f, row: pos / shape.width, column: pos % shape.width, step: t)
    }
    let w = candidates.min(by: Candidate.precedes)!
    let n = Int(w.index), pos = n % shape.plane
    return Winner(feature: n / shape.plane, row: pos / shape.width, column: pos % shape.width)
  }

  func firstWinnerByFloat() -> Winner? {
    let cp = paddedOut, cout = shape.channels, plane = shape.plane
    var best: (f: Int, pos: Int) = (-1, -1)
    var bestTime = SpikeWave.never
    var bestPot: Float = 0
    spikeTime.withUnsafeBufferPointer { st in
      potentialAtSpike.withUnsafeBufferPointer { pas in
        for pos in 0..<plane {
          for f in 0..<cout {
            let t = st[pos * cp + f]
            if t == SpikeWave.never || t > bestTime { continue }
            let p = pas[pos * cp + f]
            // Positions outer here, so equal keys are broken by flat index explicitly.
            if t < bestTime || p > bestPot || (p == bestPot && f * plane + pos < best.f * plane + best.pos) {
              best = (f, pos)
              bestTime = t
              bestPot = p
            }
          }
        }
      }
    }
    return best.f < 0 ? nil : Winner(feature: best.f, row: best.pos / shape.width, column: best.pos % shape.width)
  }
}

/// A fired neuron as k-WTA orders it.
struct Candidate {
  var time: UInt8
  var potential: Float
  /// Flat `(feature, row, column)` index.
  var index: Int32

  /// Earlier time, then larger potential, then lower flat index.
  static func precedes(_ a: Candidate, _ b: Candidate) -> Bool {
    if a.time != b.time { return a.time < b.time }
    if a.potential != b.potential { return a.potential > b.potential }
    return a.index < b.index
  }
}
