internal import CFirstSpikeKernels

extension FilterBank {
  /// Reusable buffers of ``FilterBank/apply(_:into:scratch:)``: the zero-padded image in
  /// `Double` and the non-zero column range of each of its rows.
  public struct Scratch: Sendable {
    var padded: [Double] = []
    var firstNonZero: [Int] = []
    var lastNonZero: [Int] = []
    var paddedWidth = 0
    public init() {}
  }

  /// Output columns computed together (one `SIMD8<Double>` accumulator held in registers).
  static let block = 8

  /// Filters `image` into `out` (reshaped when its shape differs), reusing `scratch`.
  ///
  /// Eight output columns are accumulated at a time over the kernel's support, in row-major tap
  /// order, in `Double`. Kernel rows whose source row has no non-zero pixel under the block are
  /// skipped; the skipped terms are exact zeros, so every sum equals the plain correlation.
  public func apply(_ image: GrayImage, into out: inout FeatureMaps, scratch: inout Scratch,
                    useReference: Bool = false) {
    let shape = outputShape(height: image.height, width: image.width)
    if out.shape != shape { out = FeatureMaps(shape: shape) }
    preparePadded(image, &scratch)
    let pw = scratch.paddedWidth
    out.values.withUnsafeMutableBufferPointer { dst in
      scratch.padded.withUnsafeBufferPointer { src in
        scratch.firstNonZero.withUnsafeBufferPointer { first in
          scratch.lastNonZero.withUnsafeBufferPointer { last in
            for f in 0..<kernels.count {
              supports[f].weights.withUnsafeBufferPointer { w in
                let rows = RowRanges(first: first.baseAddress!, last: last.baseAddress!)
                if useReference {
                  filterPlaneReference(f, weights: w.baseAddress!, src: src.baseAddress!, paddedWidth: pw,
                                       rows: rows, shape: shape, dst: dst.baseAddress! + f * shape.plane)
                } else {
                  filterPlane(f, weights: w.baseAddress!, src: src.baseAddress!, paddedWidth: pw,
                              rows: rows, shape: shape, dst: dst.baseAddress! + f * shape.plane)
                }
              }
            }
          }
        }
      }
    }
  }

  /// The non-zero column range `first[r]...last[r]` of each padded row.
  struct RowRanges {
    var first: UnsafePointer<Int>
    var last: UnsafePointer<Int>
  }

  /// All outputs of kernel `f` (one `H_out × W_out` plane at `dst`), by the C kernel
  /// (AVX-512/AVX2/baseline clones, bit-identical to ``filterPlaneReference``).
  private func filterPlane(
    _ f: Int, weights w: UnsafePointer<Double>, src: UnsafePointer<Double>, paddedWidth pw: Int,
    rows: RowRanges, shape: Shape3, dst: UnsafeMutablePointer<Float>
  ) {
    let s = supports[f]
    let (kind, thr): (Int32, Float)
    switch rectification {
    case .none: (kind, thr) = (0, 0)
    case .threshold(let t): (kind, thr) = (1, t)
    case .abs: (kind, thr) = (2, 0)
    }
    fs_filter_plane(w, Int64(s.height), Int64(s.width), Int64(s.row), Int64(s.column), src, Int64(pw),
                    UnsafePointer<Int64>(OpaquePointer(rows.first)), UnsafePointer<Int64>(OpaquePointer(rows.last)),
                    Int64(shape.height), Int64(shape.width), dst, kind, thr)
  }

  /// The Swift reference of the C filter kernel: all outputs of kernel `f`.
  @inline(__always)
  private func filterPlaneReference(
    _ f: Int, weights w: UnsafePointer<Double>, src: UnsafePointer<Double>, paddedWidth pw: Int,
    rows: RowRanges, shape: Shape3, dst: UnsafeMutablePointer<Float>
  ) {
    let s = supports[f]
    let ow = shape.width
    for r in 0..<shape.height {
      var x = 0
      while x < ow {
        // Source columns read by this block: x + s.column ..< x + s.column + s.width + 7.
        let c0 = x + s.column, c1 = x + s.column + s.width + Self.block - 2
        var acc = SIMD8<Double>()
        for i in 0..<s.height {
          let sr = r + s.row + i
          if rows.last[sr] < c0 || rows.first[sr] > c1 { continue }
          let rowPtr = UnsafeRawPointer(src + sr * pw + c0)
          let wi = w + i * s.width
          for j in 0..<s.width {
            let v = rowPtr.loadUnaligned(fromByteOffset: j * MemoryLayout<Double>.stride, as: SIMD8<Double>.self)
            acc += wi[j] * v
          }
        }
        let n = min(Self.block, ow - x)
        let o = dst + r * ow + x
        for lane in 0..<n { o[lane] = rectify(Float(acc[lane])) }
        x += Self.block
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

  /// Writes the zero-padded image as `Double` (with `block` extra zero columns on the right, so
  /// that block loads never leave the buffer) and each padded row's non-zero column range
  /// (`first > last` for an all-zero row).
  private func preparePadded(_ image: GrayImage, _ scratch: inout Scratch) {
    let (h, w, p) = (image.height, image.width, padding)
    let ph = h + 2 * p, pw = w + 2 * p + Self.block
    if scratch.padded.count != ph * pw || scratch.paddedWidth != pw {
      scratch.padded = [Double](repeating: 0, count: ph * pw)
      scratch.firstNonZero = [Int](repeating: pw, count: ph)
      scratch.lastNonZero = [Int](repeating: -1, count: ph)
      scratch.paddedWidth = pw
    }
    image.pixels.withUnsafeBufferPointer { px in
      scratch.padded.withUnsafeMutableBufferPointer { dst in
        for r in 0..<h {
          var first = pw, last = -1
          for c in 0..<w {
            let v = px[r * w + c]
            dst[(r + p) * pw + c + p] = Double(v)
            if v != 0 {
              first = min(first, c + p)
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
