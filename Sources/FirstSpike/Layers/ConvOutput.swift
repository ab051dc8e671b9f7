/// What a convolution over a spike wave produces, position-major for speed.
///
/// All arrays are `[H·W][Cp]` (output features innermost, padded to `Cp`); use ``wave()`` and
/// ``thresholdedPotentials()`` for SpykeTorch's `(C, H, W)` views.
public struct ConvOutput: Sendable {
  /// `Cout × H × W` of the output.
  public var shape: Shape3
  /// Feature stride of the position-major arrays (`Cout` rounded up to 8).
  public var paddedOut: Int
  /// Time steps of the stimulus.
  public var timeSteps: Int
  /// Potential after the last time step, `pot[T−1]` (un-thresholded). Only complete when
  /// ``hasFinalPotential``: a convolution asked for no final potentials stops integrating a
  /// block of 8 features once all of them have fired (their later potentials are not needed
  /// for spike times, pointwise inhibition or k-WTA).
  public var potential: [Float]
  /// Whether ``potential`` holds `pot[T−1]` of every neuron.
  public var hasFinalPotential = true
  /// First-spike time of each neuron, ``SpikeWave/never`` if it did not fire.
  public var spikeTime: [UInt8]
  /// Potential at the neuron's first-spike time (0 if it never fired); what pointwise inhibition
  /// and k-WTA compare.
  public var potentialAtSpike: [Float]
  /// Synaptic events of the last convolution: input spikes × in-bounds taps × `Cout`.
  public var synapticEvents: Int = 0
  /// The number of neurons that fired, when the convolution counted them as it fired them.
  @usableFromInline var countedSpikes: Int?

  public init() {
    shape = Shape3(0, 0, 0)
    paddedOut = 0
    timeSteps = 1
    potential = []
    spikeTime = []
    potentialAtSpike = []
  }

  /// Resizes the buffers for a new stimulus (keeping their capacity) and clears them: no
  /// neuron has fired; with `zeroPotentials` every potential is 0 (a scatter convolution
  /// clears each position's potentials itself when a spike first reaches it).
  mutating func reset(shape: Shape3, paddedOut: Int, timeSteps: Int, zeroPotentials: Bool = true) {
    let n = shape.plane * paddedOut
    self.shape = shape
    self.paddedOut = paddedOut
    self.timeSteps = timeSteps
    countedSpikes = nil
    if potential.count != n {
      potential = [Float](repeating: 0, count: n)
      spikeTime = [UInt8](repeating: SpikeWave.never, count: n)
      potentialAtSpike = [Float](repeating: 0, count: n)
      return
    }
    spikeTime.withUnsafeMutableBufferPointer { $0.update(repeating: SpikeWave.never) }
    if zeroPotentials {
      potential.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
      potentialAtSpike.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }
  }

  /// Flat position-major index of `(feature, row, column)`.
  @inlinable
  public func slot(_ f: Int, _ r: Int, _ x: Int) -> Int { (r * shape.width + x) * paddedOut + f }

  /// First-spike times as a `(C, H, W)` wave.
  public func wave() -> SpikeWave {
    var wave = SpikeWave(shape: shape, timeSteps: timeSteps)
    let plane = shape.plane, cp = paddedOut, cout = shape.channels
    if plane == 0 || cout == 0 { return wave }
    spikeTime.withUnsafeBufferPointer { stBuf in
      wave.times.withUnsafeMutableBufferPointer { dstBuf in
        let st = stBuf.baseAddress!, dst = dstBuf.baseAddress!
        for pos in 0..<plane {
          let row = st + pos * cp
          for f in 0..<cout { dst[f * plane + pos] = row[f] }
        }
      }
    }
    return wave
  }

  /// Final potentials of the neurons that fired, 0 elsewhere (SpykeTorch's
  /// `fire(pot, θ, return_thresholded_potentials=True)` at the last time step), `(C, H, W)`.
  public func thresholdedPotentials() -> FeatureMaps {
    precondition(hasFinalPotential, "thresholdedPotentials() of a convolution run with finalPotential: false")
    var maps = FeatureMaps(shape: shape)
    let plane = shape.plane, cp = paddedOut
    for pos in 0..<plane {
      for f in 0..<shape.channels where spikeTime[pos * cp + f] != SpikeWave.never {
        maps.values[f * plane + pos] = potential[pos * cp + f]
      }
    }
    return maps
  }

  /// Number of neurons that fired.
  public var spikeCount: Int {
    if let countedSpikes { return countedSpikes }
    var n = 0
    let cp = paddedOut, cout = shape.channels
    spikeTime.withUnsafeBufferPointer { st in
      for pos in 0..<shape.plane {
        let row = st.baseAddress! + pos * cp
        for f in 0..<cout where row[f] != SpikeWave.never { n += 1 }
      }
    }
    return n
  }

  /// Silences neuron `slot` for the whole stimulus.
  @inlinable
  public mutating func silence(_ slot: Int) {
    if spikeTime[slot] != SpikeWave.never { countedSpikes = countedSpikes.map { $0 - 1 } }
    spikeTime[slot] = SpikeWave.never
    potentialAtSpike[slot] = 0
  }
}
