extension SpikeWave {
  /// The wave surrounded by `p` rows/columns of neurons that never fire (SpykeTorch `sf.pad`
  /// with value 0 on a spike wave). Padding is an explicit step: convolutions are valid.
  /// - Precondition: `p ≥ 0` and `times` holds `shape.count` neurons (the copy below writes
  ///   through unchecked pointers; specs are validated where they enter, this guards the rest).
  public func padded(_ p: Int) -> SpikeWave {
    precondition(p >= 0 && p <= 1 << 16, "padding \(p) of a spike wave")
    precondition(times.count == shape.count, "wave of \(times.count) neurons for shape \(shape)")
    if p == 0 { return self }
    let out = Shape3(shape.channels, shape.height + 2 * p, shape.width + 2 * p)
    var wave = SpikeWave(shape: out, timeSteps: timeSteps)
    let w = shape.width
    times.withUnsafeBufferPointer { src in
      wave.times.withUnsafeMutableBufferPointer { dst in
        for c in 0..<shape.channels {
          for r in 0..<shape.height {
            let s = (c * shape.height + r) * w
            let d = out.index(c, r + p, p)
            for x in 0..<w { dst[d + x] = src[s + x] }
          }
        }
      }
    }
    return wave
  }
}
