/// Accuracy and activity of a network on a labelled set. Silent images (no decision) count as
/// wrong in `accuracy`. Every figure comes from ``tally`` (integer sums) and the network's
/// constants, so merged shards give the same report as one run.
public struct EvaluationReport: Sendable {
  public var tally: EvaluationTally
  /// Predicted class per image (-1 = silent), in data order; empty for a report rebuilt from
  /// a tally (merged shards).
  public var predictions: [Int]
  /// Mean spikes per image: `[encoder output, layer 1, layer 2, …]`.
  public var spikesPerImage: [Double]
  /// Mean synaptic events (accumulates) per image, per layer.
  public var synapticEventsPerImage: [Double]
  /// Multiply-accumulates of the equivalent dense network (same layers, every neuron) per image.
  public var denseMACsPerImage: Double

  /// A report whose per-image means are the tally's totals over its images.
  public init(tally: EvaluationTally, predictions: [Int] = [], denseMACsPerImage: Double) {
    self.init(tally: tally, predictions: predictions,
              spikesPerImage: EvaluationTally.perImage(tally.spikes, images: tally.images),
              synapticEventsPerImage: EvaluationTally.perImage(tally.events, images: tally.images),
              denseMACsPerImage: denseMACsPerImage)
  }

  public init(tally: EvaluationTally, predictions: [Int], spikesPerImage: [Double], synapticEventsPerImage: [Double],
              denseMACsPerImage: Double) {
    self.tally = tally
    self.predictions = predictions
    self.spikesPerImage = spikesPerImage
    self.synapticEventsPerImage = synapticEventsPerImage
    self.denseMACsPerImage = denseMACsPerImage
  }

  public var images: Int { tally.images }
  public var correct: Int { tally.correct }
  public var silent: Int { tally.silent }
  /// `confusion[true][predicted]`; silent images are not in it.
  public var confusion: [[Int]] { tally.confusion }

  public var accuracy: Double { images == 0 ? 0 : Double(correct) / Double(images) }
  public var silentRate: Double { images == 0 ? 0 : Double(silent) / Double(images) }

  /// Energy per image in picojoules with 45 nm figures (Horowitz, ISSCC 2014): a float32 add
  /// 0.9 pJ per synaptic event in the SNN, a float32 multiply-accumulate 4.6 pJ in the ANN.
  public var energyPicojoules: (snn: Double, ann: Double) {
    (synapticEventsPerImage.reduce(0, +) * 0.9, denseMACsPerImage * 4.6)
  }
}

extension Network {
  /// Multiply-accumulates per image of the dense (ANN) equivalent of the conv layers.
  public var denseMACs: Double {
    var total = 0.0
    for l in spec.layers.indices {
      let s = outputShape(layer: l), k = spec.layers[l].kernel
      total += Double(s.count) * Double(spec.layers[l].inChannels * k * k)
    }
    return total
  }
}
