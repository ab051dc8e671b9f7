extension ConvOutput {
  /// Pointwise (feature) inhibition: at each position only one feature survives.
  ///
  /// Mirrors SpykeTorch `sf.pointwise_inhibition` on thresholded potentials: at each position
  /// find the earliest step `t*` at which any feature fired; among the features that fired at
  /// `t*`, the one with the largest potential *at `t*`* wins (FirstSpike rule: ties → lowest
  /// feature index). All other features at that position are silenced for the whole stimulus.
  /// - Complexity: O(H · W · Cout).
  public mutating func inhibitPointwise() {
    let cp = paddedOut, cout = shape.channels
    spikeTime.withUnsafeMutableBufferPointer { st in
      potentialAtSpike.withUnsafeMutableBufferPointer { pas in
        for pos in 0..<shape.plane {
          let base = pos * cp
          var winner = -1
          var bestTime = SpikeWave.never
          var bestPot: Float = 0
          for f in 0..<cout {
            let t = st[base + f]
            if t == SpikeWave.never { continue }
            if t < bestTime || (t == bestTime && pas[base + f] > bestPot) {
              winner = f
              bestTime = t
              bestPot = pas[base + f]
            }
          }
          if winner < 0 { continue }
          for f in 0..<cout where f != winner {
            st[base + f] = SpikeWave.never
            pas[base + f] = 0
          }
        }
      }
    }
  }
}
