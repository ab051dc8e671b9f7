internal import CFirstSpikeKernels

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
///
/// With `code` `.linear` (S4NN's coder) the time depends on the value alone:
/// `t = ⌊(255 − v)·T/255⌋` for `0 < v < 255`, 0 for `v ≥ 255`, never for `v ≤ 0`.
public struct IntensityToLatency: Sendable, Equatable {
  /// Number of time steps `T` (`1..<255`).
  public let timeSteps: Int
  public let code: EncoderSpec.LatencyCode

  public init(timeSteps: Int, code: EncoderSpec.LatencyCode = .rank) {
    precondition(timeSteps >= 1 && timeSteps < Int(SpikeWave.never), "timeSteps \(timeSteps) outside 1..<255")
    self.timeSteps = timeSteps
    self.code = code
  }

  /// S4NN's linear time of one value (nil: never fires).
  @inline(__always)
  public static func linearTime(_ v: Float, timeSteps T: Int) -> UInt8? {
    if !(v > 0) { return nil }
    if v >= 255 { return 0 }
    // (255 − v)·T/255 < T for v > 0; the clamp only catches values so small that 255 − v
    // rounds to 255.
    return UInt8(min(((255 - Double(v)) * Double(T) / 255).rounded(.down), Double(T - 1)))
  }

  /// The first-spike times of `maps`.
  /// - Complexity: O(N + n log n) for `N` values of which `n` are non-zero.
  public func encode(_ maps: FeatureMaps) -> SpikeWave {
    var wave = SpikeWave(shape: maps.shape, timeSteps: timeSteps)
    var keys = [UInt64]()
    encode(maps, into: &wave, keys: &keys)
    return wave
  }

  /// Writes the first-spike times of `maps` into `wave` (reshaped if needed); `keys` is scratch
  /// (it grows to twice the number of values). The rank code runs the C kernel
  /// `fs_latency_rank` (equal to ``encodeRankReference(_:into:keys:)``).
  public func encode(_ maps: FeatureMaps, into wave: inout SpikeWave, keys: inout [UInt64]) {
    precondition(maps.shape.count < 1 << 32, "too many neurons (\(maps.shape.count)) for 32-bit sort keys")
    if wave.shape != maps.shape || wave.timeSteps != timeSteps {
      wave = SpikeWave(shape: maps.shape, timeSteps: timeSteps)
    }
    if code == .linear {
      let T = timeSteps
      maps.values.withUnsafeBufferPointer { v in
        wave.times.withUnsafeMutableBufferPointer { times in
          for i in 0..<v.count { times[i] = Self.linearTime(v[i], timeSteps: T) ?? SpikeWave.never }
        }
      }
      return
    }
    let count = maps.values.count
    if count == 0 { return }
    if keys.count < 2 * count { keys = [UInt64](repeating: 0, count: 2 * count) }
    maps.values.withUnsafeBufferPointer { v in
      wave.times.withUnsafeMutableBufferPointer { times in
        keys.withUnsafeMutableBufferPointer { k in
          _ = fs_latency_rank(v.baseAddress!, Int64(count), Int64(timeSteps), times.baseAddress!, k.baseAddress!)
        }
      }
    }
  }

  /// The Swift reference of the C kernel `fs_latency_rank` (rank code): writes the first-spike
  /// times of `maps` into `wave`, which has the shape of `maps`.
  func encodeRankReference(_ maps: FeatureMaps, into wave: inout SpikeWave, keys: inout [UInt64]) {
    let n = Self.sortedKeys(maps.values, into: &keys)
    let zeros = maps.values.count - n
    let binSize = n / timeSteps
    wave.times.withUnsafeMutableBufferPointer { times in
      for i in 0..<times.count { times[i] = SpikeWave.never }
      for j in 0..<n {
        let key = keys[j]
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

  /// Fills `keys[0..<n]` with one key per non-zero value, `(~orderedBits(v) << 32) | index`,
  /// in ascending key order (value descending, index ascending) and returns `n`.
  /// `keys` grows to `2n` (the upper half is the radix sort's buffer).
  static func sortedKeys(_ values: [Float], into keys: inout [UInt64]) -> Int {
    var n = 0
    for v in values where v != 0 { n += 1 }
    if keys.count < 2 * n { keys = [UInt64](repeating: 0, count: 2 * n) }
    keys.withUnsafeMutableBufferPointer { k in
      values.withUnsafeBufferPointer { v in
        var j = 0
        for i in 0..<v.count where v[i] != 0 {
          k[j] = UInt64(~orderedBits(v[i])) << 32 | UInt64(i)
          j += 1
        }
      }
      radixSortHighHalf(k.baseAddress!, buffer: k.baseAddress! + n, count: n)
    }
    return n
  }

  /// Stable LSD radix sort of `keys[0..<n]` by bits 32..<64, one byte per pass (passes where
  /// all keys share the byte are skipped). Keys arrive in ascending index order, so stability
  /// makes equal values keep ascending index order. Result in `keys`.
  /// - Complexity: O(4 · (n + 256)).
  static func radixSortHighHalf(_ keys: UnsafeMutablePointer<UInt64>, buffer: UnsafeMutablePointer<UInt64>, count n: Int) {
    var from = keys, to = buffer
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { count in
      for shift in stride(from: 32, to: 64, by: 8) {
        for b in 0..<256 { count[b] = 0 }
        for i in 0..<n { count[Int(truncatingIfNeeded: from[i] >> UInt64(shift)) & 255] += 1 }
        if n == 0 || count[Int(truncatingIfNeeded: from[0] >> UInt64(shift)) & 255] == n { continue }
        var sum = 0
        for b in 0..<256 { (count[b], sum) = (sum, sum + count[b]) }
        for i in 0..<n {
          let b = Int(truncatingIfNeeded: from[i] >> UInt64(shift)) & 255
          to[count[b]] = from[i]
          count[b] += 1
        }
        swap(&from, &to)
      }
    }
    if from != keys { keys.update(from: from, count: n) }
  }

  /// The bits of `v` as an unsigned integer whose order is the order of the floats
  /// (negative values flipped, positive values with the sign bit set).
  @inline(__always)
  static func orderedBits(_ v: Float) -> UInt32 {
    let b = v.bitPattern
    return b & 0x8000_0000 != 0 ? ~b : b | 0x8000_0000
  }
}
