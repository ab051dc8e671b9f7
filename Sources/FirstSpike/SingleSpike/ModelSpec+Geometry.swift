/// The shapes a single-spike spec implies, and how much memory the model needs, estimated from
/// the spec alone (so it can be refused before anything is allocated). Valid only for a spec
/// whose geometry ``ModelSpec/validate()`` has checked.
extension ModelSpec {
  /// Shape of each layer's pooled, unpadded input and of its output.
  public var layerShapes: [(input: Shape3, output: Shape3)] {
    let (h, w) = encoder.outputSize(height: inputHeight, width: inputWidth)
    var shape = Shape3(encoder.channels, h, w)
    return layers.map { layer in
      // Average pooling is folded into the layer as space-to-depth (`Layers/AveragePooling.swift`):
      // the layer convolves C·s² channels of (H/s)×(W/s).
      if let p = layer.inputPool {
        shape = p.isAverage ? Shape3(shape.channels * p.size * p.size, shape.height / p.size, shape.width / p.size)
          : p.output(of: shape)
      }
      let input = shape
      shape = Shape3(layer.outChannels, shape.height + 2 * layer.inputPadding - layer.kernel + 1,
                     shape.width + 2 * layer.inputPadding - layer.kernel + 1)
      return (input, shape)
    }
  }

  /// Features of the SVM readout (the last layer's output neurons after its pooling), or nil
  /// for a decision readout.
  public var svmFeatureDimension: Int? {
    guard case .svm(let pool, _, _, _) = readout, let last = layerShapes.last?.output else { return nil }
    return pool.output(of: last).count
  }

  /// The estimate and the JSON path of its largest part.
  public struct MemoryEstimate: Sendable, Equatable {
    /// Bytes in all.
    public var total: Int
    /// Path of the part that needs the most (`layers[2]`, `encoder`).
    public var largest: String
  }

  /// Weights three times over (the model, the network it runs — for an average-pooled input the
  /// s²-times larger tied weights —, a trainer's working copy; R-STDP layers once more for the
  /// best-pass weights; gradient layers three times more, for the gradient and Adam's two moments) plus the buffers of one image twice (two
  /// workers): the encoder's filter outputs, latency keys and spike wave, each layer's padded
  /// input, potentials, spike times and event lists, and the SVM readout's features.
  /// Arithmetic saturates, so an absurd spec gives `Int.max`, never an overflow.
  public var memoryEstimate: MemoryEstimate {
    var parts: [(path: String, bytes: ByteCount)] = []
    let (h, w) = encoder.outputSize(height: inputHeight, width: inputWidth)
    let image = ByteCount(value: 1) * inputWidth * inputHeight * 5
    let encoded = ByteCount(value: 1) * encoder.channels * h * w
    parts.append(("encoder", (image + encoded * 22 + ByteCount(value: 8) * (h + 1) * (w + 1)) * 2))
    for (i, (layer, shapes)) in zip(layers, layerShapes).enumerated() {
      let (ph, pw) = (shapes.input.height + 2 * layer.inputPadding, shapes.input.width + 2 * layer.inputPadding)
      let cp = (layer.outChannels + 7) / 8 * 8
      let taps = ByteCount(value: 4) * layer.kernel * layer.kernel * cp
      // The model's weights and the network's copy it runs, which for an average-pooled input
      // is the s²-times larger tied weights of the space-to-depth channels.
      let own = taps * layer.inChannels + taps
      let run = taps * shapes.input.channels + taps
      let weights: ByteCount
      switch layer.training.rule {
      case .stdp: weights = own * 2 + run                 // + the trainer's working copy
      case .rstdp: weights = own * 3 + run                // + the best pass's weights
      case .gradient: weights = own * 5 + run * 2         // + gradient, Adam's two moments; the tied gradient
      }
      let buffers = ByteCount(value: 1) * shapes.input.channels * ph * pw * 10
        + ByteCount(value: 9) * shapes.output.height * shapes.output.width * cp
      parts.append(("layers[\(i)]", weights + buffers * 2))
    }
    if let features = svmFeatureDimension {
      let dimension = ByteCount(value: features)
      parts.append(("readout", (dimension * max(classNames.count, 2) * 3 + dimension * 4) * 8))
    }
    let total = parts.reduce(ByteCount(value: 0)) { $0 + $1.bytes }
    let largest = parts.max { $0.bytes < $1.bytes }?.path ?? ""
    return MemoryEstimate(total: total.value, largest: largest)
  }
}

extension PoolSpec {
  /// The shape of a pooled `input`: `⌊(H + 2p − s)/σ⌋ + 1` per axis.
  public func output(of input: Shape3) -> Shape3 {
    Shape3(input.channels, (input.height + 2 * padding - size) / stride + 1, (input.width + 2 * padding - size) / stride + 1)
  }
}
