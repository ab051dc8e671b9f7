extension Network {
  /// The classification of `image` and a score per class whose largest entry is the decided
  /// class's (what calibrated probabilities are computed from, ``ScoreCalibration``).
  ///
  /// - Decision readout: a class's score is the best potential among its neurons at the
  ///   decision time `t*` (the winner's spike time): the potential at the spike of a neuron
  ///   that fired at `t*`; for one that fired later or never, its final potential, capped at
  ///   the layer's threshold (it was below the threshold at `t*`; potentials only grow). A
  ///   layer without threshold fires at the last step, so these are its final potentials.
  ///   Silent: every class scores 0.
  /// - SVM readout: the SVM's scores `w_k · x + b_k`.
  public func classifyWithScores(_ image: GrayImage) -> (classification: Classification, scores: [Double]) {
    var out = ConvOutput(), events = SpikeEvents()
    let c = classify(image, output: &out, events: &events, finalPotential: true)
    let classes = spec.classNames.count
    switch spec.readout {
    case .decision(let perClass):
      return (c, decisionScores(out, perClass: perClass, classes: classes))
    case .svm(let pool, _, _, _):
      guard let svm else { return (c, [Double](repeating: 0, count: classes)) }
      let fired = out.pooledWave(size: pool.size, stride: pool.stride, padding: pool.padding).firedIndices()
      return (c, svm.scores(SparseFeatureMatrix.Row(columns: fired[...], values: nil)).map(Double.init))
    }
  }

  func decisionScores(_ out: ConvOutput, perClass: Int, classes: Int) -> [Double] {
    guard let w = out.kWinners(1, radius: 0).first, perClass > 0 else { return [Double](repeating: 0, count: classes) }
    let t = out.spikeTime[out.slot(w.feature, w.row, w.column)]
    let threshold = spec.layers[spec.layers.count - 1].threshold.map(Double.init)
    var scores = [Double](repeating: -.infinity, count: classes)
    for pos in 0..<out.shape.plane {
      for f in 0..<min(out.shape.channels, classes * perClass) {
        let s = pos * out.paddedOut + f
        var v = out.spikeTime[s] == t ? Double(out.potentialAtSpike[s]) : Double(out.potential[s])
        if out.spikeTime[s] != t, let threshold { v = min(v, threshold) }
        scores[f / perClass] = max(scores[f / perClass], v)
      }
    }
    return scores.map { $0 == -.infinity ? 0 : $0 }
  }
}
