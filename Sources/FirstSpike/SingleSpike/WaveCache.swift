/// Spike waves of many images of one shape in one contiguous `[UInt8]` (one byte per neuron):
/// the frozen lower layers' output, computed once per data set and reused by every pass of a
/// stage instead of re-running the encoder and lower layers.
public struct WaveCache: Sendable {
  public let shape: Shape3
  public let timeSteps: Int
  public let count: Int
  public private(set) var storage: [UInt8]

  /// Computes `make(i)` for `i in 0..<count` in parallel; every wave must have `shape`.
  public init(count: Int, shape: Shape3, timeSteps: Int, threads: Int = defaultThreadCount,
              _ make: @Sendable (Int) -> SpikeWave) {
    self.shape = shape
    self.timeSteps = timeSteps
    self.count = count
    let n = shape.count
    var storage = [UInt8](repeating: SpikeWave.never, count: count * n)
    storage.withUnsafeMutableBufferPointer { buf in
      let out = SharedBuffer(buf)
      let chunk = 64
      parallelFor((count + chunk - 1) / chunk, threads: threads) { c in
        for i in (c * chunk)..<min(count, (c + 1) * chunk) {
          let wave = make(i)
          precondition(wave.shape == shape, "cached wave \(wave.shape), expected \(shape)")
          wave.times.withUnsafeBufferPointer { src in
            (out.base + i * n).update(from: src.baseAddress!, count: n)
          }
        }
      }
    }
    self.storage = storage
  }

  /// Wave `i`.
  public func wave(_ i: Int) -> SpikeWave {
    let n = shape.count
    return SpikeWave(shape: shape, timeSteps: timeSteps, times: Array(storage[(i * n)..<((i + 1) * n)]))
  }

  /// Bytes held.
  public var byteCount: Int { storage.count }
}
