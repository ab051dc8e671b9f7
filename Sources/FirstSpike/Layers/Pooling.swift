extension SpikeWave {
  /// Spike pooling: max over each `size × size` window of the cumulative wave, i.e. the earliest
  /// first-spike time in the window (SpykeTorch `sf.pooling` / `snn.Pooling`).
  ///
  /// Output size `⌊(H + 2p − s)/σ⌋ + 1` per axis; padding cells never fire, so never win.
  /// - Complexity: O(C · H_out · (s · W + W_out · s)).
  public func pooled(size s: Int, stride σ: Int, padding p: Int = 0) -> SpikeWave {
    precondition(s > 0 && σ > 0 && p >= 0, "pooling size \(s) stride \(σ) padding \(p)")
    let H = shape.height, W = shape.width
    let ho = (H + 2 * p - s) / σ + 1, wo = (W + 2 * p - s) / σ + 1
    precondition(ho > 0 && wo > 0, "pooling \(s)/\(σ)/\(p) of \(shape) leaves nothing")
    let out = Shape3(shape.channels, ho, wo)
    var wave = SpikeWave(shape: out, timeSteps: timeSteps)
    var columnMin = [UInt8](repeating: SpikeWave.never, count: W)
    times.withUnsafeBufferPointer { srcBuf in
      wave.times.withUnsafeMutableBufferPointer { dstBuf in
        columnMin.withUnsafeMutableBufferPointer { colBuf in
          let src = srcBuf.baseAddress!, dst = dstBuf.baseAddress!, col = colBuf.baseAddress!
          var o = 0
          for c in 0..<shape.channels {
            let plane = src + c * H * W
            for oy in 0..<ho {
              // Earliest time per column over the window's rows, then per window over columns.
              let y0 = max(oy * σ - p, 0), y1 = min(oy * σ - p + s, H)
              col.update(repeating: SpikeWave.never, count: W)
              var y = y0
              while y < y1 {
                let row = plane + y * W
                for x in 0..<W { col[x] = min(col[x], row[x]) }
                y += 1
              }
              for ox in 0..<wo {
                let x0 = max(ox * σ - p, 0), x1 = min(ox * σ - p + s, W)
                var best = SpikeWave.never
                var x = x0
                while x < x1 {
                  best = min(best, col[x])
                  x += 1
                }
                dst[o] = best
                o += 1
              }
            }
          }
        }
      }
    }
    return wave
  }
}

extension FeatureMaps {
  /// Ordinary max pooling on intensities (the shallow model pools intensities this way);
  /// padding never wins.
  public func maxPooled(size s: Int, stride σ: Int, padding p: Int = 0) -> FeatureMaps {
    let H = shape.height, W = shape.width
    let ho = (H + 2 * p - s) / σ + 1, wo = (W + 2 * p - s) / σ + 1
    precondition(ho > 0 && wo > 0, "pooling \(s)/\(σ)/\(p) of \(shape) leaves nothing")
    var out = FeatureMaps(shape: Shape3(shape.channels, ho, wo))
    for c in 0..<shape.channels {
      for oy in 0..<ho {
        let y0 = max(oy * σ - p, 0), y1 = min(oy * σ - p + s, H)
        for ox in 0..<wo {
          let x0 = max(ox * σ - p, 0), x1 = min(ox * σ - p + s, W)
          var best = -Float.infinity
          for y in y0..<y1 { for x in x0..<x1 { best = max(best, self[c, y, x]) } }
          out[c, oy, ox] = best
        }
      }
    }
    return out
  }
}
