import Foundation

/// The stage that trains a single-spike model's trailing gradient layers (``GradientTrainer``)
/// from the frozen lower layers' output, computed once for the whole data set (on all cores).
/// It never reads the test split: validation images held out of the training images choose
/// the kept weights.
public struct GradientStageTrainer: StageTrainer {
  var trainer: GradientTrainer
  let stage: Int

  public init(model: SingleSpikeModel, stage: Int, span: Range<Int>, data: LabeledImages, options: StageOptions,
              resuming: Bool, report: (StageEvent) -> Void = { _ in }) {
    let network = Network(spec: model.spec, weights: model.weights)
    let first = span.lowerBound
    report(.preparing("computing the input of layer \(first + 1) for \(data.count) images…"))
    // Pooled inputs are smaller; augmentation shifts the wave before pooling.
    let pooled = model.spec.layers[span.upperBound - 1].training.gradient?.shift == 0
    let below = first == 0 ? network.encoderShape : network.outputShape(layer: first - 1)
    let inputs = WaveCache(count: data.count, shape: pooled ? network.inputShape(layer: first) : below,
                           timeSteps: model.spec.encoder.timeSteps) {
      let wave = network.unpooledInput(of: first, image: data.images[$0], scratch: &$1)
      return pooled ? network.pooledInput(wave, layer: first) : wave
    }
    let best = span.allSatisfy { model.bestWeights[$0] != nil } ? span.map { model.bestWeights[$0]! } : nil
    trainer = GradientTrainer(network: network, span: span, inputs: inputs, pooledInputs: pooled, labels: data.labels,
                              progress: resuming ? model.training[stage: stage] : nil,
                              state: resuming ? model.gradientState : nil, bestWeights: resuming ? best : nil,
                              passes: options.passes, seed: model.training.seed, stage: stage)
    self.stage = stage
  }

  public var imagesLeftInPass: Int { trainer.trainCount - trainer.progress.position }
  public var savesWhenStopped: Bool { true }

  public mutating func run(maxImages: Int, shouldStop: () -> Bool, report: (StageEvent) -> Void) -> Bool {
    let stage = self.stage, images = trainer.trainCount
    return trainer.run(maxImages: maxImages, shouldStop: shouldStop) { event in
      switch event {
      case .image(let p):
        let o = p.passOutcomes
        report(.image(StageTick(stage: stage, passesDone: p.passesDone, passes: p.passes, position: p.position,
                                images: images, metric: (format: "train acc %.2f%%", value: 100 * o.accuracy))))
      case .pass(let r, let p):
        report(.pass(r, summary: Self.summary(r, p)))
      }
    }
  }

  public func store(in model: inout SingleSpikeModel) {
    for (j, l) in trainer.span.enumerated() {
      model.weights[l] = trainer.network.weights[l]
      model.bestWeights[l] = trainer.bestWeights?[j]
    }
    model.training[stage: stage] = trainer.saved
    var state = trainer.state
    if trainer.gradient.batchFill == 0 { state.accumulated = [] }
    model.gradientState = trainer.progress.finished || (state.moments.isEmpty && state.accumulated.isEmpty) ? nil : state
  }

  /// "pass 3/100: 4.1 s, loss 0.0213, train 97.10% (silent 2), validation 97.02% (best 97.40% after pass 2)".
  static func summary(_ r: PassRecord, _ p: StageProgress) -> String {
    var line = String(format: "pass %d/%d: %.1f s", r.pass, p.passes, r.seconds)
    if let l = r.loss { line += String(format: ", loss %.4f", l) }
    if let t = r.train { line += String(format: ", train %.2f%% (silent %d)", 100 * t.accuracy, t.silent) }
    if let a = r.validationAccuracy {
      line += String(format: ", validation %.2f%%", 100 * a)
      if let b = p.gradient?.bestValidationAccuracy, let bp = p.gradient?.bestPass {
        line += String(format: " (best %.2f%% after pass %d)", 100 * b, bp)
      }
    }
    return line
  }
}

extension Network {
  /// Shape of the encoder's wave.
  public var encoderShape: Shape3 {
    let (h, w) = spec.encoder.outputSize(height: spec.inputHeight, width: spec.inputWidth)
    return Shape3(spec.encoder.channels, h, w)
  }

  /// The wave that layer `layer`'s pooling reads for an image: the encoder's for layer 0,
  /// else layer `layer − 1`'s output, the layers below run in inference mode.
  public func unpooledInput(of layer: Int, image: GrayImage) -> SpikeWave {
    var scratch = ForwardScratch()
    return unpooledInput(of: layer, image: image, scratch: &scratch)
  }

  /// ``unpooledInput(of:image:)`` reusing one worker's buffers.
  public func unpooledInput(of layer: Int, image: GrayImage, scratch: inout ForwardScratch) -> SpikeWave {
    var wave = encode(image, scratch: &scratch)
    for l in 0..<layer {
      run(layer: l, pooledInput: pooledInput(wave, layer: l), into: &scratch.output, events: &scratch.events)
      wave = scratch.output.wave()
    }
    return wave
  }
}
