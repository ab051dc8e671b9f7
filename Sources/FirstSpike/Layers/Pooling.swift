extension SpikeWave {
  /// Spike pooling: max over each `size × size` window of the cumulative wave, i.e. the earliest
  /// first-spike time in the window (SpykeTorch `sf.pooling` / `snn.Pooling`).
  ///
  /// Output size `⌊(H + 2p − s)/σ⌋ + 1` per axis; padding cells never fire, so never win.
  /// - Complexity: O(C · H_out · W_out · s²).
  public func pooled(size s: Int, stride σ: Int, padding p: Int = 0) -> SpikeWave {
    precondition(s > 0 && σ > 0 && p >= 0, "pooling size \(s) stride \(σ) padding \(p)")
    let H = shape.height, W = shape.width
    let ho = (H + 2 * p - s) / σ + 1, wo = (W + 2 * p - s) / σ + 1
    precondition(ho > 0 && wo > 0, "pooling \(s)/\(σ)/\(p) of \(shape) leaves nothing")
    let out = Shape3(shape.channels, ho, wo)
    var wave = SpikeWave(shape: out, timeSteps: timeSteps)
    times.withUnsafeBufferPointer { src in
      wave.times.withUnsafeMutableBufferPointer { dst in
        var o = 0
        for c in 0..<shape.channels {
          let plane = c * H * W
          for oy in 0..<ho {
            let y0 = max(oy * σ - p, 0), y1 = min(oy * σ - p + s, H)
            for ox in 0..<wo {
              let x0 = max(ox * σ - p, 0), x1 = min(ox * σ - p + s, W)
              var best = SpikeWave.never
              if y0 < y1 && x0 < x1 {
                for y in y0..<y1 {
                  let row = plane + y * W
                  for x in x0..<x1 { best = min(best, src[row + x]) }
                }
              }
              dst[o] = best
              o += 1
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
