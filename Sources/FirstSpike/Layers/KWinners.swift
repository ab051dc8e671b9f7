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
  /// - Complexity: O(k · H · W · Cout).
  public func kWinners(_ k: Int, radius ρ: Int) -> [Winner] {
    let cp = paddedOut, cout = shape.channels, W = shape.width, H = shape.height
    var featureTaken = [Bool](repeating: false, count: cout)
    var blocked = [Bool](repeating: false, count: shape.plane)
    var winners: [Winner] = []
    winners.reserveCapacity(k)
    spikeTime.withUnsafeBufferPointer { st in
      potentialAtSpike.withUnsafeBufferPointer { pas in
        while winners.count < k {
          var best: (f: Int, pos: Int) = (-1, -1)
          var bestTime = SpikeWave.never
          var bestPot: Float = 0
          // Features outer, positions inner: the first of equal keys in this order is the
          // lowest flat (feature, row, column) index.
          for f in 0..<cout where !featureTaken[f] {
            for pos in 0..<shape.plane where !blocked[pos] {
              let t = st[pos * cp + f]
              if t == SpikeWave.never || t > bestTime { continue }
              let p = pas[pos * cp + f]
              if t < bestTime || p > bestPot {
                best = (f, pos)
                bestTime = t
                bestPot = p
              }
            }
          }
          if best.f < 0 { break }
          let r = best.pos / W, c = best.pos % W
          winners.append(Winner(feature: best.f, row: r, column: c))
          featureTaken[best.f] = true
          if ρ > 0 {
            for y in max(0, r - ρ)...min(H - 1, r + ρ) {
              for x in max(0, c - ρ)...min(W - 1, c + ρ) { blocked[y * W + x] = true }
            }
          }
        }
      }
    }
    return winners
  }
}
