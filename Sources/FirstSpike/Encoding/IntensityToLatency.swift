/// Intensity-to-latency coding: stronger values fire earlier, in `T` bins of equal size.
///
/// With `n` the number of non-zero values over all channels and positions and `b = n / T`
/// (integer division), all values are sorted descending, ties by ascending flat index
/// (channel, row, column): a stable sort. The neuron at sorted rank `k < T·b` fires at `k / b`;
/// the rest (the `n mod T` weakest non-zero values and all zeros) never fire.
/// FirstSpike rules where the reference crashes (`n < T`, `b = 0`): the `k`-th non-zero value
/// in sorted order fires at `k`; `n = 0` gives a silent wave. A value of exactly 0 (or −0)
/// never fires; negative values rank after the zeros, as in the reference's sort.
/// Mirrors SpykeTorch `utils.Intensity2Latency`.
public struct IntensityToLatency: Sendable, Equatable {
  /// Number of time steps `T` (`1..<255`).
  public let timeSteps: Int

  public init(timeSteps: Int) {
    precondition(timeSteps >= 1 && timeSteps < Int(SpikeWave.never), "timeSteps \(timeSteps) outside 1..<255")
    self.timeSteps = timeSteps
  }

  /// The first-spike times of `maps`.
  /// - Complexity: O(N + n log n) for `N` values of which `n` are non-zero.
  public func encode(_ maps: FeatureMaps) -> SpikeWave {
    var wave = SpikeWave(shape: maps.shape, timeSteps: timeSteps)
    var keys = [UInt64]()
    encode(maps, into: &wave, keys: &keys)
    return wave
  }

  /// Writes the first-spike times of `maps` into `wave` (reshaped if needed); `keys` is scratch.
  public func encode(_ maps: FeatureMaps, into wave: inout SpikeWave, keys: inout [UInt64]) {
    precondition(maps.shape.count < 1 << 32, "too many neurons (\(maps.shape.count)) for 32-bit sort keys")
    if wave.shape != maps.shape || wave.timeSteps != timeSteps {
      wave = SpikeWave(shape: maps.shape, timeSteps: timeSteps)
    }
    keys.removeAll(keepingCapacity: true)
    var zeros = 0
    maps.values.withUnsafeBufferPointer { v in
      for i in 0..<v.count {
        if v[i] == 0 { zeros += 1; continue }
        keys.append(UInt64(~Self.orderedBits(v[i])) << 32 | UInt64(i))
      }
    }
    keys.sort()
    let n = keys.count
    let binSize = n / timeSteps
    wave.times.withUnsafeMutableBufferPointer { times in
      for i in 0..<times.count { times[i] = SpikeWave.never }
      for (j, key) in keys.enumerated() {
        let index = Int(key & 0xFFFF_FFFF)
        // Rank among all values: negative values come after every zero.
        let rank = (key >> 63) == 0 ? j : j + zeros
        let time: Int
        if binSize == 0 {
          time = j
        } else {
          if rank >= timeSteps * binSize { continue }
          time = rank / binSize
        }
        times[index] = UInt8(time)
      }
    }
  }

  /// The bits of `v` as an unsigned integer whose order is the order of the floats
  /// (negative values flipped, positive values with the sign bit set).
  @inline(__always)
  static func orderedBits(_ v: Float) -> UInt32 {
    let b = v.bitPattern
    return b & 0x8000_0000 != 0 ? ~b : b | 0x8000_0000
  }
}
