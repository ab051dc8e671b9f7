/// A spike raster: which of `neurons` neurons fire at each of `steps` clock steps.
///
/// Stored by step, as a compressed sparse row matrix: the neurons that fire at step `t` are
/// `indices[offsets[t]..<offsets[t + 1]]`, in ascending order. Rate-coded layers fire sparsely
/// (an MNIST image at 128 Hz gives about 5 000 input spikes in 350 × 784 slots), so the
/// simulation walks only the spikes of a step instead of a dense `[T, N]` 0/1 tensor.
public struct SpikeTrain: Sendable, Equatable, Codable {
  public private(set) var neurons: Int
  /// Steps recorded so far.
  public var steps: Int { offsets.count - 1 }
  /// `steps + 1` positions into `indices`; `offsets[0] == 0`.
  public private(set) var offsets: [Int32]
  /// Neuron indices of all spikes, step by step.
  public private(set) var indices: [Int32]

  /// An empty train of `neurons` neurons and no steps; `reserve` spikes of room.
  public init(neurons: Int, reserve: Int = 0) {
    precondition(neurons >= 0, "negative neuron count \(neurons)")
    self.neurons = neurons
    self.offsets = [0]
    self.indices = []
    indices.reserveCapacity(reserve)
  }

  /// The train of a dense `steps × neurons` 0/1 raster (row-major, nonzero = spike).
  public init(dense: [UInt8], neurons: Int, steps: Int) {
    precondition(dense.count == neurons * steps, "\(dense.count) values for \(steps) × \(neurons)")
    self.init(neurons: neurons)
    for t in 0..<steps {
      for n in 0..<neurons where dense[t * neurons + n] != 0 { indices.append(Int32(n)) }
      endStep()
    }
  }

  /// Total number of spikes.
  public var spikeCount: Int { indices.count }

  /// The neurons that fire at step `t`, ascending.
  @inlinable
  public func spikes(at t: Int) -> ArraySlice<Int32> {
    indices[Int(offsets[t])..<Int(offsets[t + 1])]
  }

  /// Adds neuron `n` to the step being recorded (call in ascending order of `n`).
  public mutating func append(_ n: Int32) {
    indices.append(n)
  }

  /// Closes the step being recorded; the next `append` starts step `steps`.
  public mutating func endStep() {
    offsets.append(Int32(indices.count))
  }

  /// Forgets all steps, keeping the storage.
  public mutating func removeAll() {
    offsets.removeAll(keepingCapacity: true)
    offsets.append(0)
    indices.removeAll(keepingCapacity: true)
  }

  /// The dense `steps × neurons` 0/1 raster, as BindsNET's `[time, n]` spike tensors.
  public func dense() -> [UInt8] {
    var out = [UInt8](repeating: 0, count: steps * neurons)
    for t in 0..<steps {
      for n in spikes(at: t) { out[t * neurons + Int(n)] = 1 }
    }
    return out
  }
}
