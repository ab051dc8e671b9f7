/// Lateral inhibition of intensities within each feature map (shallow model of Mozafari 2018).
///
/// For a cell of value `v`, every neighbour at Chebyshev distance `d ∈ 1...factors.count` whose
/// value is smaller than `v` adds `factors[d-1]` to `s`; the result is `v·(1 + s)`. Neighbours
/// outside the map count as value 0 (the reference zero-pads), so a positive cell at a border
/// gains the factors of its missing neighbours. Computed from the input values (not in place).
/// Mirrors SpykeTorch `functional.intensity_lateral_inhibition` with the kernel of
/// `utils.generate_inhibition_kernel(factors)`.
public struct LateralIntensityInhibition: Sendable, Equatable {
  /// `factors[d-1]` is the contribution of a smaller neighbour at distance `d`.
  public let factors: [Float]

  public init(factors: [Float]) {
    self.factors = factors
  }

  /// The shallow paper model's factors `(0.15, 0.12, 0.1, 0.07, 0.05)`.
  public static let mozafari2018 = LateralIntensityInhibition(factors: [0.15, 0.12, 0.1, 0.07, 0.05])

  /// Inhibited copy of `maps`.
  /// - Complexity: O(C · H · W · (2D+1)²) for `D = factors.count`.
  public func apply(_ maps: FeatureMaps) -> FeatureMaps {
    let d = factors.count
    if d == 0 { return maps }
    let (h, w) = (maps.shape.height, maps.shape.width)
    var out = maps
    for c in 0..<maps.shape.channels {
      let plane = c * h * w
      for r in 0..<h {
        for x in 0..<w {
          let v = maps.values[plane + r * w + x]
          var s: Float = 0
          for dr in -d...d {
            for dx in -d...d where dr != 0 || dx != 0 {
              let (nr, nx) = (r + dr, x + dx)
              let inside = nr >= 0 && nr < h && nx >= 0 && nx < w
              let n = inside ? maps.values[plane + nr * w + nx] : 0
              if n < v { s += factors[max(Swift.abs(dr), Swift.abs(dx)) - 1] }
            }
          }
          out.values[plane + r * w + x] = v + v * s
        }
      }
    }
    return out
  }
}
