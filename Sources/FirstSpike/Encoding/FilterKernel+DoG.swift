import Foundation

extension FilterKernel {
  /// A difference-of-Gaussians kernel (on-centre when `sigma1 < sigma2`).
  ///
  /// On the grid `x, y ∈ {−w…w}`, `w = ⌊size/2⌋`, `r² = x² + y²`:
  /// `g = (1/2π)·(exp(−r²/(2σ₁²))/σ₁² − exp(−r²/(2σ₂²))/σ₂²)`, then `g − mean(g)`, then divided
  /// by its maximum. Computed in `Double` in the reference's operation order and rounded to
  /// `Float`. Mirrors SpykeTorch `utils.DoGKernel`.
  /// - Complexity: O(size²).
  public static func dog(size: Int, sigma1: Double, sigma2: Double) -> FilterKernel {
    normalized(size: size, values: dogValues(size: size, sigma1: sigma1, sigma2: sigma2))
  }

  /// The DoG values `g` before centring and scaling (see ``dog(size:sigma1:sigma2:)``).
  static func dogValues(size: Int, sigma1: Double, sigma2: Double) -> [Double] {
    precondition(size >= 1 && sigma1 > 0 && sigma2 > 0, "DoG size \(size), sigmas \(sigma1), \(sigma2) must be positive")
    let w = size / 2
    let a = 1.0 / (2 * Double.pi)
    let inv1 = 1 / (sigma1 * sigma1)
    let inv2 = 1 / (sigma2 * sigma2)
    var g = [Double]()
    g.reserveCapacity(size * size)
    for x in -w...w {
      for y in -w...w {
        let prod = Double(x * x + y * y)
        let f1 = inv1 * exp(-0.5 * inv1 * prod)
        let f2 = inv2 * exp(-0.5 * inv2 * prod)
        g.append(a * (f1 - f2))
      }
    }
    return g
  }
}
