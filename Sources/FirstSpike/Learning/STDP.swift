/// Learning rates of one feature: `ltp` for synapses whose input fired at or before the output,
/// `ltd` for the others (later or never). For plain STDP `ltp > 0 > ltd`.
public struct RatePair: Hashable, Sendable, Codable {
  public var ltp: Float
  public var ltd: Float
  public init(_ ltp: Float, _ ltd: Float) {
    self.ltp = ltp
    self.ltd = ltd
  }
}

/// Spike-timing-dependent plasticity for the winners of one layer.
///
/// Mirrors SpykeTorch `snn.STDP.forward`. For a winner `(f, r, c)` with first-spike time
/// `t_out`, every synapse `[f, ch, ky, kx]` reads the input neuron `(ch, r + ky, c + kx)` of the
/// (already padded) input wave; it gets `a = ltp_f` if `t_in ≤ t_out`, else `a = ltd_f`, and
///
///     ΔW = a · (W − lb) · (ub − W)      (stabilizer on)
///     ΔW = a                            (stabilizer off),
///
/// computed in Float32 in that order. Then the layer is clamped to `[lb, ub]`. Only winners'
/// kernels change, so clamping them is the whole-layer clamp once every weight is in bounds;
/// ``STDP/apply(to:input:winners:outputTimes:rates:)`` clamps the whole layer while
/// ``weightsMayBeOutOfBounds`` (initial weights drawn outside the bounds).
public struct STDP: Sendable, Codable, Equatable {
  public var lowerBound: Float
  public var upperBound: Float
  public var stabilizer: Bool
  /// True until the first update has clamped the whole layer.
  public var weightsMayBeOutOfBounds: Bool = true

  public init(lowerBound: Float = 0, upperBound: Float = 1, stabilizer: Bool = true) {
    self.lowerBound = lowerBound
    self.upperBound = upperBound
    self.stabilizer = stabilizer
  }

  /// Updates the kernels of `winners`; `outputTimes[i]` is winner `i`'s first-spike time and
  /// `rates[f]` the rates of feature `f`.
  public mutating func apply(to weights: inout ConvWeights, input: SpikeWave, winners: [Winner],
                             outputTimes: [UInt8], rates: [RatePair]) {
    if winners.isEmpty { return }
    let k = weights.kernel, cin = weights.inChannels, cp = weights.paddedOut
    let lb = lowerBound, ub = upperBound, stab = stabilizer
    precondition(input.shape.channels == cin, "STDP input \(input.shape) for \(cin) channels")
    let tapSumsWereValid = weights.tapSumsValid
    input.times.withUnsafeBufferPointer { tin in
      weights.storage.withUnsafeMutableBufferPointer { w in
        for (i, win) in winners.enumerated() {
          let tout = outputTimes[i]
          let rate = rates[win.feature]
          for ky in 0..<k {
            for kx in 0..<k {
              for ch in 0..<cin {
                let ti = tin[input.shape.index(ch, win.row + ky, win.column + kx)]
                let a = ti <= tout ? rate.ltp : rate.ltd
                let o = ((ky * k + kx) * cin + ch) * cp + win.feature
                let v = w[o]
                w[o] = stab ? v + a * ((v - lb) * (ub - v)) : v + a
              }
            }
          }
        }
      }
    }
    if weightsMayBeOutOfBounds {
      weights.clampAll(lb, ub)
      weightsMayBeOutOfBounds = false
    } else {
      for win in winners { clampKernel(&weights, feature: win.feature) }
      // Keep the convolution's derived tap sums current: only the winners' kernels changed.
      if tapSumsWereValid { weights.refreshTapSums(features: winners.map(\.feature)) } else { weights.refreshTapSums() }
    }
    #if FIRSTSPIKE_CHECKS
    precondition(weights.allWithin(lb, ub), "STDP left weights outside [\(lb), \(ub)]")
    #endif
  }

  func clampKernel(_ weights: inout ConvWeights, feature f: Int) {
    let lb = lowerBound, ub = upperBound, cp = weights.paddedOut
    weights.storage.withUnsafeMutableBufferPointer { w in
      for o in stride(from: f, to: w.count, by: cp) { w[o] = min(max(w[o], lb), ub) }
    }
  }
}
