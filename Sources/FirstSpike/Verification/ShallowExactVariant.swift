/// The shallow files' `diagnostics.exact_arithmetic_variant` recomputed (it is NOT SpykeTorch
/// output): FirstSpike's encoder rules — orientation ties → lowest feature, stable sort — on
/// exact sums of ToTensor's inputs `x = fl(k / 255)`, the pixels as SpykeTorch's tutorial feeds
/// them. FirstSpike itself filters the pixels `k` (`docs/semantics.md` §2), whose exact sums are
/// `255 ×` those of the true intensities `k / 255`; the float32 rounding of `k / 255` is what
/// separates the two, so comparing FirstSpike with the variant shows where only that rounding
/// decides.
struct ShallowExactVariant {
  /// `|Σ w · x|` of every neuron `(f, r, c)` before inhibition, exactly, in units of 2⁻⁹⁰.
  let exact: [Int128]
  /// The surviving feature of each position after pointwise inhibition, −1 for none.
  let survivors: [Int]
  let latency: SpikeWave
  let shape: Shape3

  static let scale = 0x1p90

  /// - Returns: nil when a product is not representable at the fixed scale (kernels with
  ///   weights below 2⁻³⁰), which the shallow model's Gabor kernels never have.
  init?(image: GrayImage, kernels: [FilterKernel], timeSteps T: Int) {
    let k = kernels[0].size
    shape = Shape3(kernels.count, image.height - k + 1, image.width - k + 1)
    let x = image.pixels.map { Double(Float($0) / 255) }
    var exact = [Int128](repeating: 0, count: shape.count)
    for (f, kernel) in kernels.enumerated() {
      for r in 0..<shape.height {
        for c in 0..<shape.width {
          var sum: Int128 = 0
          for ky in 0..<k {
            for kx in 0..<k {
              // A float32 × float32 product is exact in Double; scaled by 2⁹⁰ it is an integer.
              let p = Double(kernel[ky, kx]) * x[(r + ky) * image.width + c + kx] * Self.scale
              guard let v = Int128(exactly: p) else { return nil }
              sum += v
            }
          }
          exact[shape.index(f, r, c)] = sum < 0 ? -sum : sum
        }
      }
    }
    self.exact = exact
    let (channels, plane0) = (shape.channels, shape.plane)
    var survivors = [Int](repeating: -1, count: plane0)
    for pos in 0..<plane0 {
      var best = 0
      for f in 1..<channels where exact[f * plane0 + pos] > exact[best * plane0 + pos] { best = f }
      if exact[best * plane0 + pos] > 0 { survivors[pos] = best }
    }
    self.survivors = survivors
    // Stable sort of the survivors' values, descending; rank k < T·b fires at k / b.
    let plane = shape.plane
    let fired = (0..<plane).filter { survivors[$0] >= 0 }.map { survivors[$0] * plane + $0 }
    let order = fired.sorted { exact[$0] != exact[$1] ? exact[$0] > exact[$1] : $0 < $1 }
    let b = order.count / T
    var wave = SpikeWave(shape: shape, timeSteps: T)
    for (rank, n) in order.enumerated() where b > 0 && rank < T * b { wave.times[n] = UInt8(rank / b) }
    latency = wave
  }

  /// The value of neuron `n` after inhibition (0 unless it survives).
  func inhibited(_ n: Int) -> Int128 { survivors[n % shape.plane] == n / shape.plane ? exact[n] : 0 }
}
