extension S1C1Encoder {
  /// Mozafari et al. 2019 (deep R-STDP, MNIST): six DoG kernels (3, 3/9, 6/9), (3, 6/9, 3/9),
  /// (7, 7/9, 14/9), (7, 14/9, 7/9), (13, 13/9, 26/9), (13, 26/9, 13/9); padding 6;
  /// threshold 50; local normalization radius 8; `T = 15`. MNIST → `6 × 28 × 28`.
  public static let mozafari2019 = S1C1Encoder(
    filters: FilterBank(
      kernels: [
        .dog(size: 3, sigma1: 3.0 / 9, sigma2: 6.0 / 9), .dog(size: 3, sigma1: 6.0 / 9, sigma2: 3.0 / 9),
        .dog(size: 7, sigma1: 7.0 / 9, sigma2: 14.0 / 9), .dog(size: 7, sigma1: 14.0 / 9, sigma2: 7.0 / 9),
        .dog(size: 13, sigma1: 13.0 / 9, sigma2: 26.0 / 9), .dog(size: 13, sigma1: 26.0 / 9, sigma2: 13.0 / 9),
      ],
      padding: 6, rectification: .threshold(50)),
    normalization: LocalNormalization(radius: 8), timeSteps: 15)

  /// Kheradpisheh et al. 2018 (STDP + SVM, MNIST): DoG (7, 1, 2) and (7, 2, 1), padding 3,
  /// threshold 50, local normalization radius 8, `T = 15`. MNIST → `2 × 28 × 28`.
  public static let kheradpisheh2018 = S1C1Encoder(
    filters: FilterBank(
      kernels: [.dog(size: 7, sigma1: 1, sigma2: 2), .dog(size: 7, sigma1: 2, sigma2: 1)],
      padding: 3, rectification: .threshold(50)),
    normalization: LocalNormalization(radius: 8), timeSteps: 15)

  /// The SpykeTorch shallow tutorial (ETH-80 cup vs dog): four Gabor kernels of size 3 at
  /// 67.5°, 112.5°, 157.5°, 202.5°, no padding, `abs`, pointwise inhibition of the intensities
  /// before latency coding, `T = 15`, no local normalization. 64×64 → `4 × 62 × 62`.
  public static let shallowTutorial = S1C1Encoder(
    filters: FilterBank(
      kernels: [67.5, 112.5, 157.5, 202.5].map { FilterKernel.gabor(size: 3, orientation: $0) },
      padding: 0, rectification: .abs),
    pointwiseInhibition: .beforeLatency, timeSteps: 15)
}
