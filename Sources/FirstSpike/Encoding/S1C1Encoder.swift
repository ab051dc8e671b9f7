/// The image-to-spikes stage (S1/C1) of the SpykeTorch models.
///
/// `encode` runs, in this order: ``FilterBank`` (correlation + threshold or `abs`) →
/// optional ``LocalNormalization`` → optional ``LateralIntensityInhibition`` → optional
/// pointwise inhibition of the intensities (``InputInhibition``) → ``IntensityToLatency`` →
/// optional pointwise inhibition of the wave. The output wave has shape
/// `[K, H+2P−k+1, W+2P−k+1]`; MNIST with ``mozafari2019`` gives `6 × 28 × 28`, `T = 15`.
///
/// A value type with only immutable configuration: safe to share between `parallelFor`
/// workers. `encode(_:)` allocates its buffers per call; a worker that encodes many images can
/// keep one ``Scratch`` and call ``encode(_:into:scratch:)`` instead.
public struct S1C1Encoder: Sendable, Equatable {
  /// Where pointwise (feature) inhibition is applied, if anywhere.
  public enum PointwiseInhibition: Sendable, Equatable {
    case none
    /// On the intensities before latency coding (largest value per position survives).
    case beforeLatency
    /// On the spike wave after latency coding (earliest spike per position survives).
    case afterLatency
  }

  public let filters: FilterBank
  public let normalization: LocalNormalization?
  public let lateralInhibition: LateralIntensityInhibition?
  public let pointwiseInhibition: PointwiseInhibition
  public let latency: IntensityToLatency

  public init(
    filters: FilterBank, normalization: LocalNormalization? = nil,
    lateralInhibition: LateralIntensityInhibition? = nil,
    pointwiseInhibition: PointwiseInhibition = .none, timeSteps: Int = 15
  ) {
    self.filters = filters
    self.normalization = normalization
    self.lateralInhibition = lateralInhibition
    self.pointwiseInhibition = pointwiseInhibition
    self.latency = IntensityToLatency(timeSteps: timeSteps)
  }

  /// Number of time steps `T` of the waves this encoder produces.
  public var timeSteps: Int { latency.timeSteps }

  /// Shape of the wave for an `height × width` image.
  public func outputShape(height: Int, width: Int) -> Shape3 {
    filters.outputShape(height: height, width: width)
  }

  /// Reusable buffers of one worker.
  public struct Scratch: Sendable {
    var filter = FilterBank.Scratch()
    var intensities = FeatureMaps(shape: Shape3(0, 0, 0))
    var table: [Double] = []
    var keys: [UInt64] = []
    public init() {}
  }

  /// The intensities that latency coding sorts (everything before `IntensityToLatency`).
  public func intensities(_ image: GrayImage) -> FeatureMaps {
    var scratch = Scratch()
    computeIntensities(image, &scratch)
    return scratch.intensities
  }

  /// The first-spike wave of `image`.
  public func encode(_ image: GrayImage) -> SpikeWave {
    var scratch = Scratch()
    var wave = SpikeWave(shape: outputShape(height: image.height, width: image.width), timeSteps: timeSteps)
    encode(image, into: &wave, scratch: &scratch)
    return wave
  }

  /// Writes the first-spike wave of `image` into `wave` (reshaped if needed), reusing `scratch`.
  public func encode(_ image: GrayImage, into wave: inout SpikeWave, scratch: inout Scratch) {
    computeIntensities(image, &scratch)
    latency.encode(scratch.intensities, into: &wave, keys: &scratch.keys)
    if pointwiseInhibition == .afterLatency { InputInhibition.apply(to: &wave, intensities: scratch.intensities) }
  }

  private func computeIntensities(_ image: GrayImage, _ scratch: inout Scratch) {
    filters.apply(image, into: &scratch.intensities, scratch: &scratch.filter)
    if let normalization { normalization.apply(&scratch.intensities, table: &scratch.table) }
    if let lateralInhibition { scratch.intensities = lateralInhibition.apply(scratch.intensities) }
    if pointwiseInhibition == .beforeLatency { InputInhibition.apply(to: &scratch.intensities) }
  }
}
