import Testing
@testable import FirstSpike

@Suite struct FilterBankTests {
  /// The plain loop nest: every tap of every padded kernel, row-major, summed in `Double`.
  static func referenceCorrelation(_ bank: FilterBank, _ image: GrayImage) -> FeatureMaps {
    let shape = bank.outputShape(height: image.height, width: image.width)
    let (k, p) = (bank.kernelSize, bank.padding)
    var out = FeatureMaps(shape: shape)
    for f in 0..<shape.channels {
      for r in 0..<shape.height {
        for c in 0..<shape.width {
          var sum = 0.0
          for i in 0..<k {
            for j in 0..<k {
              let (y, x) = (r + i - p, c + j - p)
              let pixel = y >= 0 && y < image.height && x >= 0 && x < image.width ? Double(image[y, x]) : 0
              sum += Double(bank.kernels[f][i, j]) * pixel
            }
          }
          let v = Float(sum)
          switch bank.rectification {
          case .none: out[f, r, c] = v
          case .threshold(let t): out[f, r, c] = v < t ? 0 : v
          case .abs: out[f, r, c] = abs(v)
          }
        }
      }
    }
    return out
  }

  static func randomImage(_ g: inout SplitMix64, height: Int, width: Int, zeroFraction: Double) -> GrayImage {
    let pixels = (0..<height * width).map { _ in
      g.nextUniform() < zeroFraction ? UInt8(0) : UInt8(g.nextInt(below: 256))
    }
    return GrayImage(width: width, height: height, pixels: pixels)
  }

  static func randomKernel(_ g: inout SplitMix64) -> FilterKernel {
    let size = 2 * g.nextInt(below: 4) + 1
    let weights = (0..<size * size).map { _ in g.nextUniform() < 0.2 ? 0 : Float(g.nextUniform() * 2 - 1) }
    return FilterKernel(size: size, weights: weights)
  }

  /// The fast bank sums the same non-zero terms in the same order as the loop nest, so the
  /// results are equal (`==`; only the sign of a zero may differ).
  @Test func matchesReferenceOnRandomImages() {
    for seed in UInt64(0)..<12 {
      var g = SplitMix64(seed: seed)
      let kernels = (0..<(1 + g.nextInt(below: 4))).map { _ in Self.randomKernel(&g) }
      let rect: [FilterBank.Rectification] = [.none, .threshold(Float(g.nextUniform() * 100)), .abs]
      let bank = FilterBank(kernels: kernels, padding: g.nextInt(below: 4), rectification: rect[Int(seed) % 3])
      let (h, w) = (bank.kernelSize + g.nextInt(below: 20), bank.kernelSize + g.nextInt(below: 20))
      let image = Self.randomImage(&g, height: h, width: w, zeroFraction: [0, 0.5, 0.9][Int(seed / 3) % 3])
      let fast = bank.apply(image)
      let slow = Self.referenceCorrelation(bank, image)
      #expect(fast.shape == slow.shape, "seed \(seed)")
      let diff = zip(fast.values, slow.values).filter { $0 != $1 }.count
      #expect(diff == 0, "seed \(seed): \(diff) of \(fast.values.count) outputs differ")
    }
  }

  @Test func mozafariBankMatchesReferenceOnSparseDigitLikeImage() {
    var g = SplitMix64(seed: 42)
    var image = GrayImage(width: 28, height: 28)
    for r in 6..<22 { for c in 10..<18 where g.nextUniform() < 0.6 { image[r, c] = UInt8(100 + g.nextInt(below: 156)) } }
    let bank = S1C1Encoder.mozafari2019.filters
    #expect(bank.apply(image).values == Self.referenceCorrelation(bank, image).values, "seed 42")
  }

  /// Hand-computed: a 3×3 kernel with one tap per position, padding 1.
  @Test func handComputedCorrelationIsNotFlipped() {
    let kernel = FilterKernel(size: 3, weights: [0, 0, 0, 0, 0, 1, 0, 0, 0])  // picks the pixel to the right
    let image = GrayImage(width: 3, height: 2, pixels: [1, 2, 3, 4, 5, 6])
    let out = FilterBank(kernels: [kernel], padding: 1).apply(image)
    #expect(out.shape == Shape3(1, 2, 3))
    #expect(out.values == [2, 3, 0, 5, 6, 0])
    let summed = FilterBank(kernels: [FilterKernel(size: 3, weights: .init(repeating: 1, count: 9))], padding: 0)
    let big = GrayImage(width: 4, height: 3, pixels: Array(1...12))
    #expect(summed.apply(big).values == [54, 63])  // 1+2+3+5+6+7+9+10+11, and +9
  }

  @Test func thresholdKeepsEqualValuesAndAbsFlipsSign() {
    let image = GrayImage(width: 3, height: 1, pixels: [49, 50, 51])
    let identity = FilterKernel(size: 1, weights: [1])
    let negate = FilterKernel(size: 1, weights: [-1])
    #expect(FilterBank(kernels: [identity], rectification: .threshold(50)).apply(image).values == [0, 50, 51])
    #expect(FilterBank(kernels: [negate], rectification: .abs).apply(image).values == [49, 50, 51])
    #expect(FilterBank(kernels: [negate]).apply(image).values == [-49, -50, -51])
  }

  @Test func kernelsOfDifferentSizesArePaddedToTheLargest() {
    let bank = S1C1Encoder.mozafari2019.filters
    #expect(bank.kernelSize == 13 && bank.kernels.allSatisfy { $0.size == 13 })
    #expect(bank.outputShape(height: 28, width: 28) == Shape3(6, 28, 28))
    let support = bank.supports.map { [$0.row, $0.column, $0.height, $0.width] }
    #expect(support == [[5, 5, 3, 3], [5, 5, 3, 3], [3, 3, 7, 7], [3, 3, 7, 7], [0, 0, 13, 13], [0, 0, 13, 13]])
  }

  @Test func scratchReuseAcrossImageSizesGivesTheSameResult() {
    var g = SplitMix64(seed: 7)
    let bank = FilterBank(kernels: [Self.randomKernel(&g), Self.randomKernel(&g)], padding: 2)
    var scratch = FilterBank.Scratch()
    var out = FeatureMaps(shape: Shape3(0, 0, 0))
    for (h, w) in [(10, 12), (20, 9), (10, 12)] {
      let image = Self.randomImage(&g, height: h, width: w, zeroFraction: 0.3)
      bank.apply(image, into: &out, scratch: &scratch)
      #expect(out == bank.apply(image), "seed 7, \(h)×\(w)")
    }
  }

  /// The C filter kernel (whichever clone this processor runs) is bit-identical to the Swift
  /// reference for every encoder preset and rectification, on sparse and dense images.
  @Test(arguments: 0..<12) func kernelEqualsSwiftReference(seed: Int) {
    var g = SplitMix64(seed: UInt64(seed) &+ 40)
    let banks = [S1C1Encoder.mozafari2019.filters, S1C1Encoder(ModelSpec.kheradpisheh2018.encoder).filters,
                 S1C1Encoder(ModelSpec.shallowRSTDP.encoder).filters,
                 FilterBank(kernels: [Self.randomKernel(&g)], padding: seed % 3, rectification: .none)]
    let bank = banks[seed % banks.count]
    let (h, w) = (5 + g.nextInt(below: 60), 5 + g.nextInt(below: 60))
    guard h + 2 * bank.padding >= bank.kernelSize, w + 2 * bank.padding >= bank.kernelSize else { return }
    let image = Self.randomImage(&g, height: h, width: w, zeroFraction: seed % 2 == 0 ? 0.8 : 0.1)
    var scratch = FilterBank.Scratch()
    var fast = FeatureMaps(shape: Shape3(0, 0, 0)), reference = fast
    bank.apply(image, into: &fast, scratch: &scratch)
    bank.apply(image, into: &reference, scratch: &scratch, useReference: true)
    #expect(fast.values.map(\.bitPattern) == reference.values.map(\.bitPattern), "seed \(seed) \(h)×\(w)")
  }
}
