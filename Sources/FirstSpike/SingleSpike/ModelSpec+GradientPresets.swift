/// The built-in models trained by temporal backpropagation (`docs/semantics.md` §13).
extension ModelSpec {
  /// S4NN (Kheradpisheh & Masquelier 2020), the paper's MNIST settings: pixels coded linearly
  /// in time, 784 → 400 → 10 non-leaky integrate-and-fire neurons (thresholds 100, initial
  /// weights uniform in [0, 5) and [0, 48)), relative target times with γ = 3, SGD at 0.2 with
  /// per-layer error normalisation and weight decay 1e-6, one image per update, dead hidden
  /// neurons (firing on < 0.1 % of a pass's images) redrawn, 100 passes in data-set order,
  /// and the order of S4NN's code: the output weights take their step before the hidden
  /// errors are carried back through them (``GradientSpec/backpropagateUpdatedWeights``).
  /// One change the engine needs: `T` = 254 steps instead of 256 (times are bytes).
  /// FirstSpike holds out 5 000 training images (a fixed draw) to choose the kept pass.
  public static var s4nn: ModelSpec {
    let hidden = TrainingSpec(rule: .gradient, passes: 100, ltp: 0, ltd: 0)
    var output = hidden
    output.gradient = GradientSpec(loss: .relativeTargets(gamma: 3), optimizer: .sgd(rate: 0.2), batchSize: 1,
                                   weightDecay: 1e-6, normalizeErrors: true, validationFraction: 1.0 / 12,
                                   deadNeuronReset: 0.001, backpropagateUpdatedWeights: true)
    return ModelSpec(
      name: "s4nn", inputWidth: 28, inputHeight: 28,
      encoder: .pixels(timeSteps: 254),
      layers: [
        LayerSpec(inputPadding: 0, inChannels: 1, outChannels: 400, kernel: 28, threshold: 100,
                  weightInit: .uniform(low: 0, high: 5), training: hidden),
        LayerSpec(inputPadding: 0, inChannels: 400, outChannels: 10, kernel: 1, threshold: 100,
                  weightInit: .uniform(low: 0, high: 48), training: output),
      ],
      readout: .decision(featuresPerClass: 1),
      classNames: (0..<10).map(String.init))
  }
}

extension EncoderSpec {
  /// The image's pixels, each firing at `⌊(255 − v)·T/255⌋` (never when black).
  public static func pixels(timeSteps: Int) -> EncoderSpec {
    EncoderSpec(kernels: [.pixel], padding: 0, threshold: nil, localNormalizationRadius: nil, timeSteps: timeSteps,
                latency: .linear)
  }
}

extension ModelSpec {
  /// A convolutional time-to-first-spike network trained from scratch by temporal
  /// backpropagation: pixels coded linearly in time (T = 64), conv 5×5 (16, θ 2) → average
  /// pooling 2 → conv 5×5 (32, θ 3) → average pooling 2 → fully connected decision layer
  /// (10, θ 3); S4NN's gradient, relative targets and error normalisation, SGD at 0.01 decaying
  /// by 0.95 per pass, one image per update, shuffled passes. Average pooling after Che et al.
  /// 2024; RESULTS.md has the experiments that chose the rest.
  public static var ttfsCNN: ModelSpec {
    var hidden = TrainingSpec(rule: .gradient, passes: 30, ltp: 0, ltd: 0)
    hidden.shuffle = true
    var output = hidden
    output.gradient = GradientSpec(loss: .relativeTargets(gamma: 3), optimizer: .sgd(rate: 0.01), batchSize: 1,
                                   normalizeErrors: true, validationFraction: 1.0 / 12, rateDecay: 0.95)
    return ModelSpec(
      name: "ttfs-cnn", inputWidth: 28, inputHeight: 28,
      encoder: .pixels(timeSteps: 64),
      layers: [
        LayerSpec(inputPadding: 0, inChannels: 1, outChannels: 16, kernel: 5, threshold: 2,
                  weightMean: 0.1, weightStd: 0.2, training: hidden),
        LayerSpec(inputPool: PoolSpec(size: 2, stride: 2, mode: .average), inputPadding: 0, inChannels: 16,
                  outChannels: 32, kernel: 5, threshold: 3, weightMean: 0.02, weightStd: 0.1, training: hidden),
        LayerSpec(inputPool: PoolSpec(size: 2, stride: 2, mode: .average), inputPadding: 0, inChannels: 32,
                  outChannels: 10, kernel: 4, threshold: 3, weightMean: 0.02, weightStd: 0.1, training: output),
      ],
      readout: .decision(featuresPerClass: 1),
      classNames: (0..<10).map(String.init))
  }
}

extension ModelSpec {
  /// Both kinds of learning in one network: mozafari2019's encoder and STDP-trained conv1 and
  /// conv2 (stages 1–2, exactly as ``mozafari2019`` specifies them, so `--init-from` a
  /// mozafari2019 checkpoint takes them), then a decision layer of 10 integrate-and-fire
  /// neurons (one per class) over conv2's 6 × 6 pooled grid, trained by temporal
  /// backpropagation with S4NN's relative targets (stage 3).
  public static var mozafari2019Hybrid: ModelSpec {
    var spec = mozafari2019
    spec.name = "mozafari2019-hybrid"
    var training = TrainingSpec(rule: .gradient, passes: 30, ltp: 0, ltd: 0)
    training.gradient = GradientSpec(loss: .relativeTargets(gamma: 1), optimizer: .sgd(rate: 0.05), batchSize: 1,
                                     normalizeErrors: true, validationFraction: 1.0 / 12)
    spec.layers[2] = LayerSpec(inputPool: PoolSpec(size: 3, stride: 2), inputPadding: 0, inChannels: 250, outChannels: 10,
                               kernel: 6, threshold: 100, weightInit: .uniform(low: 0, high: 0.1), training: training)
    spec.readout = .decision(featuresPerClass: 1)
    return spec
  }
}
