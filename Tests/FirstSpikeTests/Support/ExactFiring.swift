@testable import FirstSpike

/// Spike times by exact arithmetic, to check the event-driven convolution without a blanket
/// tolerance: potentials summed in `Double` (exact for these weights), and for a thresholded
/// neuron whose float32 result differs, whether its exact potential lies within the float32
/// summation error of θ (`γₙ · pot`, `n = Cin·k²`), the only case where rounding may decide.
enum ExactFiring {
  /// `[T][Cout][H][W]` potentials in `Double`.
  static func potentials(_ input: SpikeWave, _ w: ConvWeights) -> (shape: Shape3, values: [Double]) {
    let k = w.kernel, T = input.timeSteps
    let shape = Shape3(w.outChannels, input.shape.height - k + 1, input.shape.width - k + 1)
    var out = [Double](repeating: 0, count: T * shape.count)
    for f in 0..<w.outChannels {
      for oy in 0..<shape.height {
        for ox in 0..<shape.width {
          for c in 0..<w.inChannels {
            for ky in 0..<k {
              for kx in 0..<k {
                let t = input.times[input.shape.index(c, oy + ky, ox + kx)]
                if t == SpikeWave.never { continue }
                for s in Int(t)..<T { out[s * shape.count + shape.index(f, oy, ox)] += Double(w[f, c, ky, kx]) }
              }
            }
          }
        }
      }
    }
    return (shape, out)
  }

  /// Neurons whose spike time in `got` differs from the exact rule. For a layer without a
  /// threshold none may differ (fires iff the exact final potential is > 0); with θ, a
  /// neuron may differ only if at some step its exact potential is within the float32 error
  /// of θ. Returns (differing, allowed): `allowed` lists the near-θ ones.
  static func check(_ got: SpikeWave, _ input: SpikeWave, _ w: ConvWeights, threshold θ: Float?)
    -> (differing: [Int], allowed: [Int])
  {
    let (shape, pot) = potentials(input, w)
    let n = shape.count, T = input.timeSteps
    let terms = Double(w.inChannels * w.kernel * w.kernel), u = 0x1p-24, gamma = terms * u / (1 - terms * u)
    var differing: [Int] = [], allowed: [Int] = []
    for i in 0..<n {
      var exact = SpikeWave.never
      if let θ {
        for t in 0..<T where Float(pot[t * n + i]) > θ {
          exact = UInt8(t)
          break
        }
      } else if pot[(T - 1) * n + i] > 0 {
        exact = UInt8(T - 1)
      }
      if got.times[i] == exact { continue }
      differing.append(i)
      if let θ, (0..<T).contains(where: { abs(pot[$0 * n + i] - Double(θ)) <= gamma * pot[$0 * n + i] }) {
        allowed.append(i)
      }
    }
    return (differing, allowed)
  }
}
