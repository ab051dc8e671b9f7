extension ConvOutput {
  /// Pointwise (feature) inhibition: at each position only one feature survives.
  ///
  /// Mirrors SpykeTorch `sf.pointwise_inhibition` on thresholded potentials: at each position
  /// find the earliest step `t*` at which any feature fired; among the features that fired at
  /// `t*`, the one with the largest potential *at `t*`* wins (FirstSpike rule: ties → lowest
  /// feature index). All other features at that position are silenced for the whole stimulus.
  /// With `exact` (the convolution's input and weights), candidates whose float32 potentials
  /// may tie are compared by their correctly rounded exact sums (``ExactPotentials``), so an
  /// exact tie goes to the lowest feature whatever order the kernel summed in.
  /// - Complexity: O(H · W · Cout), plus O(Cin · k²) per near-tied candidate.
  public mutating func inhibitPointwise(exact: ExactPotentials? = nil) {
    let cp = paddedOut, cout = shape.channels, width = shape.width
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
          if let exact {
            // Features at t* whose potential may equal the best: decide by exact sums.
            var refined: Float? = nil
            for f in 0..<cout where st[base + f] == bestTime && f != winner && exact.mayTie(pas[base + f], bestPot) {
              let r = refined ?? exact.value(feature: winner, row: pos / width, column: pos % width, step: bestTime)
              refined = r
              let v = exact.value(feature: f, row: pos / width, column: pos % width, step: bestTime)
              if v > r || (v == r && f < winner) {
                winner = f
                refined = v
              }
            }
          }
          for f in 0..<cout where f != winner {
            st[base + f] = SpikeWave.never
            pas[base + f] = 0
          }
        }
      }
    }
  }
}
