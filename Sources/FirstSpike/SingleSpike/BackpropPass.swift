/// One image through a model's gradient layers: the engine's event-driven forward pass
/// (exactly the inference pass), the loss on the output spike times, and the backward pass
/// through every layer (``ConvBackward``, ``PoolBackward``). Holds the buffers of one worker.
struct BackpropPass {
  /// Per gradient layer: its wave before pooling, its padded input, its spike lists, its output.
  var unpooled: [SpikeWave] = []
  var inputs: [SpikeWave] = []
  var events: [SpikeEvents] = []
  var outputs: [ConvOutput] = []
  var gradInput: [Float] = []
  /// ``GradientSpec/backpropagateUpdatedWeights``: a layer's weights after this image's step,
  /// and a buffer for the second backward pass's (unused) weight gradient.
  var updated = ConvWeights(inChannels: 1, outChannels: 1, kernel: 1)
  var scratchGradW: [Float] = []

  /// What one image did.
  struct Outcome: Sendable {
    var loss: Float = 0
    /// The decision's class, nil when silent.
    var label: Int?
    /// Per gradient layer below the output: whether each feature fired anywhere.
    var fired: [[Bool]] = []
  }

  init(layers: Int) {
    unpooled = [SpikeWave](repeating: SpikeWave(shape: Shape3(0, 0, 0), timeSteps: 1), count: layers)
    inputs = unpooled
    events = (0..<layers).map { _ in SpikeEvents() }
    outputs = [ConvOutput](repeating: ConvOutput(), count: layers)
  }

  /// Forward pass of layers `span` from `input` (the wave before the first one's pooling, or
  /// after it when `pooled`): the inference pass, spike times and potentials at the spike exact.
  mutating func forward(_ network: Network, span: Range<Int>, input: SpikeWave, pooled: Bool = false) {
    var wave = input
    for (j, l) in span.enumerated() {
      unpooled[j] = wave
      let p = j == 0 && pooled ? wave : network.pooledInput(wave, layer: l)
      inputs[j] = p.padded(network.spec.layers[l].inputPadding)
      convolve(inputs[j], network.runWeights(l), threshold: network.spec.layers[l].threshold, into: &outputs[j],
               events: &events[j], finalPotential: false)
      if l + 1 < span.upperBound { wave = outputs[j].wave() }
    }
  }

  /// Forward and backward for one labelled image; adds `∂L/∂W` of layer `span.lowerBound + j`
  /// (the layout of ``Network/runWeights(_:)``) to `gradients + offsets[j]`, which must be 0
  /// on entry when `settings.backpropagateUpdatedWeights` (the image's own step is taken from
  /// it). `rate`: the learning rate of the update these gradients are for.
  mutating func train(_ network: Network, span: Range<Int>, input: SpikeWave, pooled: Bool, label: Int,
                      settings: GradientSpec, rate: Float, gradients: UnsafeMutablePointer<Float>,
                      offsets: [Int]) -> Outcome {
    forward(network, span: span, input: input, pooled: pooled)
    guard case .decision(let perClass) = network.spec.readout else { preconditionFailure("gradient stage without a decision readout") }
    let last = span.count - 1, classes = network.spec.classNames.count
    var outcome = Outcome()
    outcome.label = network.decide(outputs[last])?.label
    let times = ClassTimes(outputs[last], classes: classes, perClass: perClass)
    let error = settings.loss.error(times: times.times, label: label, timeSteps: outputs[last].timeSteps)
    outcome.loss = error.loss
    let classErrors = settings.normalizeErrors ? Self.normalized(error.gradient) : error.gradient
    var gradOut = times.neuronErrors(classErrors, plane: outputs[last].shape.plane, paddedOut: outputs[last].paddedOut)
    for j in stride(from: last, through: 0, by: -1) {
      let l = span.lowerBound + j
      let below = j > 0
      if below && gradInput.count < inputs[j].shape.count {
        gradInput = [Float](repeating: 0, count: inputs[j].shape.count)
      }
      let weights = network.runWeights(l)
      if below && settings.looksAhead {
        // S4NN's order: this layer's weights take the image's step first (the optimiser's
        // own kernel, so `updated` is what the update will write for a batch of one), and the
        // input errors flow back through them; the second pass's weight gradient is dropped.
        let n = weights.storage.count
        ConvBackward.backward(input: inputs[j], events: events[j], weights: weights, output: outputs[j],
                              gradOutput: gradOut, gradW: gradients + offsets[j], gradInput: nil)
        updated = weights
        updated.storage.withUnsafeMutableBufferPointer { w in
          BackwardKernels.sgd(w, UnsafeBufferPointer(start: gradients + offsets[j], count: n), rate: rate,
                              decay: rate * settings.weightDecay)
        }
        if scratchGradW.count < n { scratchGradW = [Float](repeating: 0, count: n) }
        let updated = self.updated
        scratchGradW.withUnsafeMutableBufferPointer { sg in
          gradInput.withUnsafeMutableBufferPointer { gi in
            ConvBackward.backward(input: inputs[j], events: events[j], weights: updated, output: outputs[j],
                                  gradOutput: gradOut, gradW: sg.baseAddress!, gradInput: gi.baseAddress!)
          }
        }
      } else {
        gradInput.withUnsafeMutableBufferPointer { gi in
          ConvBackward.backward(input: inputs[j], events: events[j], weights: weights, output: outputs[j],
                                gradOutput: gradOut, gradW: gradients + offsets[j], gradInput: below ? gi.baseAddress! : nil)
        }
      }
      guard below else { break }
      var g = PoolBackward.unpadded(Array(gradInput[0..<inputs[j].shape.count]), shape: inputs[j].shape,
                                    padding: network.spec.layers[l].inputPadding)
      if let p = network.spec.layers[l].inputPool {
        g = p.isAverage ? PoolBackward.depthToSpace(g, block: p.size, inputShape: unpooled[j].shape)
                        : PoolBackward.unpooledEarliest(g, input: unpooled[j], size: p.size, stride: p.stride, padding: p.padding)
      }
      if settings.normalizeErrors { g = Self.normalized(g) }
      gradOut = PoolBackward.positionMajor(g, shape: outputs[j - 1].shape, paddedOut: outputs[j - 1].paddedOut)
    }
    outcome.fired = (0..<last).map { Self.firedFeatures(outputs[$0]) }
    return outcome
  }

  /// `v / ‖v‖` (unchanged when all zero): S4NN's normalisation of each layer's errors.
  static func normalized(_ v: [Float]) -> [Float] {
    var s: Float = 0
    for x in v { s += x * x }
    if s == 0 { return v }
    let n = s.squareRoot()
    return v.map { $0 / n }
  }

  /// Whether each feature of `out` fired at any position.
  static func firedFeatures(_ out: ConvOutput) -> [Bool] {
    var fired = [Bool](repeating: false, count: out.shape.channels)
    for pos in 0..<out.shape.plane {
      for f in 0..<out.shape.channels where out.spikeTime[pos * out.paddedOut + f] != SpikeWave.never { fired[f] = true }
    }
    return fired
  }
}
