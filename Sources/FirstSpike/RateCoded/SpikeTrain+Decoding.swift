/// Decoders from a spike train (any layer's output) to one number per neuron.
extension SpikeTrain {
  /// Spike-count decoding: the number of spikes of each neuron over the whole train.
  /// - Complexity: O(neurons + spikes).
  public func spikeCounts() -> [Int32] {
    var counts = [Int32](repeating: 0, count: neurons)
    for n in indices { counts[Int(n)] += 1 }
    return counts
  }

  /// Rate decoding: spikes per second of each neuron, `count / (steps · dt)` with `dt` in ms.
  public func rates(dt: Double) -> [Double] {
    let seconds = Double(steps) * dt / 1000
    return spikeCounts().map { seconds > 0 ? Double($0) / seconds : 0 }
  }

  /// First-spike decoding: the step of each neuron's first spike, nil if it never fires.
  /// - Complexity: O(neurons + spikes).
  public func firstSpikeSteps() -> [Int?] {
    var first = [Int?](repeating: nil, count: neurons)
    for t in 0..<steps {
      for n in spikes(at: t) where first[Int(n)] == nil { first[Int(n)] = t }
    }
    return first
  }

  /// First-spike decoding as a ``SpikeWave`` of `shape` (time-to-first-spike code), for
  /// trains of fewer than 255 steps; a neuron that never fires gets ``SpikeWave/never``.
  public func firstSpikeWave(shape: Shape3) -> SpikeWave {
    precondition(shape.count == neurons, "shape \(shape) for \(neurons) neurons")
    let times = firstSpikeSteps().map { $0.map(UInt8.init) ?? SpikeWave.never }
    return SpikeWave(shape: shape, timeSteps: steps, times: times)
  }
}
