extension Network {
  /// The decision of a network whose readout is `.decision`: the single k-WTA winner of the
  /// last layer's output (earliest spike, then largest potential at that time, then lowest
  /// flat index), ignoring `dropped` features. `nil` when no neuron fired (silent).
  /// With `exact` (``exactPotentials(layer:pooledInput:)``), candidates whose float32
  /// potentials may tie are compared by their exact sums.
  public func decide(_ out: ConvOutput, dropped: [Bool]? = nil, exact: ExactPotentials? = nil)
    -> (winner: Winner, label: Int, margin: Float)?
  {
    guard case .decision(let perClass) = spec.readout else {
      preconditionFailure("\(spec.name) has no decision readout")
    }
    var out = out
    if let dropped {
      for pos in 0..<out.shape.plane {
        for f in 0..<out.shape.channels where dropped[f] { out.silence(pos * out.paddedOut + f) }
      }
    }
    guard let w = out.kWinners(1, radius: 0, exact: exact).first else { return nil }
    let p = out.potentialAtSpike[out.slot(w.feature, w.row, w.column)]
    // Margin: the winner's potential minus the best potential of another class at the same
    // (earliest) time; the winner's own potential if no other class fired then.
    let t = out.spikeTime[out.slot(w.feature, w.row, w.column)]
    let label = w.feature / perClass
    var runnerUp: Float = 0
    for pos in 0..<out.shape.plane {
      for f in 0..<out.shape.channels where f / perClass != label {
        let s = pos * out.paddedOut + f
        if out.spikeTime[s] == t { runnerUp = max(runnerUp, out.potentialAtSpike[s]) }
      }
    }
    return (w, label, p - runnerUp)
  }

  /// Exact re-comparison of layer `l`'s potentials on its pooled input (for pointwise
  /// inhibition, k-WTA and the decision): near ties for a thresholded layer, bit-equal ones
  /// for a layer without threshold (whose kernel may subtract, see ``ExactPotentials``).
  public func exactPotentials(layer l: Int, pooledInput: SpikeWave) -> ExactPotentials {
    ExactPotentials(input: pooledInput, padding: spec.layers[l].inputPadding, weights: weights[l],
                    onlyEqual: spec.layers[l].threshold == nil)
  }
}
