import Foundation

extension FilterKernel {
  /// A Gabor kernel for edges of the given orientation.
  ///
  /// `λ = size·2/div`, `σ = 0.8λ`, `γ = 0.3`, `θ = orientation·π/180`; on the grid
  /// `x` (row offset), `y` (column offset) `∈ {−w…w}`: `Y = y cosθ − x sinθ`,
  /// `X = y sinθ + x cosθ`, `g = exp(−(X² + γ²Y²)/(2σ²))·cos(2πX/λ)`, then `g − mean(g)`, then
  /// divided by its maximum. Computed in `Double` and rounded to `Float`.
  /// Mirrors SpykeTorch `utils.GaborKernel`.
  /// - Complexity: O(size²).
  public static func gabor(size: Int, orientation degrees: Double, div: Double = 4) -> FilterKernel {
    normalized(size: size, values: gaborValues(size: size, orientation: degrees, div: div))
  }

  /// The Gabor values `g` before centring and scaling (see ``gabor(size:orientation:div:)``).
  static func gaborValues(size: Int, orientation degrees: Double, div: Double) -> [Double] {
    precondition(size >= 1 && div > 0, "Gabor size \(size), div \(div) must be positive")
    let w = size / 2
    let lambda = Double(size) * 2 / div
    let sigma = lambda * 0.8
    let sigmaSq = sigma * sigma
    let gamma = 0.3
    let theta = (degrees * Double.pi) / 180
    let (s, c) = (sin(theta), cos(theta))
    var g = [Double]()
    g.reserveCapacity(size * size)
    for xi in -w...w {
      for yi in -w...w {
        let (x, y) = (Double(xi), Double(yi))
        let bigY = y * c - x * s
        let bigX = y * s + x * c
        let envelope = exp(-(bigX * bigX + gamma * gamma * bigY * bigY) / (2 * sigmaSq))
        g.append(envelope * cos(2 * Double.pi * bigX / lambda))
      }
    }
    return g
  }
}
