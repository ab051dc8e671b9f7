/// The spikes of a wave grouped by time step: the work list of event-driven convolution.
///
/// `start[t]..<start[t+1]` indexes the spikes of step `t` in `channel`, `row`, `column`
/// (each in ascending flat-index order). Building it is one counting-sort pass over the wave.
public struct SpikeEvents: Sendable {
  public var start: [Int] = []
  public var channel: [Int32] = []
  public var row: [Int32] = []
  public var column: [Int32] = []

  public init() {}

  public init(_ wave: SpikeWave) {
    self.init()
    fill(from: wave)
  }

  public var count: Int { channel.count }

  /// Rebuilds the lists from `wave`, reusing capacity.
  public mutating func fill(from wave: SpikeWave) {
    let T = wave.timeSteps
    var counts = [Int](repeating: 0, count: T + 1)
    wave.times.withUnsafeBufferPointer { times in
      for t in times where t != SpikeWave.never { counts[Int(t) + 1] += 1 }
    }
    for t in 0..<T { counts[t + 1] += counts[t] }
    start = counts
    let n = counts[T]
    channel = [Int32](repeating: 0, count: n)
    row = [Int32](repeating: 0, count: n)
    column = [Int32](repeating: 0, count: n)
    var next = counts
    let H = wave.shape.height, W = wave.shape.width, plane = H * W
    wave.times.withUnsafeBufferPointer { times in
      for i in 0..<times.count where times[i] != SpikeWave.never {
        let t = Int(times[i])
        let k = next[t]
        next[t] = k + 1
        let c = i / plane, rest = i - c * plane
        let r = rest / W
        channel[k] = Int32(c)
        row[k] = Int32(r)
        column[k] = Int32(rest - r * W)
      }
    }
  }
}
