/// One image's pass through the network kept layer by layer, for `firstspike explain`.
public struct NetworkTrace: Sendable {
  /// The image the encoder read (resized to the input size where needed).
  public var input: GrayImage
  /// The encoder's output wave.
  public var encoded: SpikeWave
  /// Each layer's output wave (first-spike times, `(C, H, W)`), before the next layer's pooling.
  public var outputs: [SpikeWave]
  /// The last layer's potential at each neuron's first spike (0 if silent), `(C, H, W)`.
  public var lastPotentials: FeatureMaps
  /// The decision, exactly as ``Network/classify(_:)`` makes it.
  public var classification: Classification
  /// One score per class on the readout's own scale: for a decision readout, the largest
  /// potential of the class's neurons among those that fired at the winner's time step (0 when
  /// none did; the winner's class minus the best other is the margin); for an SVM readout,
  /// `w_k · x + b_k`.
  public var scores: [Double]
  /// Decision readout: the winning neuron and its spike time.
  public var winner: (neuron: Winner, time: Int)?
}

extension Network {
  /// Runs the whole network on one image in inference mode and keeps every layer's output.
  /// Same arithmetic as ``classify(_:)`` (same calls, same order), so the decision and margin
  /// are identical.
  /// - Complexity: that of ``classify(_:)`` plus one copy of each layer's output.
  public func trace(_ image: GrayImage) -> NetworkTrace {
    let read = image.width == spec.inputWidth && image.height == spec.inputHeight
      ? image : image.resized(width: spec.inputWidth, height: spec.inputHeight)
    let encoded = encoder.encode(read)
    var wave = pooledInput(encoded, layer: 0)
    var out = ConvOutput(), events = SpikeEvents()
    var outputs: [SpikeWave] = [], spikes = [encoded.spikeCount], counts: [Int] = []
    for l in spec.layers.indices {
      run(layer: l, pooledInput: wave, into: &out, events: &events)
      outputs.append(out.wave())
      counts.append(out.synapticEvents)
      spikes.append(out.spikeCount)
      if l + 1 < spec.layers.count { wave = input(of: l + 1, from: out) }
    }
    let classes = spec.classNames.count
    var potentials = FeatureMaps(shape: out.shape)
    for pos in 0..<out.shape.plane {
      for f in 0..<out.shape.channels { potentials.values[f * out.shape.plane + pos] = out.potentialAtSpike[pos * out.paddedOut + f] }
    }
    switch spec.readout {
    case .decision(let perClass):
      let d = decide(out)
      var scores = [Double](repeating: 0, count: max(classes, (out.shape.channels + perClass - 1) / perClass))
      var winner: (neuron: Winner, time: Int)?
      if let d {
        let t = out.spikeTime[out.slot(d.winner.feature, d.winner.row, d.winner.column)]
        winner = (d.winner, Int(t))
        for pos in 0..<out.shape.plane {
          for f in 0..<out.shape.channels where out.spikeTime[pos * out.paddedOut + f] == t {
            scores[f / perClass] = max(scores[f / perClass], Double(out.potentialAtSpike[pos * out.paddedOut + f]))
          }
        }
      }
      let c = Classification(label: d?.label, margin: d?.margin ?? 0, spikes: spikes, events: counts)
      return NetworkTrace(input: read, encoded: encoded, outputs: outputs, lastPotentials: potentials, classification: c, scores: scores, winner: winner)
    case .svm(let pool, _, _, _):
      guard let svm else {
        let c = Classification(label: nil, margin: 0, spikes: spikes, events: counts)
        return NetworkTrace(input: read, encoded: encoded, outputs: outputs, lastPotentials: potentials, classification: c,
                            scores: [Double](repeating: 0, count: classes), winner: nil)
      }
      let fired = out.pooledWave(size: pool.size, stride: pool.stride, padding: pool.padding).firedIndices()
      let row = SparseFeatureMatrix.Row(columns: fired[...], values: nil)
      let p = svm.predict(row)
      let c = Classification(label: p.class, margin: p.margin, spikes: spikes, events: counts)
      return NetworkTrace(input: read, encoded: encoded, outputs: outputs, lastPotentials: potentials, classification: c,
                          scores: svm.scores(row).map(Double.init), winner: nil)
    }
  }
}
