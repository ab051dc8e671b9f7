extension ConvOutput {
  /// The output wave pooled (earliest spike of each `size × size` window, stride σ, padding
  /// p), read straight from the position-major spike times: equal to
  /// `wave().pooled(size:stride:padding:)` without building the full `(C, H, W)` wave first.
  ///
  /// Per output cell the window's `Cp`-byte rows are combined by an elementwise minimum (SIMD
  /// over features), then scattered to the `(C, H, W)` result.
  /// - Complexity: O(H_out · W_out · s² · Cp).
  public func pooledWave(size s: Int, stride σ: Int, padding p: Int = 0) -> SpikeWave {
    precondition(s > 0 && σ > 0 && p >= 0, "pooling size \(s) stride \(σ) padding \(p)")
    let H = shape.height, W = shape.width, cout = shape.channels, cp = paddedOut
    let ho = (H + 2 * p - s) / σ + 1, wo = (W + 2 * p - s) / σ + 1
    precondition(ho > 0 && wo > 0, "pooling \(s)/\(σ)/\(p) of \(shape) leaves nothing")
    var wave = SpikeWave(shape: Shape3(cout, ho, wo), timeSteps: timeSteps)
    if cout == 0 { return wave }
    let planeOut = ho * wo
    var window = [UInt8](repeating: SpikeWave.never, count: cp)
    spikeTime.withUnsafeBufferPointer { stBuf in
      wave.times.withUnsafeMutableBufferPointer { dstBuf in
        window.withUnsafeMutableBufferPointer { accBuf in
          let st = stBuf.baseAddress!, dst = dstBuf.baseAddress!, acc = accBuf.baseAddress!
          for oy in 0..<ho {
            let y0 = max(oy * σ - p, 0), y1 = min(oy * σ - p + s, H)
            for ox in 0..<wo {
              let x0 = max(ox * σ - p, 0), x1 = min(ox * σ - p + s, W)
              acc.update(repeating: SpikeWave.never, count: cp)
              var y = y0
              while y < y1 {
                var x = x0
                while x < x1 {
                  let row = st + (y * W + x) * cp
                  for f in 0..<cp { acc[f] = min(acc[f], row[f]) }
                  x += 1
                }
                y += 1
              }
              let cell = oy * wo + ox
              for f in 0..<cout { dst[f * planeOut + cell] = acc[f] }
            }
          }
        }
      }
    }
    return wave
  }
}
