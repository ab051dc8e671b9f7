/// Pictures of what the excitatory neurons learned.
extension DiehlCook2015 {
  /// The input weights of excitatory neuron `j` as a `side × side` picture (`side² = inputs`,
  /// 28 for MNIST), min-max normalized to 0…255 (its smallest weight black, its largest white).
  /// - Complexity: O(inputs).
  public func receptiveField(_ j: Int) -> GrayImage {
    let n = spec.neurons, side = Int(Double(spec.inputs).squareRoot())
    precondition(side * side == spec.inputs, "\(spec.inputs) inputs are not a square image")
    precondition((0..<n).contains(j), "neuron \(j) of \(n)")
    var lo = Float.infinity, hi = -Float.infinity
    for i in 0..<spec.inputs {
      lo = min(lo, weights[i * n + j])
      hi = max(hi, weights[i * n + j])
    }
    let scale = hi > lo ? 255 / (hi - lo) : 0
    return GrayImage(width: side, height: side, pixels: (0..<spec.inputs).map { i in
      UInt8(min(255, max(0, ((weights[i * n + j] - lo) * scale).rounded())))
    })
  }

  /// Every neuron's ``receptiveField(_:)`` laid out row-major on a grid of `columns` fields
  /// (default `⌈√neurons⌉`) separated by `gap` pixels of `background`.
  /// - Complexity: O(inputs · neurons).
  public func receptiveFields(columns: Int? = nil, gap: Int = 1, background: UInt8 = 0) -> GrayImage {
    let n = spec.neurons, side = Int(Double(spec.inputs).squareRoot())
    let cols = max(1, columns ?? Int(Double(n).squareRoot().rounded(.up)))
    let rows = (n + cols - 1) / cols
    var image = GrayImage(width: cols * side + (cols - 1) * gap, height: rows * side + (rows - 1) * gap, fill: background)
    for j in 0..<n {
      let field = receptiveField(j)
      let x0 = (j % cols) * (side + gap), y0 = (j / cols) * (side + gap)
      for i in 0..<spec.inputs { image[y0 + i / side, x0 + i % side] = field.pixels[i] }
    }
    return image
  }
}
