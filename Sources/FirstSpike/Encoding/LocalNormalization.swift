internal import CFirstSpikeKernels

/// Local normalization of feature maps by the mean of a square window.
///
/// `out[c, r, x] = v / (m + 1e-12)` with `v = in[c, r, x]` and `m` the mean of the
/// `(2R+1) × (2R+1)` window centred on `(r, x)` in channel `c`, zero-padded, always divided by
/// `(2R+1)²` (also at the borders). Window sums come from a summed-area table in `Double`;
/// the quotient is computed in `Double` and rounded to `Float`.
/// Mirrors SpykeTorch `functional.local_normalization`.
public struct LocalNormalization: Sendable, Equatable {
  /// Window radius `R` (the window is `2R+1` wide).
  public let radius: Int
  /// Added to the mean before dividing (SpykeTorch's `eps`).
  public static let epsilon = 1e-12

  public init(radius: Int) {
    precondition(radius >= 0, "negative normalization radius \(radius)")
    self.radius = radius
  }

  /// Normalized copy of `maps`.
  /// - Complexity: O(C · H · W), independent of the radius.
  public func apply(_ maps: FeatureMaps) -> FeatureMaps {
    var out = maps
    var table = [Double]()
    apply(&out, table: &table)
    return out
  }

  /// Normalizes `maps` in place; `table` is scratch space (it grows to
  /// `(H+1)·(W+2R+8)` doubles). Runs the C kernel `fs_local_normalize` (bit-identical to
  /// ``applyReference(_:table:)``: the same additions and divisions in `Double`, the
  /// divisions eight at a time).
  public func apply(_ maps: inout FeatureMaps, table: inout [Double]) {
    let (c, h, w) = (maps.shape.channels, maps.shape.height, maps.shape.width)
    if maps.values.isEmpty { return }
    let need = (h + 1) * Int(fs_local_normalize_stride(Int64(w), Int64(radius)))
    if table.count < need { table = [Double](repeating: 0, count: need) }
    let area = Double((2 * radius + 1) * (2 * radius + 1))
    maps.values.withUnsafeMutableBufferPointer { v in
      table.withUnsafeMutableBufferPointer { t in
        fs_local_normalize(v.baseAddress!, Int64(c), Int64(h), Int64(w), Int64(radius), area, Self.epsilon, t.baseAddress!)
      }
    }
  }

  /// The Swift reference of the C kernel: normalizes `maps` in place; `table` is scratch space
  /// of `(H+1)·(W+1)` doubles.
  func applyReference(_ maps: inout FeatureMaps, table: inout [Double]) {
    let (h, w) = (maps.shape.height, maps.shape.width)
    let tw = w + 1
    if table.count < (h + 1) * tw { table = [Double](repeating: 0, count: (h + 1) * tw) }
    let area = Double((2 * radius + 1) * (2 * radius + 1))
    let rad = radius
    maps.values.withUnsafeMutableBufferPointer { v in
      table.withUnsafeMutableBufferPointer { sat in
        for c in 0..<maps.shape.channels {
          let plane = c * h * w
          Self.fillTable(sat, values: v, plane: plane, height: h, width: w)
          for r in 0..<h {
            let r0 = max(0, r - rad), r1 = min(h, r + rad + 1)
            for x in 0..<w where v[plane + r * w + x] != 0 {
              let x0 = max(0, x - rad), x1 = min(w, x + rad + 1)
              let sum = sat[r1 * tw + x1] - sat[r0 * tw + x1] - sat[r1 * tw + x0] + sat[r0 * tw + x0]
              let mean = sum / area
              v[plane + r * w + x] = Float(Double(v[plane + r * w + x]) / (mean + Self.epsilon))
            }
          }
        }
      }
    }
  }

  /// `sat[(r+1)·(W+1) + x+1] = Σ_{r'≤r, x'≤x} v[plane + r'·W + x']`, with a zero first row/column.
  private static func fillTable(
    _ sat: UnsafeMutableBufferPointer<Double>, values v: UnsafeMutableBufferPointer<Float>,
    plane: Int, height h: Int, width w: Int
  ) {
    let tw = w + 1
    for x in 0..<tw { sat[x] = 0 }
    for r in 0..<h {
      var rowSum = 0.0
      sat[(r + 1) * tw] = 0
      for x in 0..<w {
        rowSum += Double(v[plane + r * w + x])
        sat[(r + 1) * tw + x + 1] = sat[r * tw + x + 1] + rowSum
      }
    }
  }
}
