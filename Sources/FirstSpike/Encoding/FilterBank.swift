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
  /// Non-zero taps of every kernel, grouped by kernel row (the support the hot loop visits).
  let taps: [[TapRow]]

  /// One kernel row's non-zero taps.
  struct TapRow: Sendable, Equatable {
    var row: Int
    var columns: [Int]
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
    self.taps = self.kernels.map(FilterBank.tapRows)
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

  static func tapRows(_ kernel: FilterKernel) -> [TapRow] {
    var rows = [TapRow]()
    for i in 0..<kernel.size {
      var row = TapRow(row: i, columns: [], weights: [])
      for j in 0..<kernel.size where kernel[i, j] != 0 {
        row.columns.append(j)
        row.weights.append(Double(kernel[i, j]))
      }
      if !row.columns.isEmpty { rows.append(row) }
    }
    return rows
  }
}
