/// Average pooling of a spike wave in front of a convolution, kept single-spike.
///
/// Average pooling (window and stride `s`, no padding) of the cumulative wave gives each cell
/// the fraction of its `s × s` inputs that have fired by step `t` — not a spike. The
/// convolution that reads it is linear in its input, so
/// `Σ_{c,ky,kx} W[f,c,ky,kx] · avg_{a,b<s} [t(c, s(y+ky)+a, s(x+kx)+b) ≤ t]` equals an ordinary
/// convolution of the **space-to-depth** wave (channel `(c·s + a)·s + b` at cell `(y, x)` holds
/// input `(c, s·y + a, s·x + b)`: a re-indexing, every neuron still fires at most once) with
/// the tied weights `W'[f, (c,a,b), ky, kx] = W[f, c, ky, kx] / s²`. FirstSpike computes it so:
/// the event-driven convolution runs unchanged on the re-indexed wave, and every input spike
/// is one synaptic event (max pooling keeps one event per window instead).
/// Rows and columns past the last whole window are dropped, as pooling does.
extension SpikeWave {
  /// The space-to-depth wave of `s × s` blocks: shape `(C·s², ⌊H/s⌋, ⌊W/s⌋)`.
  public func spaceToDepth(_ s: Int) -> SpikeWave {
    precondition(s >= 1, "space-to-depth block \(s)")
    if s == 1 { return self }
    let H = shape.height, W = shape.width, ho = H / s, wo = W / s
    precondition(ho > 0 && wo > 0, "average pooling \(s) of \(shape) leaves nothing")
    var out = SpikeWave(shape: Shape3(shape.channels * s * s, ho, wo), timeSteps: timeSteps)
    times.withUnsafeBufferPointer { src in
      out.times.withUnsafeMutableBufferPointer { dst in
        var o = 0
        for c in 0..<shape.channels {
          for a in 0..<s {
            for b in 0..<s {
              for y in 0..<ho {
                let row = (c * H + s * y + a) * W + b
                for x in 0..<wo {
                  dst[o] = src[row + s * x]
                  o += 1
                }
              }
            }
          }
        }
      }
    }
    return out
  }
}

extension ConvWeights {
  /// The tied weights that convolve a space-to-depth wave of `s × s` blocks as this
  /// convolution convolves the average-pooled wave: `W'[f, (c,a,b), ky, kx] = W[f,c,ky,kx]/s²`.
  public func averagePooled(_ s: Int) -> ConvWeights {
    precondition(s >= 1, "average pooling \(s)")
    if s == 1 { return self }
    let blocks = s * s, scale = 1 / Float(blocks), cp = paddedOut
    var out = ConvWeights(inChannels: inChannels * blocks, outChannels: outChannels, kernel: kernel)
    storage.withUnsafeBufferPointer { src in
      out.storage.withUnsafeMutableBufferPointer { dst in
        for tap in 0..<(kernel * kernel) {
          for c in 0..<inChannels {
            let from = (tap * inChannels + c) * cp
            for j in 0..<blocks {
              let to = (tap * inChannels * blocks + c * blocks + j) * cp
              for f in 0..<cp { dst[to + f] = src[from + f] * scale }
            }
          }
        }
      }
    }
    out.refreshTapSums()
    return out
  }

  /// The gradient of the tied weights from the gradient `g` (layout of ``averagePooled(_:)``'s
  /// result, `[k][k][Cin·s²][Cp]`): `∂L/∂W[f,c,ky,kx] = Σ_{a,b} ∂L/∂W'[f,(c,a,b),ky,kx] / s²`,
  /// summed in block order. Returns `[k][k][Cin][Cp]` (this layer's storage layout).
  public func foldAveragePooledGradient(_ g: [Float], block s: Int) -> [Float] {
    if s == 1 { return g }
    let blocks = s * s, scale = 1 / Float(blocks), cp = paddedOut
    precondition(g.count == kernel * kernel * inChannels * blocks * cp, "gradient of \(g.count) for \(self.count) tied weights")
    var out = [Float](repeating: 0, count: storage.count)
    for tap in 0..<(kernel * kernel) {
      for c in 0..<inChannels {
        let to = (tap * inChannels + c) * cp
        for j in 0..<blocks {
          let from = (tap * inChannels * blocks + c * blocks + j) * cp
          for f in 0..<cp { out[to + f] += g[from + f] }
        }
        for f in 0..<cp { out[to + f] *= scale }
      }
    }
    return out
  }
}
