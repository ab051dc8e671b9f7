import Testing
@testable import FirstSpike

@Suite struct FilterKernelTests {
  /// `utils.GaborKernel(3, 67.5)` from numpy (float64, rounded to float32), pasted as literals.
  static let gabor3at67_5: [Float] = [
    0.41079920530319214, 0.02518022432923317, -0.4664951264858246,
    -0.4694842994213104, 1.0, -0.4694842994213104,
    -0.4664951264858246, 0.02518022432923317, 0.41079920530319214,
  ]
  /// `utils.GaborKernel(5, 45)` from numpy.
  static let gabor5at45: [Float] = [
    0.22203359007835388, 0.30420228838920593, -0.7596897482872009, -0.226292684674263, 0.9107798933982849,
    0.30420228838920593, -0.7761433720588684, -0.23502321541309357, 0.9769366383552551, -0.226292684674263,
    -0.7596897482872009, -0.23502321541309357, 1.0, -0.23502321541309357, -0.7596897482872009,
    -0.226292684674263, 0.9769366383552551, -0.23502321541309357, -0.7761433720588684, 0.30420228838920593,
    0.9107798933982849, -0.226292684674263, -0.7596897482872009, 0.30420228838920593, 0.22203359007835388,
  ]
  /// `utils.DoGKernel(7, 1, 2)` from numpy, first two rows and the centre row.
  static let dog7rows: [[Float]] = [
    [-0.061740852892398834, -0.09114643931388855, -0.11462345719337463, -0.12168945372104645,
     -0.11462345719337463, -0.09114643931388855, -0.061740852892398834],
    [-0.09114643931388855, -0.12661375105381012, -0.09662577509880066, -0.04815971106290817,
     -0.09662577509880066, -0.12661375105381012, -0.09114643931388855],
    [-0.12168945372104645, -0.04815971106290817, 0.501984179019928, 1.0, 0.501984179019928,
     -0.04815971106290817, -0.12168945372104645],
  ]

  /// Tolerance 1e-6 absolute: one float32 ulp near 1 is 6e-8; libm's `exp`/`cos` may differ
  /// from numpy's in the last double bit, which can move a float32 rounding by one ulp.
  @Test func gaborMatchesNumpy() {
    let k3 = FilterKernel.gabor(size: 3, orientation: 67.5)
    #expect(zip(k3.weights, Self.gabor3at67_5).allSatisfy { abs($0 - $1) <= 1e-6 }, "\(k3.weights)")
    let k5 = FilterKernel.gabor(size: 5, orientation: 45)
    #expect(zip(k5.weights, Self.gabor5at45).allSatisfy { abs($0 - $1) <= 1e-6 }, "\(k5.weights)")
  }

  @Test(arguments: [(3, 67.5), (3, 112.5), (5, 157.5), (5, 202.5), (7, 0.0), (9, 30.0)])
  func gaborProperties(size: Int, degrees: Double) {
    let k = FilterKernel.gabor(size: size, orientation: degrees)
    #expect(k.size == size && k.weights.max() == 1)
    let mean = k.weights.reduce(0.0) { $0 + Double($1) } / Double(size * size)
    #expect(abs(mean) < 1e-6, "mean \(mean)")
    // Point symmetry: (x, y) → (−x, −y) negates X and Y exactly; g is even in both.
    for i in 0..<size {
      for j in 0..<size { #expect(k[i, j] == k[size - 1 - i, size - 1 - j]) }
    }
    // Rotating by 180° gives the same kernel (up to rounding of sin/cos).
    let turned = FilterKernel.gabor(size: size, orientation: degrees + 180)
    #expect(zip(k.weights, turned.weights).allSatisfy { abs($0 - $1) <= 1e-5 })
  }

  @Test func dogMatchesNumpyAndIsRadial() {
    let k = FilterKernel.dog(size: 7, sigma1: 1, sigma2: 2)
    for (r, row) in [0, 1, 3].enumerated() {
      for c in 0..<7 { #expect(abs(k[row, c] - Self.dog7rows[r][c]) <= 1e-6, "(\(row), \(c))") }
    }
    #expect(k.weights.max() == 1 && k[3, 3] == 1)
    // Depends on x² + y² only: all eight symmetries and (1, 2) ~ (2, 1) hold bit for bit.
    for i in 0..<7 {
      for j in 0..<7 {
        #expect(k[i, j] == k[j, i] && k[i, j] == k[6 - i, j] && k[i, j] == k[i, 6 - j])
      }
    }
    let mean = k.weights.reduce(0.0) { $0 + Double($1) } / 49
    #expect(abs(mean) < 1e-6)
  }

  @Test func paddingCentresTheKernel() {
    let k = FilterKernel.dog(size: 3, sigma1: 3.0 / 9, sigma2: 6.0 / 9)
    let p = k.padded(to: 7)
    #expect(p.size == 7 && p.weights.filter { $0 != 0 }.count == 9)
    for i in 0..<3 {
      for j in 0..<3 { #expect(p[i + 2, j + 2] == k[i, j]) }
    }
    #expect(p[0, 0] == 0 && p[6, 6] == 0 && p[1, 3] == 0)
  }

  /// numpy's pairwise sum: below 8 elements a plain loop, up to 128 eight partial sums,
  /// above that a split; all give the exact sum on small integers.
  @Test func pairwiseSumAddsEverything() {
    for n in [0, 1, 7, 8, 9, 16, 127, 128, 129, 169, 300] {
      let a = (0..<n).map { Double($0 % 13) - 6 }
      #expect(FilterKernel.pairwiseSum(a[...]) == a.reduce(0, +), "n \(n)")
    }
    // Order matters for inexact sums: 8 partial sums of [1e16, 1, ...] keep the ones.
    var a = [Double](repeating: 1, count: 16)
    a[0] = 1e16
    #expect(FilterKernel.pairwiseSum(a[...]) == 1e16 + 16 - 2)
  }
}
