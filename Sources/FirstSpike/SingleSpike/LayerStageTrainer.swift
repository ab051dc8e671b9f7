import Foundation

/// Trains one layer of a single-spike model (STDP or R-STDP) from the frozen lower layers'
/// output, which it computes once for the whole data set (``WaveCache``, on all cores) and,
/// for R-STDP stages, for the test split too.
public struct LayerStageTrainer: StageTrainer {
  var trainer: LayerTrainer
  let stage: Int
  let images: Int

  /// - Parameters:
  ///   - model: the model, already restarted for this stage unless `resuming`.
  ///   - test: evaluated after R-STDP passes (best weights kept) when `options.evaluateEvery > 0`.
  public init(model: SingleSpikeModel, stage: Int, data: LabeledImages, test: LabeledImages?,
              options: StageOptions, resuming: Bool, report: (StageEvent) -> Void = { _ in }) {
    let layer = stage - 1, spec = model.spec
    let network = Network(spec: spec, weights: model.weights)
    let shape = network.inputShape(layer: layer), images = data.images
    var testSet: (inputs: WaveCache, labels: [Int])? = nil
    if let test, spec.layers[layer].training.rule == .rstdp, options.evaluateEvery > 0 {
      report(.preparing("computing the frozen layers' output for \(test.count) test images…"))
      let testImages = test.images
      testSet = (WaveCache(count: test.count, shape: shape, timeSteps: spec.encoder.timeSteps) {
        network.input(of: layer, image: testImages[$0], scratch: &$1)
      }, test.labels)
    }
    // The training images' frozen-layer output is computed by a background thread while the
    // first pass already trains on it (the trainer computes what the thread has not reached).
    report(.preparing("computing the frozen layers' output for \(data.count) train images while training…"))
    let inputs = WaveCache(filling: data.count, shape: shape, timeSteps: spec.encoder.timeSteps) {
      network.input(of: layer, image: images[$0], scratch: &$1)
    }
    trainer = LayerTrainer(network: network, layer: layer, inputs: inputs, labels: data.labels, test: testSet,
                           progress: resuming ? model.training[stage: stage] : nil, bestWeights: model.bestWeights[layer],
                           passes: options.passes, seed: model.training.seed)
    trainer.evaluateEvery = options.evaluateEvery
    self.stage = stage
    self.images = data.count
  }

  public var imagesLeftInPass: Int { images - trainer.progress.position }
  public var savesWhenStopped: Bool { true }

  public mutating func run(maxImages: Int, shouldStop: () -> Bool, report: (StageEvent) -> Void) -> Bool {
    let (stage, images) = (self.stage, self.images)
    return trainer.run(maxImages: maxImages, shouldStop: shouldStop) { event in
      switch event {
      case .image(let p):
        let o = p.passOutcomes
        let metric = o.total > 0 ? (format: "train acc %.2f%%", value: 100 * o.accuracy)
                                 : (format: "a+ %.4f", value: Double(p.rates.first?.ltp ?? 0))
        report(.image(StageTick(stage: stage, passesDone: p.passesDone, passes: p.passes, position: p.position,
                                images: images, metric: metric)))
      case .pass(let r, let p):
        report(.pass(r, summary: Self.summary(r, p)))
      }
    }
  }

  public func store(in model: inout SingleSpikeModel) {
    model.weights[trainer.layer] = trainer.network.weights[trainer.layer]
    model.bestWeights[trainer.layer] = trainer.bestWeights
    model.training[stage: stage] = trainer.progress
  }

  /// "pass 3/20: 12.4 s, train 95.10% (silent 0), test 96.02% (best 96.02% after pass 3)".
  static func summary(_ r: PassRecord, _ p: StageProgress) -> String {
    var line = String(format: "pass %d/%d: %.1f s", r.pass, p.passes, r.seconds)
    if let t = r.train {
      line += String(format: ", train %.2f%% (silent %d)", 100 * t.accuracy, t.silent)
    }
    if let a = r.testAccuracy {
      line += String(format: ", test %.2f%%", 100 * a)
      if let b = p.bestTestAccuracy, let bp = p.bestPass { line += String(format: " (best %.2f%% after pass %d)", 100 * b, bp) }
    }
    return line
  }
}
