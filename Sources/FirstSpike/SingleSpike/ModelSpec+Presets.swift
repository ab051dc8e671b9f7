extension ModelSpec {
  /// A built-in model by name, or nil. Models without improvements give the same spec for
  /// both variants.
  public static func preset(_ name: String, variant: PresetVariant = .improved) -> ModelSpec? {
    switch name {
    case "mozafari2019": return variant == .paper ? .mozafari2019Paper : .mozafari2019
    case "kheradpisheh2018": return .kheradpisheh2018
    case "shallow-rstdp": return .shallowRSTDP
    case "s4nn": return .s4nn
    case "ttfs-cnn": return .ttfsCNN
    case "mozafari2019-hybrid": return .mozafari2019Hybrid
    default: return nil
    }
  }

  /// Mozafari et al. 2019 deep R-STDP digit recognizer with FirstSpike's defaults: the
  /// paper's encoder, conv1, conv2 and adaptive R-STDP rates, with three changes to stage 3
  /// (RESULTS.md has the experiments that chose them, one at a time):
  /// - conv3 reads conv2 through 3×3 pooling with stride 2 (a 6×6 grid, overlapping windows)
  ///   instead of stride 3 (4×4, which drops conv2's last two rows and columns), with a 6×6
  ///   kernel and no padding: one position, each neuron sees the whole grid;
  /// - 30 % of conv3's input spikes are dropped per training image;
  /// - a wrong decision also rewards the correct class's best neuron besides punishing the
  ///   winner.
  public static var mozafari2019: ModelSpec {
    var spec = mozafari2019Paper
    spec.layers[2].inputPool = PoolSpec(size: 3, stride: 2)
    spec.layers[2].inputPadding = 0
    spec.layers[2].kernel = 6
    spec.layers[2].training.inputDropout = 0.3
    spec.layers[2].training.rewardCorrectOnError = true
    return spec
  }

  /// Mozafari et al. 2019 deep R-STDP digit recognizer (REFERENCE §5), the paper's settings.
  public static var mozafari2019Paper: ModelSpec {
    let stdp = { (passes: Int, k: Int, ρ: Int) in
      TrainingSpec(rule: .stdp, passes: passes, pointwiseInhibition: true, winners: k,
                   inhibitionRadius: ρ, ltp: 0.004, ltd: -0.003, doubleEvery: 500)
    }
    return ModelSpec(
      name: "mozafari2019", inputWidth: 28, inputHeight: 28,
      encoder: EncoderSpec(
        kernels: [.dog(size: 3, sigma1: 3.0 / 9, sigma2: 6.0 / 9), .dog(size: 3, sigma1: 6.0 / 9, sigma2: 3.0 / 9),
                  .dog(size: 7, sigma1: 7.0 / 9, sigma2: 14.0 / 9), .dog(size: 7, sigma1: 14.0 / 9, sigma2: 7.0 / 9),
                  .dog(size: 13, sigma1: 13.0 / 9, sigma2: 26.0 / 9), .dog(size: 13, sigma1: 26.0 / 9, sigma2: 13.0 / 9)],
        padding: 6, threshold: 50, localNormalizationRadius: 8, timeSteps: 15),
      layers: [
        LayerSpec(inputPadding: 2, inChannels: 6, outChannels: 30, kernel: 5, threshold: 15,
                  training: stdp(2, 5, 3)),
        LayerSpec(inputPool: PoolSpec(size: 2, stride: 2), inputPadding: 1, inChannels: 30,
                  outChannels: 250, kernel: 3, threshold: 10, training: stdp(4, 8, 1)),
        LayerSpec(inputPool: PoolSpec(size: 3, stride: 3), inputPadding: 2, inChannels: 250,
                  outChannels: 200, kernel: 5, threshold: nil,
                  training: TrainingSpec(rule: .rstdp, passes: 680, ltp: 0.004, ltd: -0.003,
                                         punishLTP: -0.004, punishLTD: 0.0005, stabilizer: false,
                                         lowerBound: 0.2, upperBound: 0.8, adaptiveBatch: 1000)),
      ],
      readout: .decision(featuresPerClass: 20),
      classNames: (0..<10).map(String.init))
  }

  /// Kheradpisheh et al. 2018: two STDP layers and a linear SVM (REFERENCE §5).
  public static var kheradpisheh2018: ModelSpec {
    ModelSpec(
      name: "kheradpisheh2018", inputWidth: 28, inputHeight: 28,
      encoder: EncoderSpec(kernels: [.dog(size: 7, sigma1: 1, sigma2: 2), .dog(size: 7, sigma1: 2, sigma2: 1)],
                           padding: 3, threshold: 50, localNormalizationRadius: 8, timeSteps: 15),
      layers: [
        LayerSpec(inputPadding: 2, inChannels: 2, outChannels: 32, kernel: 5, threshold: 10,
                  training: TrainingSpec(rule: .stdp, passes: 2, pointwiseInhibition: true, winners: 5,
                                         inhibitionRadius: 2, ltp: 0.004, ltd: -0.003, doubleEvery: 500)),
        LayerSpec(inputPool: PoolSpec(size: 2, stride: 2, padding: 1), inputPadding: 1, inChannels: 32,
                  outChannels: 150, kernel: 2, threshold: 1,
                  training: TrainingSpec(rule: .stdp, passes: 20, pointwiseInhibition: true,
                                         inhibitInput: true, winners: 8, inhibitionRadius: 1,
                                         ltp: 0.004, ltd: -0.003, doubleEvery: 500)),
      ],
      readout: .svm(pool: PoolSpec(size: 2, stride: 2, padding: 1), c: 2.4, squaredHinge: true, passes: 1),
      classNames: (0..<10).map(String.init))
  }

  /// The shallow R-STDP image classifier, SpykeTorch tutorial settings for ETH-80 cup vs dog
  /// (64×64): four Gabor filters, abs, pointwise inhibition, pool 3/2, conv 4→20 k 30, θ 20.
  public static var shallowRSTDP: ModelSpec {
    ModelSpec(
      name: "shallow-rstdp", inputWidth: 64, inputHeight: 64,
      encoder: EncoderSpec(kernels: [67.5, 112.5, 157.5, 202.5].map { .gabor(size: 3, orientation: $0, div: 4) },
                           padding: 0, threshold: nil, absoluteValue: true, localNormalizationRadius: nil,
                           pointwiseInhibition: .intensities, timeSteps: 15),
      layers: [
        LayerSpec(inputPool: PoolSpec(size: 3, stride: 2), inputPadding: 0, inChannels: 4, outChannels: 20,
                  kernel: 30, threshold: 20,
                  training: TrainingSpec(rule: .rstdp, passes: 20, ltp: 0.05, ltd: -0.015,
                                         punishLTP: -0.05, punishLTD: 0.0005, shuffle: true)),
      ],
      readout: .decision(featuresPerClass: 10),
      classNames: [])
  }
}
