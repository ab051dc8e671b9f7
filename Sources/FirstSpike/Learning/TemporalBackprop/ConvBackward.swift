/// The backward pass of one event-driven convolution + fire (temporal backpropagation through
/// first-spike times, `docs/semantics.md` §13).
///
/// With `g_j = ∂L/∂t_j` given for every output neuron (0 where nothing flows), the spike-time
/// gradient of S4NN (Kheradpisheh & Masquelier 2020) is
/// - `∂L/∂w_ji = −g_j · [t_i ≤ t_j]`  (the potential rises by `w_ji` once input `i` fired, and a
///   unit rise of the potential is taken to advance the spike by one step: `∂t_j/∂V_j = −1`);
/// - `∂L/∂t_i = Σ_j g_j · w_ji · [t_i ≤ t_j]`  (`∂t_j/∂t_i = w_ji` for an input that reached
///   `j` before or at its spike).
/// A neuron that never fired has `t_j` = never (255), after every input: a silent output
/// neuron with an error is treated as firing at the end of the window (S4NN's fake spike).
///
/// The loops run over the input spikes only (an input that never fired has no synapse that
/// reached anything before a spike): for each spike and each output position it reaches, one
/// pass over the `Cp` features of that position — the same runs as the forward pass. Output
/// positions whose errors are all zero are skipped.
public enum ConvBackward {
  /// Accumulates `∂L/∂W` into `gradW` (the layout of `weights.storage`) and, when `gradInput`
  /// is given, writes `∂L/∂t_i` of every input spike into it (channel-major over
  /// `input.shape`; entries of silent inputs are set to 0).
  /// - Parameters:
  ///   - input: the (pooled, padded) input wave the convolution read.
  ///   - events: `input`'s spike lists (what the forward convolution filled).
  ///   - output: the convolution's output (spike times, position-major).
  ///   - gradOutput: `∂L/∂t_j`, position-major `[H·W][Cp]` like `output`.
  public static func backward(input: SpikeWave, events: SpikeEvents, weights: ConvWeights, output: ConvOutput,
                              gradOutput: [Float], gradW: UnsafeMutablePointer<Float>, gradInput: UnsafeMutablePointer<Float>?) {
    let k = weights.kernel, cin = weights.inChannels, cp = weights.paddedOut
    let ho = output.shape.height, wo = output.shape.width
    precondition(gradOutput.count == ho * wo * cp, "backward errors \(gradOutput.count) for \(output.shape)")
    precondition(input.shape.channels == cin && input.shape.height == ho + k - 1 && input.shape.width == wo + k - 1,
                 "backward of input \(input.shape) through k \(k) to \(output.shape)")
    if let gradInput { gradInput.update(repeating: 0, count: input.shape.count) }
    // Per position, the latest spike time among the neurons with an error (-1: none): an
    // input spike after it reaches no neuron that carries an error there, and is skipped (its
    // run would add only zeros).
    var live = [Int16](repeating: -1, count: ho * wo)
    gradOutput.withUnsafeBufferPointer { g in
      output.spikeTime.withUnsafeBufferPointer { st in
        for pos in 0..<(ho * wo) {
          for f in 0..<cp where g[pos * cp + f] != 0 { live[pos] = max(live[pos], Int16(st[pos * cp + f])) }
        }
      }
    }
    let T = input.timeSteps, H = input.shape.height, W = input.shape.width
    weights.storage.withUnsafeBufferPointer { wBuf in
        gradOutput.withUnsafeBufferPointer { gBuf in
          output.spikeTime.withUnsafeBufferPointer { stBuf in
            live.withUnsafeBufferPointer { liveBuf in
              let w = wBuf.baseAddress!, dw = gradW, g = gBuf.baseAddress!, st = stBuf.baseAddress!
              for t in 0..<T {
                let tin = UInt8(t)
                for e in events.start[t]..<events.start[t + 1] {
                  let c = Int(events.channel[e]), y = Int(events.row[e]), x = Int(events.column[e])
                  let ky0 = max(0, y - ho + 1), ky1 = min(k - 1, y), kx0 = max(0, x - wo + 1), kx1 = min(k - 1, x)
                  if ky0 > ky1 || kx0 > kx1 { continue }
                  var gi: Float = 0
                  for ky in ky0...ky1 {
                    for kx in kx0...kx1 {
                      let pos = (y - ky) * wo + (x - kx)
                      if liveBuf[pos] < Int16(tin) { continue }
                      let off = ((ky * k + kx) * cin + c) * cp, o = pos * cp
                      gi += BackwardKernels.backwardRun(dw + off, w + off, g + o, st + o, tin, cp)
                    }
                  }
                  gradInput?[(c * H + y) * W + x] = gi
                }
              }
            }
          }
        }
    }
  }
}
