/// The plain dense reference of ``convolve(_:_:threshold:into:events:)``: builds SpykeTorch's
/// `[T, C, H, W]` cumulative wave and correlates every time step with every weight. Slow
/// (O(T · Cout · Cin · k² · H · W)); kept to test the event-driven kernel against.
///
/// - Returns: potentials `[T][Cout][H][W]`, flat.
public func referenceConvolution(_ input: SpikeWave, _ weights: ConvWeights) -> (shape: Shape3, potentials: [Float]) {
  let k = weights.kernel, T = input.timeSteps
  let ho = input.shape.height - k + 1, wo = input.shape.width - k + 1
  let shape = Shape3(weights.outChannels, ho, wo)
  let dense = input.dense()
  let n = input.shape.count
  var pot = [Float](repeating: 0, count: T * shape.count)
  for t in 0..<T {
    for f in 0..<weights.outChannels {
      for oy in 0..<ho {
        for ox in 0..<wo {
          var s: Float = 0
          for c in 0..<weights.inChannels {
            for ky in 0..<k {
              for kx in 0..<k {
                s += weights[f, c, ky, kx] * dense[t * n + input.shape.index(c, oy + ky, ox + kx)]
              }
            }
          }
          pot[t * shape.count + shape.index(f, oy, ox)] = s
        }
      }
    }
  }
  return (shape, pot)
}

/// Reference firing over dense potentials `[T][C][H][W]`: first `t` with `pot > θ`, or with no
/// threshold, `T−1` where `pot[T−1] > 0` (SpykeTorch `sf.fire`).
public func referenceFire(_ potentials: [Float], shape: Shape3, timeSteps T: Int, threshold: Float?) -> SpikeWave {
  var wave = SpikeWave(shape: shape, timeSteps: T)
  let n = shape.count
  for i in 0..<n {
    if let θ = threshold {
      for t in 0..<T where potentials[t * n + i] > θ {
        wave.times[i] = UInt8(t)
        break
      }
    } else if potentials[(T - 1) * n + i] > 0 {
      wave.times[i] = UInt8(T - 1)
    }
  }
  return wave
}
