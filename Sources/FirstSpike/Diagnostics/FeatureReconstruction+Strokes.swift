import Foundation

/// Sketches of features that read oriented edges of either polarity.
///
/// An encoder that takes the absolute value of Gabor filter outputs (the shallow R-STDP
/// model's) answers to an edge whatever its contrast sign, so summing the signed Gabor kernels
/// (``FeatureReconstruction/pictures(_:layer:)``) cancels out into a fine checkerboard. What a
/// feature of the layer above such an encoder wants is better shown as strokes: at every tap
/// of its kernel, one short line per input channel, along that channel's edge orientation,
/// as dark as the weight.
extension FeatureReconstruction {
  /// The edge orientation in degrees of every channel of `encoder`, when all of its kernels
  /// are Gabor filters and it takes absolute values; nil otherwise.
  public static func edgeOrientations(_ encoder: EncoderSpec) -> [Double]? {
    guard encoder.absoluteValue else { return nil }
    let angles = encoder.kernels.compactMap { k -> Double? in
      if case .gabor(_, let orientation, _) = k { return orientation }
      return nil
    }
    return angles.count == encoder.kernels.count ? angles : nil
  }

  /// One stroke list per feature of a layer fed directly by an oriented-edge encoder.
  ///
  /// Geometry (padding ignored, as for the pixel pictures): tap `(ky, kx)` reads the pooled
  /// position whose window (size `s`, stride `σ`; 1 and 1 without pooling) starts at encoder
  /// output `(ky·σ, kx·σ)`, centred at pixel `ky·σ + (s − 1)/2 + (e − 1)/2` for encoder kernels
  /// of side `e`. A channel of orientation `θ` draws the segment of length `1.5·σ` through that
  /// centre along `(cos θ, −sin θ)` (image rows grow downwards: the Gabor's stripes, see
  /// ``FilterKernel/gabor(size:orientation:div:)``), with strength `((w − min) / (max − min))²`
  /// over the feature's weights (each tile scaled on its own, as the pixel pictures are; squared
  /// so that the strongest taps stand out from the many middling ones). The tile side is `(k − 1)·σ + s + e − 1`, that of the pixel
  /// pictures.
  /// - Complexity: O(Cout · Cin · k²).
  public static func edgeSketches(weights: ConvWeights, layer: LayerSpec, encoderKernelSize e: Int,
                                  orientations: [Double]) -> (side: Int, tiles: [[FeatureSet.Stroke]]) {
    precondition(orientations.count == weights.inChannels,
                 "\(orientations.count) orientations for \(weights.inChannels) input channels")
    let (s, sigma) = (layer.inputPool?.size ?? 1, layer.inputPool?.stride ?? 1), k = weights.kernel
    let side = (k - 1) * sigma + s + e - 1
    let half = 0.75 * Double(sigma)
    let directions = orientations.map { (cos($0 * .pi / 180), -sin($0 * .pi / 180)) }
    let tiles = (0..<weights.outChannels).map { f -> [FeatureSet.Stroke] in
      var (low, high) = (Float.infinity, -Float.infinity)
      for c in 0..<weights.inChannels {
        for ky in 0..<k {
          for kx in 0..<k { (low, high) = (min(low, weights[f, c, ky, kx]), max(high, weights[f, c, ky, kx])) }
        }
      }
      guard high > low else { return [] }
      var strokes: [FeatureSet.Stroke] = []
      for ky in 0..<k {
        for kx in 0..<k {
          let cy = Double(ky * sigma) + Double(s - 1) / 2 + Double(e - 1) / 2 + 0.5
          let cx = Double(kx * sigma) + Double(s - 1) / 2 + Double(e - 1) / 2 + 0.5
          for c in 0..<weights.inChannels {
            let r = Double((weights[f, c, ky, kx] - low) / (high - low)), strength = r * r
            let (dx, dy) = (directions[c].0 * half, directions[c].1 * half)
            strokes.append(.init(x0: cx - dx, y0: cy - dy, x1: cx + dx, y1: cy + dy, strength: strength))
          }
        }
      }
      return strokes
    }
    return (side, tiles)
  }
}
