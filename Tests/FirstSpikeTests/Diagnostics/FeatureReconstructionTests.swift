import Testing

@testable import FirstSpike

@Suite struct FeatureReconstructionTests {
  /// A small three-layer network: 2 DoG kernels (7×7), conv 2→4 k3, pool 2/2 → conv 4→3 k2,
  /// pool 3/3 → conv 3→2 k2, all weights 0.
  static func small() -> Network {
    let training = TrainingSpec(rule: .stdp, passes: 1, ltp: 0.004, ltd: -0.003)
    let spec = ModelSpec(
      name: "small", inputWidth: 28, inputHeight: 28,
      encoder: EncoderSpec(kernels: [.dog(size: 7, sigma1: 1, sigma2: 2), .dog(size: 3, sigma1: 2, sigma2: 1)],
                           padding: 3, threshold: 50, localNormalizationRadius: nil),
      layers: [
        LayerSpec(inputPadding: 1, inChannels: 2, outChannels: 4, kernel: 3, threshold: 10, training: training),
        LayerSpec(inputPool: PoolSpec(size: 2, stride: 2), inputPadding: 0, inChannels: 4, outChannels: 3,
                  kernel: 2, threshold: 5, training: training),
        LayerSpec(inputPool: PoolSpec(size: 3, stride: 3, padding: 1), inputPadding: 0, inChannels: 3,
                  outChannels: 2, kernel: 2, threshold: nil, training: training),
      ],
      readout: .decision(featuresPerClass: 1), classNames: [])
    let weights = spec.layers.map { ConvWeights(inChannels: $0.inChannels, outChannels: $0.outChannels, kernel: $0.kernel) }
    return Network(spec: spec, weights: weights)
  }

  /// `picture` (`[H, W]` flat) with `kernel` added at `(dy, dx)`.
  static func place(_ kernel: FilterKernel, at dy: Int, _ dx: Int, into picture: inout [Float], width: Int) {
    for y in 0..<kernel.size {
      for x in 0..<kernel.size { picture[(dy + y) * width + dx + x] += kernel[y, x] }
    }
  }

  /// Layer 0 with one weight 1 at `[f, c, ky, kx]` (mozafari2019, 13×13 kernels): feature `f`
  /// is encoder kernel `c` shifted by `(ky, kx)` in a 17×17 picture, exactly; the others are 0.
  @Test(arguments: [(3, 4, 1, 2), (0, 0, 0, 0), (29, 5, 4, 4), (7, 1, 4, 0)])
  func oneHotLayer0IsTheShiftedKernel(f: Int, c: Int, ky: Int, kx: Int) {
    var weights = ConvWeights(inChannels: 6, outChannels: 30, kernel: 5)
    weights[f, c, ky, kx] = 1
    let network = Network(spec: .mozafari2019, weights: [weights])
    let pictures = FeatureReconstruction.pictures(network, layer: 0)
    #expect(pictures.shape == Shape3(30, 17, 17))
    var want = [Float](repeating: 0, count: 17 * 17)
    Self.place(network.encoder.filters.kernels[c], at: ky, kx, into: &want, width: 17)
    for g in 0..<30 {
      let got = Array(pictures.values[(g * 289)..<((g + 1) * 289)])
      #expect(got == (g == f ? want : [Float](repeating: 0, count: 289)), "feature \(g), one-hot \((f, c, ky, kx))")
    }
  }

  /// One-hot weights in all three layers: the pooling windows spread a tap over `s × s`
  /// positions at the lower layer's pixel stride, and tap strides multiply (1, 2, 6).
  @Test func oneHotDeepLayersSpreadAndStride() {
    var network = Self.small()
    network.weights[0][1, 0, 0, 0] = 1  // layer-0 feature 1 = kernel 0 at (0, 0), 9×9
    network.weights[1][2, 1, 1, 0] = 1  // layer-1 feature 2: pooled feature 1 at tap (1, 0)
    network.weights[2][1, 2, 0, 1] = 1  // layer-2 feature 1: pooled feature 2 at tap (0, 1)
    let kernel = network.encoder.filters.kernels[0]
    let p1 = FeatureReconstruction.pictures(network, layer: 1)
    #expect(p1.shape == Shape3(3, 12, 12))  // pooled 9 + 1·1 = 10, then 10 + 1·2
    var want1 = [Float](repeating: 0, count: 144)
    for i in 0..<2 { for j in 0..<2 { Self.place(kernel, at: 2 + i, j, into: &want1, width: 12) } }
    Self.expectClose(Array(p1.values[288..<432]), want1, "layer 1 feature 2")
    #expect(p1.values[0..<288].allSatisfy { $0 == 0 })

    let p2 = FeatureReconstruction.pictures(network, layer: 2)
    #expect(p2.shape == Shape3(2, 22, 22))  // pooled 12 + 2·2 = 16, then 16 + 1·6
    var want2 = [Float](repeating: 0, count: 484)
    for a in 0..<3 {
      for b in 0..<3 {
        for i in 0..<2 { for j in 0..<2 { Self.place(kernel, at: 2 * a + 2 + i, 6 + 2 * b + j, into: &want2, width: 22) } }
      }
    }
    Self.expectClose(Array(p2.values[484..<968]), want2, "layer 2 feature 1")
    #expect(p2.values[0..<484].allSatisfy { $0 == 0 })
  }

  /// Pictures are linear in the weights of the reconstructed layer:
  /// `pic(αA + βB) = α·pic(A) + β·pic(B)` (relative tolerance 1e-5 of the largest value).
  @Test(arguments: [1, 2, 3]) func linearInTheWeights(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    var a = Self.small(), b = Self.small(), mix = Self.small()
    let (α, β): (Float, Float) = (0.7, -1.3)
    for l in 0..<3 {
      for i in a.weights[l].storage.indices where i % a.weights[l].paddedOut < a.weights[l].outChannels {
        let (x, y) = (Float(rng.nextUniform()), Float(rng.nextUniform()))
        a.weights[l].storage[i] = x
        b.weights[l].storage[i] = l == 2 ? y : x
        mix.weights[l].storage[i] = l == 2 ? α * x + β * y : x
      }
    }
    let (pa, pb, pm) = (FeatureReconstruction.pictures(a, layer: 2), FeatureReconstruction.pictures(b, layer: 2),
                        FeatureReconstruction.pictures(mix, layer: 2))
    let want = zip(pa.values, pb.values).map { α * $0 + β * $1 }
    Self.expectClose(pm.values, want, "seed \(seed)", relative: 1e-5)
  }

  /// 5 pictures of 3×4: one tile each, each normalized on its own (min 0, max 255); a
  /// constant picture is all 0.
  @Test func pixelTilesAreNormalizedOneByOne() throws {
    var pictures = FeatureMaps(shape: Shape3(5, 3, 4))
    for p in 0..<5 { for i in 0..<12 { pictures.values[p * 12 + i] = Float(p) * 10 - Float(i * (p + 1)) } }
    pictures.values[4 * 12..<5 * 12] = ArraySlice(repeating: 2.5, count: 12)  // constant → 0
    let tiles = FeatureSet.pixelTiles(pictures)
    #expect(tiles.count == 5)
    for (p, tile) in tiles.enumerated() {
      guard case .pixels(let image) = tile else { Issue.record("tile \(p) is not pixels"); continue }
      #expect(image.width == 4 && image.height == 3)
      if p < 4 { #expect(image[0, 0] == 255 && image[2, 3] == 0, "tile \(p): max first, min last") }
      else { #expect(image.pixels.allSatisfy { $0 == 0 }) }
    }
    #expect(FeatureReconstruction.normalized([1, 2, 3][...]) == [0, 128, 255])
  }

  static func expectClose(_ got: [Float], _ want: [Float], _ what: String, relative: Float = 1e-6) {
    #expect(got.count == want.count, "\(what): \(got.count) vs \(want.count) values")
    let scale = max(want.map(abs).max() ?? 0, 1)
    let worst = zip(got, want).map { abs($0 - $1) }.max() ?? 0
    #expect(worst <= relative * scale, "\(what): max |Δ| \(worst), scale \(scale)")
  }
}
