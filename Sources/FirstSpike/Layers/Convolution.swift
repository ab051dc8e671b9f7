/// Event-driven valid convolution of a spike wave, fused with firing.
///
/// Mirrors SpykeTorch `snn.Convolution` followed by `sf.fire`: the potential at step `t` is
/// `pot[t][f,y,x] = Σ_{c,ky,kx} W[f,c,ky,kx] · [t_in(c, y+ky, x+kx) ≤ t]` (cross-correlation of
/// the cumulative wave, no padding, stride 1). Because each input neuron fires at most once,
/// the potentials are built step by step from the spikes of that step only.
///
/// - With a threshold θ a neuron fires at the first `t` with `pot[t] > θ` (strict), and its
///   potential at that step is recorded. Per step the runs of `Cp` weights reaching each output
///   position are summed in registers and stored once; a block of 8 features stops integrating
///   once all of its features have fired. With `finalPotential` (the default) the final
///   potential of such positions is then rebuilt by the complement rule below; without it,
///   ``ConvOutput/potential`` is incomplete there (``ConvOutput/hasFinalPotential`` false).
/// - Without a threshold (SpykeTorch `fire(pot)`) only the last step counts: neurons with
///   `pot[T−1] > 0` fire at `T−1`. Each position takes the cheaper of the direct sum over the
///   inputs that fired and the complement `Σ_{taps in the spike box} tapSums − Σ_{silent
///   inputs in the box} W` (``ConvWeights/tapSums``; the box is the smallest rectangle of
///   input cells holding every spike, so padding is never counted). Nearly every input of
///   mozafari2019's conv3 fires, which makes its potentials ~50× cheaper.
/// - Complexity: O(runs × Cout) additions, runs ≤ input spikes × k²; O(C·H·W) to list events.
public func convolve(_ input: SpikeWave, _ weights: ConvWeights, threshold: Float?,
                     into out: inout ConvOutput, events: inout SpikeEvents, finalPotential: Bool = true) {
  convolve(input, weights, threshold: threshold, into: &out, events: &events, finalPotential: finalPotential,
           firing: nil)
}

/// How a thresholded layer (θ ≥ 0) integrates: by scatter (each run added to its position as
/// it comes) or by gather (runs grouped by position and summed in registers). Both give the
/// same float sums, spike times and potentials (ConvFastPathTests); gathering pays for its
/// grouping pass when `Cp` is wide.
enum ThresholdFiring {
  case scatter, gather

  /// The cheaper one for `Cp` padded output features (mozafari2019: conv1's 32 scatter,
  /// conv2's 256 gather).
  static func cheaper(paddedOut cp: Int) -> ThresholdFiring { cp >= 128 ? .gather : .scatter }
}

/// ``convolve(_:_:threshold:into:events:finalPotential:)`` with the firing path chosen by the
/// caller (nil: ``ThresholdFiring/cheaper(paddedOut:)``), for tests.
func convolve(_ input: SpikeWave, _ weights: ConvWeights, threshold: Float?, into out: inout ConvOutput,
              events: inout SpikeEvents, finalPotential: Bool, firing: ThresholdFiring?) {
  // θ ≥ 0 clears each position's potentials when a spike first reaches it.
  let zero = !(threshold.map { $0 >= 0 } ?? false)
  var spikes: Int? = nil
  let taps = withKernel(input, weights, out: &out, events: &events, zeroPotentials: zero) { kernel -> Int in
    guard let θ = threshold else { return kernel.finalOnly() }
    // Exact final potentials after narrowing cost a complement sum per position: worth it only
    // when few inputs of the spike box are silent.
    let narrowing = !finalPotential || kernel.complementIsCheaper()
    var taps = 0
    if θ < 0 {
      taps = kernel.stepwise(threshold: θ, narrowing: narrowing).taps
    } else if (firing ?? .cheaper(paddedOut: weights.paddedOut)) == .gather {
      (taps, spikes) = kernel.stepwise(threshold: θ, narrowing: narrowing)
    } else {
      (taps, spikes) = kernel.scatterStepwise(threshold: θ, narrowing: narrowing)
    }
    if finalPotential && narrowing { kernel.completeFinalPotentials() }
    return taps
  }
  out.hasFinalPotential = finalPotential || threshold == nil
  out.synapticEvents = taps * weights.outChannels
  out.countedSpikes = spikes
}

/// A training step's forward pass of a thresholded layer (θ ≥ 0) fused with pointwise
/// inhibition and k-WTA: the `k` winners with radius `ρ`, exactly those of ``convolve`` +
/// ``ConvOutput/inhibitPointwise()`` + ``ConvOutput/kWinners(_:radius:)``, found while the
/// potentials are built, which stops as soon as they are certain. `out` holds the spike times
/// and potentials of the surviving neurons up to that step (enough for STDP).
public func convolveInhibitedWinners(_ input: SpikeWave, _ weights: ConvWeights, threshold θ: Float,
                                     winners k: Int, radius ρ: Int, into out: inout ConvOutput,
                                     events: inout SpikeEvents, exact: ExactPotentials? = nil) -> [Winner] {
  precondition(θ >= 0, "fused inhibition needs θ ≥ 0, got \(θ)")
  // Potentials of positions no spike reaches are never read: they are not cleared.
  let result = withKernel(input, weights, out: &out, events: &events, zeroPotentials: false) { kernel in
    kernel.inhibitedWinners(threshold: θ, winners: k, radius: ρ, exact: exact)
  }
  out.hasFinalPotential = false
  out.synapticEvents = result.taps * weights.outChannels
  return result.winners
}

/// Checks the geometry, sizes `out` for it, lists the input's spikes in `events`, and runs
/// `body` with a ``ConvKernel`` over the raw buffers (the only way the kernels are reached).
private func withKernel<R>(_ input: SpikeWave, _ weights: ConvWeights, out: inout ConvOutput,
                           events: inout SpikeEvents, zeroPotentials: Bool,
                           _ body: (inout ConvKernel) -> R) -> R {
  precondition(input.shape.channels == weights.inChannels,
               "input \(input.shape) into a convolution of \(weights.inChannels) channels")
  let k = weights.kernel
  let ho = input.shape.height - k + 1, wo = input.shape.width - k + 1
  precondition(ho > 0 && wo > 0, "input \(input.shape) smaller than kernel \(k)")
  precondition(input.times.count == input.shape.count, "wave of \(input.times.count) neurons for \(input.shape)")
  let cp = weights.paddedOut, cout = weights.outChannels
  out.reset(shape: Shape3(cout, ho, wo), paddedOut: cp, timeSteps: input.timeSteps, zeroPotentials: zeroPotentials)
  events.fill(from: input)
  let scratch = events.uniqueScratch()
  return input.times.withUnsafeBufferPointer { times in
    weights.storage.withUnsafeBufferPointer { w in
      weights.tapSums.withUnsafeBufferPointer { ts in
        out.potential.withUnsafeMutableBufferPointer { pot in
          out.spikeTime.withUnsafeMutableBufferPointer { st in
            out.potentialAtSpike.withUnsafeMutableBufferPointer { pas in
              events.withPointers { ev in
                var kernel = ConvKernel(
                  k: k, cin: weights.inChannels, cout: cout, cp: cp, inH: input.shape.height, inW: input.shape.width,
                  ho: ho, wo: wo, T: input.timeSteps, w: w.baseAddress!, times: times.baseAddress!,
                  pot: pot.baseAddress!, st: st.baseAddress!, pas: pas.baseAddress!, ev: ev, s: scratch,
                  tapSums: weights.tapSumsValid ? ts.baseAddress : nil, weights: weights)
                return body(&kernel)
              }
            }
          }
        }
      }
    }
  }
}

extension SpikeWave {
  /// Convenience: convolve and fire with fresh buffers.
  public func convolved(with weights: ConvWeights, threshold: Float?, finalPotential: Bool = true) -> ConvOutput {
    var out = ConvOutput()
    var events = SpikeEvents()
    convolve(self, weights, threshold: threshold, into: &out, events: &events, finalPotential: finalPotential)
    return out
  }
}
