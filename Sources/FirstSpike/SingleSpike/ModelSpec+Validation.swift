/// One validation pass over a single-spike spec, run wherever a spec enters (a spec file, a
/// checkpoint, a built-in with `--set` overrides) before anything is allocated from it, so that
/// the engine behind it (whose hot loops use unchecked pointers) only ever sees geometry it can
/// run: positive, bounded sizes; channel chains that match; at least one output position after
/// every encoder, pooling and convolution step; probabilities in [0, 1]; ordered bounds; finite
/// numbers; a decision layer with `classes × featuresPerClass` channels; an R-STDP layer only
/// where a decision reads it; and an estimate of the memory needed within ``maxMemoryBytes``.
extension ModelSpec {
  /// Largest input width or height, padding, radius: 4096.
  public static let maxSide = 4096
  /// Most output channels of a layer, classes, features per class: 65 536.
  public static let maxChannels = 65_536
  /// Most layers, encoder kernels, lateral-inhibition distances.
  public static let maxLayers = 64, maxKernels = 256, maxLateralDistance = 16
  /// Largest encoder kernel side.
  public static let maxFilterSize = 255
  /// Most passes of a stage.
  public static let maxPasses = 1_000_000
  /// Cap on ``memoryEstimate``: 4 GiB.
  public static let maxMemoryBytes = 4 << 30

  /// Throws the first problem of the spec, naming its JSON path.
  public func validate() throws(SpecProblem) {
    let root = SpecCheck("")
    try root("inputWidth").within(inputWidth, 1...Self.maxSide)
    try root("inputHeight").within(inputHeight, 1...Self.maxSide)
    try encoder.validate(root("encoder"))
    let (h, w) = encoder.outputSize(height: inputHeight, width: inputWidth)
    guard h >= 1 && w >= 1 else {
      throw root("encoder.padding").fail("the \(inputHeight)×\(inputWidth) input padded by \(encoder.padding) is smaller than the \(encoder.maxKernelSize)×\(encoder.maxKernelSize) filters: no output position")
    }
    guard !layers.isEmpty else { throw root("layers").fail("must hold at least one layer") }
    try root("layers").within(layers.count, 1...Self.maxLayers)
    try root("classNames").within(classNames.count, 0...Self.maxChannels)
    var shape = Shape3(encoder.channels, h, w)
    for (i, layer) in layers.enumerated() {
      let from = i == 0 ? "the encoder's output" : "layers[\(i - 1)]'s output"
      shape = try layer.validate(root("layers")[i], input: shape, from: from, isLast: i == layers.count - 1, readout: readout)
    }
    try validateReadout(root("readout"), lastOutput: shape)
    if let problem = gradientProblem { throw problem }
    let estimate = memoryEstimate
    if estimate.total > Self.maxMemoryBytes {
      throw root(estimate.largest).fail("the model needs about \(ByteCount.text(estimate.total)) of weights and buffers, over the limit of \(ByteCount.text(Self.maxMemoryBytes))")
    }
  }

  /// The problem of the spec as one line (`layers[0].kernel: must be ≥ 1, got 0`), or nil.
  public var problem: SpecProblem? {
    do { try validate() } catch { return error }
    return nil
  }

  private func validateReadout(_ c: SpecCheck, lastOutput shape: Shape3) throws(SpecProblem) {
    let last = layers.count - 1
    switch readout {
    case .decision(let perClass):
      try c("decision.featuresPerClass").within(perClass, 1...Self.maxChannels)
      let channels = layers[last].outChannels
      if !classNames.isEmpty && channels != classNames.count * perClass {
        throw SpecCheck("layers[\(last)].outChannels").fail("must be classes × featuresPerClass = \(classNames.count) × \(perClass) = \(classNames.count * perClass) for the decision readout, got \(channels)")
      }
      if channels % perClass != 0 {
        throw c("decision.featuresPerClass").fail("must divide the \(channels) channels of the decision layer layers[\(last)], got \(perClass)")
      }
    case .svm(let pool, let cost, _, let passes):
      _ = try pool.validate(c("svm.pool"), input: shape, from: "the last layer's output")
      try c("svm.c").positive(cost)
      try c("svm.passes").within(passes, 1...Self.maxPasses)
    }
  }
}

extension EncoderSpec {
  func validate(_ c: SpecCheck) throws(SpecProblem) {
    guard !kernels.isEmpty else { throw c("kernels").fail("must hold at least one filter") }
    try c("kernels").within(kernels.count, 1...ModelSpec.maxKernels)
    for (i, kernel) in kernels.enumerated() { try kernel.validate(c("kernels")[i]) }
    try c("padding").within(padding, 0...ModelSpec.maxSide)
    if let threshold { try c("threshold").finite(threshold) }
    if let r = localNormalizationRadius { try c("localNormalizationRadius").within(r, 0...ModelSpec.maxSide) }
    if let factors = lateralInhibition {
      try c("lateralInhibition").within(factors.count, 0...ModelSpec.maxLateralDistance)
      for (i, f) in factors.enumerated() { try c("lateralInhibition")[i].finite(f) }
    }
    try c("timeSteps").within(timeSteps, 1...(Int(SpikeWave.never) - 1))
  }
}

extension EncoderSpec.Kernel {
  func validate(_ c: SpecCheck) throws(SpecProblem) {
    let values: [Double]
    let k: SpecCheck
    switch self {
    case .dog(let size, let s1, let s2):
      k = c("dog")
      try Self.validate(size: size, k("size"))
      try k("sigma1").positive(s1)
      try k("sigma2").positive(s2)
      values = FilterKernel.dogValues(size: size, sigma1: s1, sigma2: s2)
    case .gabor(let size, let orientation, let div):
      k = c("gabor")
      try Self.validate(size: size, k("size"))
      try k("orientation").finite(orientation)
      try k("div").positive(div)
      values = FilterKernel.gaborValues(size: size, orientation: orientation, div: div)
    case .pixel:
      return  // the pixels themselves: nothing to check
    }
    if let problem = FilterKernel.normalizationProblem(values) { throw k.fail("the filter \(problem)") }
  }

  static func validate(size: Int, _ c: SpecCheck) throws(SpecProblem) {
    try c.within(size, 1...ModelSpec.maxFilterSize)
    if size % 2 == 0 { throw c.fail("must be odd (the filter has a centre), got \(size)") }
  }
}

extension PoolSpec {
  /// Checks the pooling of an `input` wave; returns the pooled shape.
  func validate(_ c: SpecCheck, input: Shape3, from: String) throws(SpecProblem) -> Shape3 {
    try c("size").within(size, 1...ModelSpec.maxSide)
    try c("stride").within(stride, 1...ModelSpec.maxSide)
    try c("padding").within(padding, 0...(size - 1))
    let h = (input.height + 2 * padding - size) / stride + 1, w = (input.width + 2 * padding - size) / stride + 1
    guard input.height + 2 * padding >= size && input.width + 2 * padding >= size, h >= 1, w >= 1 else {
      throw c("size").fail("\(from) (\(input.height)×\(input.width), padded by \(padding)) is smaller than the \(size)×\(size) window: no output position")
    }
    return Shape3(input.channels, h, w)
  }
}

extension LayerSpec {
  /// Checks the layer on an `input` wave of the previous stage; returns its output shape.
  func validate(_ c: SpecCheck, input: Shape3, from: String, isLast: Bool, readout: ReadoutSpec) throws(SpecProblem) -> Shape3 {
    var shape = input
    if let inputPool { shape = try inputPool.validate(c("inputPool"), input: shape, from: from) }
    try c("inputPadding").within(inputPadding, 0...ModelSpec.maxSide)
    if inChannels != shape.channels {
      throw c("inChannels").fail("must equal the \(shape.channels) channels of \(from), got \(inChannels)")
    }
    try c("outChannels").within(outChannels, 1...ModelSpec.maxChannels)
    let (h, w) = (shape.height + 2 * inputPadding, shape.width + 2 * inputPadding)
    try c("kernel").atLeast(kernel, 1)
    guard kernel <= h && kernel <= w else {
      throw c("kernel").fail("the \(shape.height)×\(shape.width) input padded by \(inputPadding) is smaller than the \(kernel)×\(kernel) kernel: no output position")
    }
    if let threshold { try c("threshold").finite(threshold) }
    try c("weightMean").finite(weightMean)
    try c("weightStd").nonNegative(weightStd)
    try training.validate(c("training"), features: outChannels)
    if training.rule == .rstdp {
      guard isLast, case .decision = readout else {
        throw c("training.rule").fail("R-STDP trains the decision layer: only the last layer of a model with a decision readout")
      }
    }
    return Shape3(outChannels, h - kernel + 1, w - kernel + 1)
  }
}

extension TrainingSpec {
  func validate(_ c: SpecCheck, features: Int) throws(SpecProblem) {
    try c("passes").within(passes, 1...ModelSpec.maxPasses)
    try c("winners").within(winners, 1...features)
    try c("inhibitionRadius").within(inhibitionRadius, 0...ModelSpec.maxSide)
    for (key, rate) in [("ltp", ltp), ("ltd", ltd), ("punishLTP", punishLTP), ("punishLTD", punishLTD),
                        ("maxLTP", maxLTP), ("ltdRatio", ltdRatio), ("adaptiveMin", adaptiveMin),
                        ("adaptiveRange", adaptiveRange)] {
      try c(key).finite(rate)
    }
    try c("lowerBound").finite(lowerBound)
    try c("upperBound").finite(upperBound)
    if !(lowerBound < upperBound) { throw c("lowerBound").fail("must be below upperBound (\(upperBound)), got \(lowerBound)") }
    try c("doubleEvery").atLeast(doubleEvery, 0)
    try c("adaptiveBatch").atLeast(adaptiveBatch, 0)
    try c("dropout").probability(dropout)
    try c("inputDropout").probability(inputDropout)
    try c("passDecay").positive(passDecay)
  }
}
