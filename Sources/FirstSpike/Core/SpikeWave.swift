/// A spike wave stored as one first-spike time per neuron.
///
/// SpykeTorch stores a wave as a dense cumulative `[T, C, H, W]` 0/1 tensor. Because a neuron fires
/// at most once, the same information is one `UInt8` per neuron: its first time step `t ∈ 0..<T`,
/// or ``SpikeWave/never``. The dense tensor is recovered as `wave[t][n] = times[n] <= t`.
public struct SpikeWave: Sendable, Equatable {
  /// Sentinel for a neuron that never fires. Larger than every valid time, so
  /// "has fired by step t" is simply `times[n] <= t`.
  public static let never: UInt8 = .max

  public var shape: Shape3
  /// Number of time steps of the stimulus (`1...255`).
  public var timeSteps: Int
  /// First-spike time of every neuron, row-major `(channel, row, column)`.
  public var times: [UInt8]

  /// A silent wave.
  public init(shape: Shape3, timeSteps: Int) {
    precondition(timeSteps >= 1 && timeSteps < Int(SpikeWave.never), "timeSteps \(timeSteps) outside 1..<255")
    self.shape = shape
    self.timeSteps = timeSteps
    self.times = [UInt8](repeating: SpikeWave.never, count: shape.count)
  }

  public init(shape: Shape3, timeSteps: Int, times: [UInt8]) {
    precondition(times.count == shape.count, "wave of \(times.count) neurons for shape \(shape)")
    precondition(timeSteps >= 1 && timeSteps < Int(SpikeWave.never), "timeSteps \(timeSteps) outside 1..<255")
    self.shape = shape
    self.timeSteps = timeSteps
    self.times = times
  }

  /// Number of neurons that fire.
  public var spikeCount: Int {
    var n = 0
    for t in times where t != SpikeWave.never { n += 1 }
    return n
  }

  /// First-spike time of `(channel, row, column)`, `nil` if it never fires.
  public func time(_ c: Int, _ r: Int, _ x: Int) -> Int? {
    let t = times[shape.index(c, r, x)]
    return t == SpikeWave.never ? nil : Int(t)
  }

  /// The dense cumulative 0/1 tensor `[T, C, H, W]` SpykeTorch uses (for tests and export).
  public func dense() -> [Float] {
    var out = [Float](repeating: 0, count: timeSteps * shape.count)
    for (n, t) in times.enumerated() where t != SpikeWave.never {
      for s in Int(t)..<timeSteps { out[s * shape.count + n] = 1 }
    }
    return out
  }

  /// Flat indices of the neurons that fired, ascending: binary SVM features.
  public func firedIndices() -> [Int32] {
    var out: [Int32] = []
    for (i, t) in times.enumerated() where t != SpikeWave.never { out.append(Int32(i)) }
    return out
  }
}
