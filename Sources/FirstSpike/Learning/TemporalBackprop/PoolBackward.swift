/// Spike-time errors routed back through the steps between two convolutions: padding,
/// pooling, and the change from the `(C, H, W)` wave layout to the position-major output one.
/// Every function maps `∂L/∂t` of the step's outputs to `∂L/∂t` of its inputs.
public enum PoolBackward {
  /// Drops the `p` padding rows and columns (pads never fire: they carry no error).
  public static func unpadded(_ g: [Float], shape: Shape3, padding p: Int) -> [Float] {
    if p == 0 { return g }
    let h = shape.height - 2 * p, w = shape.width - 2 * p
    var out = [Float](repeating: 0, count: shape.channels * h * w)
    for c in 0..<shape.channels {
      for y in 0..<h {
        let src = (c * shape.height + y + p) * shape.width + p, dst = (c * h + y) * w
        for x in 0..<w { out[dst + x] = g[src + x] }
      }
    }
    return out
  }

  /// Earliest-spike (max) pooling: a window's time is its earliest input's, so its error goes
  /// to that input — the first in row-major window order among equal times. Overlapping
  /// windows that share their earliest input add their errors (in window order).
  /// - Parameter input: the wave before pooling.
  public static func unpooledEarliest(_ g: [Float], input: SpikeWave, size s: Int, stride σ: Int, padding p: Int) -> [Float] {
    let C = input.shape.channels, H = input.shape.height, W = input.shape.width
    let ho = (H + 2 * p - s) / σ + 1, wo = (W + 2 * p - s) / σ + 1
    precondition(g.count == C * ho * wo, "\(g.count) pooled errors for \(C)×\(ho)×\(wo)")
    var out = [Float](repeating: 0, count: input.shape.count)
    for c in 0..<C {
      for oy in 0..<ho {
        for ox in 0..<wo {
          let e = g[(c * ho + oy) * wo + ox]
          if e == 0 { continue }
          var best = SpikeWave.never, at = -1
          for y in max(oy * σ - p, 0)..<min(oy * σ - p + s, H) {
            for x in max(ox * σ - p, 0)..<min(ox * σ - p + s, W) {
              let i = (c * H + y) * W + x
              if input.times[i] < best {
                best = input.times[i]
                at = i
              }
            }
          }
          if at >= 0 { out[at] += e }
        }
      }
    }
    return out
  }

  /// Average pooling (the space-to-depth re-indexing, ``SpikeWave/spaceToDepth(_:)``): each
  /// input gets the error of its own channel of the re-indexed wave; inputs past the last
  /// whole window get none.
  public static func depthToSpace(_ g: [Float], block s: Int, inputShape: Shape3) -> [Float] {
    if s == 1 { return g }
    let H = inputShape.height, W = inputShape.width, ho = H / s, wo = W / s
    precondition(g.count == inputShape.channels * s * s * ho * wo, "\(g.count) errors for blocks of \(inputShape)")
    var out = [Float](repeating: 0, count: inputShape.count)
    var o = 0
    for c in 0..<inputShape.channels {
      for a in 0..<s {
        for b in 0..<s {
          for y in 0..<ho {
            let row = (c * H + s * y + a) * W + b
            for x in 0..<wo {
              out[row + s * x] = g[o]
              o += 1
            }
          }
        }
      }
    }
    return out
  }

  /// A `(C, H, W)` error array in the position-major `[H·W][Cp]` layout of a ``ConvOutput``.
  public static func positionMajor(_ g: [Float], shape: Shape3, paddedOut cp: Int) -> [Float] {
    let plane = shape.plane
    var out = [Float](repeating: 0, count: plane * cp)
    for f in 0..<shape.channels {
      for pos in 0..<plane { out[pos * cp + f] = g[f * plane + pos] }
    }
    return out
  }
}
