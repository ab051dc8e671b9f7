/// Event-driven valid convolution of a spike wave, fused with firing.
///
/// Mirrors SpykeTorch `snn.Convolution` followed by `sf.fire`: the potential at step `t` is
/// `pot[t][f,y,x] = Σ_{c,ky,kx} W[f,c,ky,kx] · [t_in(c, y+ky, x+kx) ≤ t]` (cross-correlation of
/// the cumulative wave, no padding, stride 1). Because each input neuron fires at most once,
/// the potentials are built step by step from the spikes of that step only: each input spike
/// adds one contiguous run of `Cp` weights to each output position it reaches.
///
/// - With a threshold θ a neuron fires at the first `t` with `pot[t] > θ` (strict), and its
///   potential at that step is recorded. Without one (SpykeTorch `fire(pot)` with no
///   threshold) only the last step counts: neurons with `pot[T−1] > 0` fire at `T−1`.
/// - Complexity: O(input spikes × k² × Cout) additions, plus O(touched positions × Cout)
///   threshold checks per step; independent of T otherwise.
public func convolve(_ input: SpikeWave, _ weights: ConvWeights, threshold: Float?,
                     into out: inout ConvOutput, events: inout SpikeEvents) {
  precondition(input.shape.channels == weights.inChannels,
               "input \(input.shape) into a convolution of \(weights.inChannels) channels")
  let k = weights.kernel
  let ho = input.shape.height - k + 1, wo = input.shape.width - k + 1
  precondition(ho > 0 && wo > 0, "input \(input.shape) smaller than kernel \(k)")
  let T = input.timeSteps, cp = weights.paddedOut, cout = weights.outChannels, cin = weights.inChannels
  out.reset(shape: Shape3(cout, ho, wo), paddedOut: cp, timeSteps: T)
  events.fill(from: input)
  var taps = 0
  var touched = [Int32](repeating: 0, count: ho * wo)
  var stamp = [Int32](repeating: -1, count: ho * wo)

  weights.storage.withUnsafeBufferPointer { wBuf in
    out.potential.withUnsafeMutableBufferPointer { potBuf in
      out.spikeTime.withUnsafeMutableBufferPointer { stBuf in
        out.potentialAtSpike.withUnsafeMutableBufferPointer { pasBuf in
          let w = wBuf.baseAddress!, pot = potBuf.baseAddress!
          for t in 0..<T {
            var nTouched = 0
            for e in events.start[t]..<events.start[t + 1] {
              let c = Int(events.channel[e]), y = Int(events.row[e]), x = Int(events.column[e])
              let ky0 = max(0, y - ho + 1), ky1 = min(k - 1, y)
              let kx0 = max(0, x - wo + 1), kx1 = min(k - 1, x)
              if ky0 > ky1 || kx0 > kx1 { continue }
              for ky in ky0...ky1 {
                let oy = y - ky
                for kx in kx0...kx1 {
                  let pos = oy * wo + (x - kx)
                  addRun(pot + pos * cp, w + ((ky * k + kx) * cin + c) * cp, cp)
                  if threshold != nil && stamp[pos] != Int32(t) {
                    stamp[pos] = Int32(t)
                    touched[nTouched] = Int32(pos)
                    nTouched += 1
                  }
                }
              }
              taps += (ky1 - ky0 + 1) * (kx1 - kx0 + 1)
            }
            if let θ = threshold {
              let step = UInt8(t)
              for i in 0..<nTouched {
                let base = Int(touched[i]) * cp
                for f in 0..<cout where stBuf[base + f] == SpikeWave.never && potBuf[base + f] > θ {
                  stBuf[base + f] = step
                  pasBuf[base + f] = potBuf[base + f]
                }
              }
            }
          }
          if threshold == nil {
            let last = UInt8(T - 1)
            for pos in 0..<(ho * wo) {
              let base = pos * cp
              for f in 0..<cout where potBuf[base + f] > 0 {
                stBuf[base + f] = last
                pasBuf[base + f] = potBuf[base + f]
              }
            }
          }
        }
      }
    }
  }
  out.synapticEvents = taps * cout
}

/// `dst[0..<n] += src[0..<n]`, `n` a multiple of 8.
@inline(__always)
func addRun(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, _ n: Int) {
  let d = UnsafeMutableRawPointer(dst), s = UnsafeRawPointer(src)
  var off = 0
  let bytes = n * 4
  while off < bytes {
    let a = d.loadUnaligned(fromByteOffset: off, as: SIMD8<Float>.self)
    let b = s.loadUnaligned(fromByteOffset: off, as: SIMD8<Float>.self)
    d.storeBytes(of: a + b, toByteOffset: off, as: SIMD8<Float>.self)
    off += 32
  }
}

extension SpikeWave {
  /// Convenience: convolve and fire with fresh buffers.
  public func convolved(with weights: ConvWeights, threshold: Float?) -> ConvOutput {
    var out = ConvOutput()
    var events = SpikeEvents()
    convolve(self, weights, threshold: threshold, into: &out, events: &events)
    return out
  }
}
