/// The image-to-spikes stage (S1/C1) of a model, as data.
public struct EncoderSpec: Codable, Sendable, Equatable {
  /// A filter of the bank.
  public enum Kernel: Codable, Sendable, Equatable {
    /// Difference of Gaussians on a `size × size` grid.
    case dog(size: Int, sigma1: Double, sigma2: Double)
    /// Gabor filter, orientation in degrees, `λ = size·2/div`.
    case gabor(size: Int, orientation: Double, div: Double)
    /// The pixels themselves (a 1 × 1 kernel of weight 1): the image as one channel of
    /// intensities 0…255, for the gradient-trained models that read raw pixels (S4NN).
    case pixel
  }

  /// How intensities become first-spike times.
  public enum LatencyCode: String, Codable, Sendable {
    /// Rank order in `T` bins of equal size (``IntensityToLatency``, SpykeTorch's coder).
    case rank
    /// Linear in the value, S4NN's coder: `t = ⌊(255 − v)·T/255⌋` for `v > 0` (0 for
    /// `v ≥ 255`), never for `v ≤ 0`.
    case linear
  }

  /// Where pointwise (feature) inhibition is applied, if anywhere.
  public enum PointwiseInhibition: String, Codable, Sendable {
    case none
    /// On the filter outputs before latency coding (SpykeTorch tutorial).
    case intensities
    /// On the wave after latency coding (the paper's shallow model).
    case wave
  }

  public var kernels: [Kernel]
  /// Zero padding of the image for the filter correlation.
  public var padding: Int
  /// Filter outputs `< threshold` become 0 (nil: no threshold).
  public var threshold: Float?
  /// Take `abs` of the filter outputs (shallow model).
  public var absoluteValue: Bool
  /// Local normalization radius (nil: none).
  public var localNormalizationRadius: Int?
  /// Lateral intensity inhibition factors by Chebyshev distance (nil: none).
  public var lateralInhibition: [Float]?
  public var pointwiseInhibition: PointwiseInhibition
  /// Time steps T of the latency code.
  public var timeSteps: Int
  /// The latency code (nil: `.rank`, what every spec written before the field existed means).
  public var latency: LatencyCode?

  public init(kernels: [Kernel], padding: Int, threshold: Float?, absoluteValue: Bool = false,
              localNormalizationRadius: Int?, lateralInhibition: [Float]? = nil,
              pointwiseInhibition: PointwiseInhibition = .none, timeSteps: Int = 15, latency: LatencyCode? = nil) {
    self.kernels = kernels
    self.padding = padding
    self.threshold = threshold
    self.absoluteValue = absoluteValue
    self.localNormalizationRadius = localNormalizationRadius
    self.lateralInhibition = lateralInhibition
    self.pointwiseInhibition = pointwiseInhibition
    self.timeSteps = timeSteps
    self.latency = latency
  }

  /// Output channels (one per kernel).
  public var channels: Int { kernels.count }

  /// Largest kernel size.
  public var maxKernelSize: Int {
    kernels.map { k in
      switch k {
      case .dog(let s, _, _), .gabor(let s, _, _): return s
      case .pixel: return 1
      }
    }.max() ?? 1
  }

  /// Output height and width for an image of `height × width`.
  public func outputSize(height: Int, width: Int) -> (height: Int, width: Int) {
    (height + 2 * padding - maxKernelSize + 1, width + 2 * padding - maxKernelSize + 1)
  }
}
