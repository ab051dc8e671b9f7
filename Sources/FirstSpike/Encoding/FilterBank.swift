/// A bank of 2-D filters applied to a gray image: S1 of the SpykeTorch models.
///
/// Every kernel is zero-padded (centred) to the largest size `k`, correlated (no flip) with the
/// image zero-padded by `padding` `P`, then rectified. For an `H × W` image the output is
/// `FeatureMaps` `[K, H+2P−k+1, W+2P−k+1]` with
/// `out[f, r, c] = Σ_{i,j<k} kernel_f[i, j] · pixel[r+i−P, c+j−P]` (pixels outside are 0),
/// summed in `Double` in row-major tap order and rounded to `Float` once.
/// Mirrors SpykeTorch `utils.Filter` (`fn.conv2d`, then `torch.where(out < thr, 0, out)`, then
/// optionally `abs`).
public struct FilterBank: Sendable, Equatable {
  /// What happens to each filter output after the correlation.
  public enum Rectification: Sendable, Equatable {
    /// Keep the raw output.
    case none
    /// Values `< threshold` become 0 (a value equal to the threshold stays).
    case threshold(Float)
    /// Absolute value (the shallow model).
    case abs
  }

  /// The kernels, all padded to `kernelSize × kernelSize`.
  public let kernels: [FilterKernel]
  /// Side of the padded kernels (the largest input kernel).
  public let kernelSize: Int
  /// Zero padding `P` of the image on every side.
  public let padding: Int
  public let rectification: Rectification
  /// The bounding box of every kernel's non-zero taps (the support the hot loop visits).
  let supports: [Support]

  /// The smallest rectangle of a padded kernel that holds all its non-zero taps, as `Double`.
  struct Support: Sendable, Equatable {
    /// Offset of the box in the padded kernel.
    var row: Int, column: Int
    /// Box size (0 × 0 for an all-zero kernel).
    var height: Int, width: Int
    /// `height × width` weights, row-major.
    var weights: [Double]
  }

  public init(kernels: [FilterKernel], padding: Int = 0, rectification: Rectification = .none) {
    precondition(!kernels.isEmpty, "a filter bank needs at least one kernel")
    precondition(padding >= 0, "negative padding \(padding)")
    let k = kernels.map(\.size).max()!
    self.kernels = kernels.map { $0.padded(to: k) }
    self.kernelSize = k
    self.padding = padding
    self.rectification = rectification
    self.supports = self.kernels.map(FilterBank.support)
  }

  /// Output shape for an `height × width` image.
  public func outputShape(height: Int, width: Int) -> Shape3 {
    let oh = height + 2 * padding - kernelSize + 1
    let ow = width + 2 * padding - kernelSize + 1
    precondition(oh >= 1 && ow >= 1,
                 "\(height)×\(width) image with padding \(padding) is smaller than the \(kernelSize)×\(kernelSize) kernels")
    return Shape3(kernels.count, oh, ow)
  }

  /// Filters `image` into new feature maps.
  /// - Complexity: O(K · H_out · W_out · nonzero taps), minus image rows and columns that are 0.
  public func apply(_ image: GrayImage) -> FeatureMaps {
    var out = FeatureMaps(shape: outputShape(height: image.height, width: image.width))
    var scratch = Scratch()
    apply(image, into: &out, scratch: &scratch)
    return out
  }

  static func support(_ kernel: FilterKernel) -> Support {
    let k = kernel.size
    let nonZero = (0..<k * k).filter { kernel.weights[$0] != 0 }
    guard let firstTap = nonZero.first else { return Support(row: 0, column: 0, height: 0, width: 0, weights: []) }
    var (r0, r1, c0, c1) = (firstTap / k, firstTap / k, firstTap % k, firstTap % k)
    for t in nonZero {
      (r0, r1) = (min(r0, t / k), max(r1, t / k))
      (c0, c1) = (min(c0, t % k), max(c1, t % k))
    }
    var weights = [Double]()
    for r in r0...r1 {
      for c in c0...c1 { weights.append(Double(kernel[r, c])) }
    }
    return Support(row: r0, column: c0, height: r1 - r0 + 1, width: c1 - c0 + 1, weights: weights)
  }
}
