/// The network's answer for one image, with the activity that produced it.
public struct Classification: Sendable {
  /// Class index, nil when silent.
  public var label: Int?
  /// Decision margin: winner's potential minus the best other class's (decision readout), or
  /// best minus second-best SVM score.
  public var margin: Float
  /// Spikes of the encoder output and of each layer.
  public var spikes: [Int]
  /// Synaptic events of each layer.
  public var events: [Int]
}

extension Network {
  /// Runs the whole network on one image in inference mode.
  public func classify(_ image: GrayImage) -> Classification {
    var out = ConvOutput(), events = SpikeEvents()
    return classify(image, output: &out, events: &events)
  }

  public func classify(_ image: GrayImage, output out: inout ConvOutput, events: inout SpikeEvents,
                       finalPotential: Bool = false) -> Classification {
    var scratch = ForwardScratch()
    swap(&scratch.output, &out)
    swap(&scratch.events, &events)
    defer {
      swap(&scratch.output, &out)
      swap(&scratch.events, &events)
    }
    return classify(image, scratch: &scratch, finalPotential: finalPotential)
  }

  /// ``classify(_:)`` reusing one worker's buffers.
  /// - Parameter finalPotential: compute the last layer's final potentials too (what
  ///   ``classifyWithScores(_:)`` reads); spike times and decisions are the same either way.
  public func classify(_ image: GrayImage, scratch: inout ForwardScratch, finalPotential: Bool = false) -> Classification {
    let encoded = encode(image, scratch: &scratch)
    var wave = pooledInput(encoded, layer: 0)
    var spikes = [encoded.spikeCount], counts: [Int] = []
    for l in spec.layers.indices {
      run(layer: l, pooledInput: wave, into: &scratch.output, events: &scratch.events,
          finalPotential: finalPotential && l == spec.layers.count - 1)
      counts.append(scratch.output.synapticEvents)
      spikes.append(scratch.output.spikeCount)
      if l + 1 < spec.layers.count { wave = input(of: l + 1, from: scratch.output) }
    }
    let out = scratch.output
    switch spec.readout {
    case .decision:
      let d = decide(out, exact: exactPotentials(layer: spec.layers.count - 1, pooledInput: wave))
      return Classification(label: d?.label, margin: d?.margin ?? 0, spikes: spikes, events: counts)
    case .svm(let pool, _, _, _):
      guard let svm else { return Classification(label: nil, margin: 0, spikes: spikes, events: counts) }
      let features = out.pooledWave(size: pool.size, stride: pool.stride, padding: pool.padding)
      let fired = features.firedIndices()
      let p = svm.predict(SparseFeatureMatrix.Row(columns: fired[...], values: nil))
      return Classification(label: p.class, margin: p.margin, spikes: spikes, events: counts)
    }
  }
}
