extension S1C1Encoder {
  /// The encoder an ``EncoderSpec`` describes.
  public init(_ spec: EncoderSpec) {
    let kernels = spec.kernels.map { k -> FilterKernel in
      switch k {
      case .dog(let size, let s1, let s2): return .dog(size: size, sigma1: s1, sigma2: s2)
      case .gabor(let size, let orientation, let div): return .gabor(size: size, orientation: orientation, div: div)
      case .pixel: return FilterKernel(size: 1, weights: [1])
      }
    }
    let rectification: FilterBank.Rectification =
      spec.absoluteValue ? .abs : spec.threshold.map { .threshold($0) } ?? .none
    let pointwise: PointwiseInhibition
    switch spec.pointwiseInhibition {
    case .none: pointwise = .none
    case .intensities: pointwise = .beforeLatency
    case .wave: pointwise = .afterLatency
    }
    self.init(
      filters: FilterBank(kernels: kernels, padding: spec.padding, rectification: rectification),
      normalization: spec.localNormalizationRadius.map { LocalNormalization(radius: $0) },
      lateralInhibition: spec.lateralInhibition.map { LateralIntensityInhibition(factors: $0) },
      pointwiseInhibition: pointwise, timeSteps: spec.timeSteps,
      latencyCode: spec.latency ?? .rank)
  }
}
