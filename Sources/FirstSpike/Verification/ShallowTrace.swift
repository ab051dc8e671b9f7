import Foundation

/// FirstSpike against `shallow_img*.json` (the SpykeTorch tutorial's shallow R-STDP network on
/// ETH-80, with the shipped shallow-rstdp weights).
///
/// SpykeTorch's own encoder output is decided by float32 rounding at many positions (exact
/// orientation ties in the Gabor maps, broken by the rounding of its float32 convolution), so
/// the stages are compared from the stored inputs: Gabor (within tolerance), pointwise
/// inhibition of the stored Gabor values, latency coding of the stored inhibited values, pool
/// of the stored latency, conv and decision of the stored pool, R-STDP. End to end, FirstSpike
/// (exact Gabor sums, ties → lowest feature, stable sort) is compared with the file's
/// `exact_arithmetic_variant`, which states those same rules, and with SpykeTorch's decision.
extension DeepTrace {
  mutating func shallow(imagePath: String) throws {
    let f = reference
    let stored = try referenceWeights()
    let net = network([try convWeights(layer: 0, stored, "conv")])
    let layer = model.spec.layers[0]
    try checkPool("pool", layer.inputPool, f.nested("pool"))
    let conv = try f.nested("conv")
    table.compareValue("conv geometry", "kernel \(layer.kernel), θ \(layer.threshold.map { short($0) } ?? "none")",
                       "kernel \(try conv.int("kernel")), θ \(short(try conv.float("threshold")))") { $0 }
    // Another geometry (or other weights) cannot run on the stored arrays: stop at the rows above.
    if !table.isOK { return }

    // The image: file bytes, and FirstSpike's PNG luma against PIL's convert('L').
    guard let data = FileManager.default.contents(atPath: imagePath) else {
      throw TraceError.unreadable(path: imagePath, reason: "no such image (the reference names it relative to the repository root)")
    }
    let bytes = [UInt8](data)
    let sha = SHA256.hexDigest(bytes), wantSHA = try f.string("image_sha256")
    table.check("image_sha256", "SHA-256", equal: sha == wantSHA, sha == wantSHA ? "equal (\(imagePath))" : "differs: \(imagePath)")
    let image = try GrayImage(pngData: bytes)
    let gray = try f.ints("gray", shape: [image.height, image.width])
    let grayDiff = zip(gray, image.pixels).filter { $0 != Int($1) }.count
    table.check("gray (PNG → luma)", "\(gray.count)", equal: grayDiff == 0,
                grayDiff == 0 ? "equal (libpng + ITU-R 601 luma vs PIL convert('L'))" : "\(grayDiff) pixels differ")

    // Gabor: FirstSpike filters the pixels 0…255; SpykeTorch filters ToTensor's k/255.
    let shape = net.encoder.outputShape(height: image.height, width: image.width).dims
    var gabor = FeatureMaps(shape: Shape3(0, 0, 0)), scratch = FilterBank.Scratch()
    net.encoder.filters.apply(image, into: &gabor, scratch: &scratch)
    let storedGabor = try f.floats("s1_gabor_abs", shape: shape)
    table.comparePotentials("s1_gabor_abs (FirstSpike / 255)", gabor.values.map { Float(Double($0) / 255) }, storedGabor)
    let gShape = Shape3(shape[0], shape[1], shape[2])
    let inhibited = InputInhibition.applied(to: FeatureMaps(shape: gShape, values: storedGabor))
    let storedInhibited = try f.floats("s1_pointwise_inhibited", shape: shape)
    let unequal = zip(inhibited.values, storedInhibited).filter { $0.bitPattern != $1.bitPattern }.count
    table.check("s1_pointwise_inhibited", "\(storedInhibited.count)", equal: unequal == 0,
                unequal == 0 ? "bit-equal (from the stored Gabor values)" : "\(unequal) values differ")

    let lat = try f.nested("latency")
    let storedMaps = FeatureMaps(shape: gShape, values: storedInhibited)
    let latency = net.encoder.latency.encode(storedMaps)
    try checkCounts("latency", lat, intensities: storedMaps, wave: latency)
    let storedLatency = try wave(lat, "spike_time", gShape)
    let T = timeSteps
    table.compareTimes("latency.spike_time", latency.signedTimes, storedLatency.signedTimes) {
      LatencyTies.explain($0, values: storedInhibited, shape: gShape, timeSteps: T,
                          ours: latency.signedTimes, theirs: storedLatency.signedTimes)
    }
    let storedPool = try wave(f.nested("pool"), "spike_time", net.inputShape(layer: 0))
    table.compareTimes("pool.spike_time", net.pooledInput(storedLatency, layer: 0).signedTimes, storedPool.signedTimes)

    var out = ConvOutput(), events = SpikeEvents()
    net.run(layer: 0, pooledInput: storedPool, into: &out, events: &events)
    table.comparePotentials("conv.potential (every step)", stepPotentials(net, layer: 0, input: storedPool),
                            try conv.floats("potential", shape: [timeSteps, out.shape.count]))
    table.compareTimes("conv.spike_time", out.wave().signedTimes, try conv.ints("spike_time", shape: [out.shape.count]))
    try checkDecision(net.decide(out, exact: net.exactPotentials(layer: 0, pooledInput: storedPool)), f.nested("decision"),
                      shape: out.shape, perClass: 10)
    for key in ["rstdp_step", "rstdp_step_wrong_target"] {
      try rewardStep(key, net: net, layer: 0, input: storedPool, perClass: 10,
                     ratesFrom: key == "rstdp_step" ? nil : "rstdp_step")
    }
    try exactVariant(net, image: image)
    try ethEncoder(image)
  }

  /// The potentials of layer `l` on `input` after every step `t` (`[T, C·H·W]`, channel-major
  /// per step): the convolution of the wave truncated to the spikes at or before `t`.
  func stepPotentials(_ net: Network, layer l: Int, input: SpikeWave) -> [Float] {
    let padded = input.padded(net.spec.layers[l].inputPadding)
    var out = ConvOutput(), events = SpikeEvents(), all: [Float] = []
    for t in 0..<input.timeSteps {
      var truncated = padded
      for i in truncated.times.indices where truncated.times[i] != SpikeWave.never && Int(truncated.times[i]) > t {
        truncated.times[i] = SpikeWave.never
      }
      convolve(truncated, net.weights[l], threshold: nil, into: &out, events: &events)
      all += out.channelMajor(out.potential)
    }
    return all
  }
}
