/// A network: its spec, the encoder built from it, and the learned weights.
///
/// Inference (and every frozen layer during training) runs with no inhibition: encode →
/// for each layer (pool → pad → convolve → fire) → readout.
public struct Network: Sendable {
  public let spec: ModelSpec
  public let encoder: S1C1Encoder
  /// One weight tensor per layer of `spec.layers`. After changing the weights of a layer that
  /// reads an average-pooled input, call ``refreshPooledWeights()``.
  public var weights: [ConvWeights]
  /// Trained SVM readout, if the spec has one and its stage has run.
  public var svm: LinearSVM?
  /// The tied weights of the layers that read an average-pooled input, by layer
  /// (``ConvWeights/averagePooled(_:)``): what those layers convolve.
  public private(set) var pooledWeights: [Int: ConvWeights] = [:]

  /// A fresh network: weights drawn layer by layer from `generator` (``LayerSpec/initialWeights(generator:)``).
  public init(spec: ModelSpec, generator: inout SplitMix64) {
    self.spec = spec
    self.encoder = S1C1Encoder(spec.encoder)
    self.weights = spec.layers.map { $0.initialWeights(generator: &generator) }
    refreshPooledWeights()
  }

  /// A network with the given weights (from a checkpoint).
  public init(spec: ModelSpec, weights: [ConvWeights], svm: LinearSVM? = nil) {
    self.spec = spec
    self.encoder = S1C1Encoder(spec.encoder)
    self.weights = weights
    self.svm = svm
    refreshPooledWeights()
  }

  /// Rebuilds ``pooledWeights`` from ``weights``.
  public mutating func refreshPooledWeights() {
    for (l, layer) in spec.layers.enumerated() {
      guard let p = layer.inputPool, p.isAverage else { continue }
      pooledWeights[l] = weights[l].averagePooled(p.size)
    }
  }

  /// The weights layer `layer` convolves its (pooled, padded) input with.
  public func runWeights(_ layer: Int) -> ConvWeights { pooledWeights[layer] ?? weights[layer] }

  /// The encoder's spike wave for `image` (resized to the spec's input size if needed).
  public func encode(_ image: GrayImage) -> SpikeWave {
    if image.width != spec.inputWidth || image.height != spec.inputHeight {
      return encoder.encode(image.resized(width: spec.inputWidth, height: spec.inputHeight))
    }
    return encoder.encode(image)
  }

  /// Pools (per the spec) the wave that feeds `layer`; padding is left to the caller.
  public func pooledInput(_ wave: SpikeWave, layer: Int) -> SpikeWave {
    guard let p = spec.layers[layer].inputPool else { return wave }
    if p.isAverage { return wave.spaceToDepth(p.size) }
    return wave.pooled(size: p.size, stride: p.stride, padding: p.padding)
  }

  /// Shape of the pooled, unpadded wave that feeds `layer`.
  public func inputShape(layer: Int) -> Shape3 { spec.layerShapes[layer].input }

  /// Shape of layer `layer`'s output.
  public func outputShape(layer: Int) -> Shape3 { spec.layerShapes[layer].output }

  /// Runs layer `layer` on its pooled input in inference mode (no inhibition). Final
  /// potentials of thresholded layers only with `finalPotential` (spike times and potentials
  /// at the spike are always exact).
  public func run(layer: Int, pooledInput: SpikeWave, into out: inout ConvOutput, events: inout SpikeEvents,
                  finalPotential: Bool = false) {
    let l = spec.layers[layer]
    convolve(pooledInput.padded(l.inputPadding), runWeights(layer), threshold: l.threshold, into: &out, events: &events,
             finalPotential: finalPotential)
  }

  /// The pooled input of `layer` for an image, running the encoder and the layers below in
  /// inference mode.
  public func input(of layer: Int, image: GrayImage) -> SpikeWave {
    var scratch = ForwardScratch()
    return input(of: layer, image: image, scratch: &scratch)
  }

  /// ``input(of:image:)`` reusing one worker's buffers.
  public func input(of layer: Int, image: GrayImage, scratch: inout ForwardScratch) -> SpikeWave {
    var wave = pooledInput(encode(image, scratch: &scratch), layer: 0)
    for l in 0..<layer {
      run(layer: l, pooledInput: wave, into: &scratch.output, events: &scratch.events)
      wave = input(of: l + 1, from: scratch.output)
    }
    return wave
  }

  /// ``encode(_:)`` reusing one worker's buffers.
  public func encode(_ image: GrayImage, scratch: inout ForwardScratch) -> SpikeWave {
    let source = image.width != spec.inputWidth || image.height != spec.inputHeight
      ? image.resized(width: spec.inputWidth, height: spec.inputHeight) : image
    encoder.encode(source, into: &scratch.wave, scratch: &scratch.encoder)
    return scratch.wave
  }
}

/// The buffers one worker reuses for forward passes image after image (no allocation per
/// image once they have grown).
public struct ForwardScratch: Sendable {
  var output = ConvOutput()
  var events = SpikeEvents()
  var encoder = S1C1Encoder.Scratch()
  var wave = SpikeWave(shape: Shape3(0, 0, 0), timeSteps: 1)
  public init() {}
}

extension Network {
  /// The (pooled, unpadded) input of layer `next` from the previous layer's output.
  public func input(of next: Int, from out: ConvOutput) -> SpikeWave {
    guard let p = spec.layers[next].inputPool else { return out.wave() }
    if p.isAverage { return out.wave().spaceToDepth(p.size) }
    return out.pooledWave(size: p.size, stride: p.stride, padding: p.padding)
  }
}
