extension FilterBank {
  /// Reusable buffers of ``FilterBank/apply(_:into:scratch:)``: the padded image in `Double`,
  /// the non-zero column range of each of its rows and one accumulator row.
  public struct Scratch: Sendable {
    var padded: [Double] = []
    var firstNonZero: [Int] = []
    var lastNonZero: [Int] = []
    var accumulator: [Double] = []
    public init() {}
  }

  /// Filters `image` into `out` (reshaped when its shape differs), reusing `scratch`.
  ///
  /// For each output row and kernel row, source rows that are all zero are skipped and every
  /// tap only visits the output columns whose source pixel lies in that row's non-zero column
  /// range; the skipped terms are exact zeros, so the sums equal the full correlation.
  public func apply(_ image: GrayImage, into out: inout FeatureMaps, scratch: inout Scratch) {
    let shape = outputShape(height: image.height, width: image.width)
    if out.shape != shape { out = FeatureMaps(shape: shape) }
    preparePadded(image, &scratch)
    let pw = image.width + 2 * padding
    let ow = shape.width
    if scratch.accumulator.count < ow { scratch.accumulator = [Double](repeating: 0, count: ow) }
    out.values.withUnsafeMutableBufferPointer { dst in
      scratch.padded.withUnsafeBufferPointer { src in
        scratch.accumulator.withUnsafeMutableBufferPointer { acc in
          for f in 0..<kernels.count {
            for r in 0..<shape.height {
              accumulateRow(kernel: f, outputRow: r, src: src, paddedWidth: pw, width: ow,
                            first: scratch.firstNonZero, last: scratch.lastNonZero, acc: acc)
              let base = (f * shape.height + r) * ow
              for x in 0..<ow { dst[base + x] = rectify(Float(acc[x])) }
            }
          }
        }
      }
    }
  }

  /// `acc[x] = Σ taps w · padded[r+i, x+j]` for one output row of kernel `f`.
  @inline(__always)
  private func accumulateRow(
    kernel f: Int, outputRow r: Int, src: UnsafeBufferPointer<Double>, paddedWidth pw: Int, width ow: Int,
    first: [Int], last: [Int], acc: UnsafeMutableBufferPointer<Double>
  ) {
    let a = acc.baseAddress!
    for x in 0..<ow { a[x] = 0 }
    for tapRow in taps[f] {
      let sr = r + tapRow.row
      let lo = first[sr], hi = last[sr]
      if lo > hi { continue }
      let rowBase = src.baseAddress! + sr * pw
      tapRow.weights.withUnsafeBufferPointer { ws in
        for (t, j) in tapRow.columns.enumerated() {
          let w = ws[t]
          let x0 = max(0, lo - j), x1 = min(ow - 1, hi - j)
          if x0 > x1 { continue }
          let s = rowBase + j
          for x in x0...x1 { a[x] += w * s[x] }
        }
      }
    }
  }

  @inline(__always)
  private func rectify(_ v: Float) -> Float {
    switch rectification {
    case .none: return v
    case .threshold(let thr): return v < thr ? 0 : v
    case .abs: return Swift.abs(v)
    }
  }

  /// Writes the zero-padded image as `Double` and each padded row's non-zero column range
  /// (`first > last` for an all-zero row).
  private func preparePadded(_ image: GrayImage, _ scratch: inout Scratch) {
    let (h, w, p) = (image.height, image.width, padding)
    let ph = h + 2 * p, pw = w + 2 * p
    if scratch.padded.count != ph * pw {
      scratch.padded = [Double](repeating: 0, count: ph * pw)
      scratch.firstNonZero = [Int](repeating: 0, count: ph)
      scratch.lastNonZero = [Int](repeating: 0, count: ph)
    }
    for r in 0..<ph {
      scratch.firstNonZero[r] = pw
      scratch.lastNonZero[r] = -1
    }
    image.pixels.withUnsafeBufferPointer { px in
      scratch.padded.withUnsafeMutableBufferPointer { dst in
        for r in 0..<h {
          var first = pw, last = -1
          for c in 0..<w {
            let v = px[r * w + c]
            dst[(r + p) * pw + c + p] = Double(v)
            if v != 0 {
              if first == pw { first = c + p }
              last = c + p
            }
          }
          scratch.firstNonZero[r + p] = first
          scratch.lastNonZero[r + p] = last
        }
      }
    }
  }
}
