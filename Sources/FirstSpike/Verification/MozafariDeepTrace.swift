import Foundation

/// FirstSpike against `mozafari_deep_img*.json` (SpykeTorch's MozafariDeep.py with the trained
/// paper-preset weights): every stage runs on SpykeTorch's stored input of that stage (so a
/// difference never hides behind an earlier one), then the whole chain runs from the image.
extension DeepTrace {
  mutating func mozafariDeep(image: GrayImage, mnistLabel: Int) throws {
    let f = reference
    let stored = try referenceWeights()
    let w = [try convWeights(layer: 0, stored, "conv1"), try convWeights(layer: 1, stored, "conv2"),
             try convWeights(layer: 2, stored, "conv3")]
    let net = network(w)
    try checkGeometry("conv1", layer: 0, conv: f.nested("conv1"))
    try checkPool("pool1", model.spec.layers[1].inputPool, f.nested("pool1"))
    try checkGeometry("conv2", layer: 1, conv: f.nested("conv2"))
    try checkPool("pool2", model.spec.layers[2].inputPool, f.nested("pool2"))
    try checkGeometry("conv3", layer: 2, conv: f.nested("conv3"))
    // Another geometry (or other weights) cannot run on the stored arrays: stop at the rows above.
    if !table.isOK { return }
    try checkImage(image, label: mnistLabel)

    // Encoder → conv1 → pool1 → conv2 → pool2 → conv3 → decision, each from the stored input.
    var out = ConvOutput(), events = SpikeEvents()
    let (storedS1, storedC1, storedP1) = try encoderToPool1(net, image: image, encoderKey: "s1c1", into: &out)
    let c2 = try f.nested("conv2")
    try convWithPotentials("conv2", net, layer: 1, input: storedP1, c2, times: "spike_time",
                           final: "potential_final", atSpike: "potential_at_first_spike", into: &out)
    let storedC2 = try wave(c2, "spike_time", out.shape)
    let storedP2 = try wave(f.nested("pool2"), "spike_time", net.inputShape(layer: 2))
    table.compareTimes("pool2.spike_time", net.pooledInput(storedC2, layer: 2).signedTimes, storedP2.signedTimes)

    let c3 = try f.nested("conv3")
    net.run(layer: 2, pooledInput: storedP2, into: &out, events: &events)
    table.comparePotentials("conv3.potential_final", out.channelMajor(out.potential),
                            try c3.floats("potential_final", shape: out.shape.dims))
    table.compareValue("conv3.firing_neurons", out.spikeCount, try c3.int("firing_neurons")) { "\($0)" }
    try checkDecision(net.decide(out, exact: net.exactPotentials(layer: 2, pooledInput: storedP2)), f.nested("decision"),
                      shape: out.shape, perClass: 20)

    // The chain from the image: FirstSpike's own inputs at every stage.
    try chainEqualsStored(net, image: image, stored: [storedS1, storedC1, storedP1, storedC2, storedP2],
                          decision: f.nested("decision"), conv3: c3)

    for key in ["stage2_step", "stage2_step_rate_0.15"] {
      try stdpStep(key, net: net, layer: 1, input: storedP1, inhibitedKey: "conv2_spike_time_inhibited")
    }
    for key in ["rstdp_step", "rstdp_step_wrong_target"] {
      try rewardStep(key, net: net, layer: 2, input: storedP2, perClass: 20)
    }
  }

  /// The encoder (the reference's object `encoderKey`), conv1 and pool1 of `net`, each run on
  /// the stored input of its stage, against the stored arrays; returns the stored waves of the
  /// three (the inputs of the stages after them). `out` holds conv1's output afterwards.
  mutating func encoderToPool1(_ net: Network, image: GrayImage, encoderKey: String,
                               into out: inout ConvOutput) throws -> (SpikeWave, SpikeWave, SpikeWave) {
    let f = reference
    let s1 = net.encode(image), s1o = try f.nested(encoderKey)
    try checkCounts(encoderKey, s1o, intensities: net.encoder.intensities(image), wave: s1)
    let storedS1 = try wave(s1o, "spike_time", net.inputShape(layer: 0))
    table.compareTimes("\(encoderKey).spike_time", s1.signedTimes, storedS1.signedTimes)

    var events = SpikeEvents()
    let c1 = try f.nested("conv1")
    net.run(layer: 0, pooledInput: storedS1, into: &out, events: &events, finalPotential: true)
    let storedC1 = try wave(c1, "spike_time", out.shape)
    table.compareTimes("conv1.spike_time", out.wave().signedTimes, storedC1.signedTimes)
    table.comparePotentials("conv1.potential_final_thresholded", out.thresholdedPotentials().values,
                            try c1.floats("potential_final_thresholded", shape: out.shape.dims))
    let storedP1 = try wave(f.nested("pool1"), "spike_time", net.inputShape(layer: 1))
    table.compareTimes("pool1.spike_time", net.pooledInput(storedC1, layer: 1).signedTimes, storedP1.signedTimes)
    return (storedS1, storedC1, storedP1)
  }

  /// The image FirstSpike read (MNIST IDX) against the reference's pixels and label.
  mutating func checkImage(_ image: GrayImage, label: Int) throws(TraceError) {
    let pixels = try reference.ints("image", shape: [image.height, image.width])
    table.check("image", "\(pixels.count)", equal: pixels == image.pixels.map(Int.init),
                pixels == image.pixels.map(Int.init) ? "equal (MNIST IDX)" : "pixels differ")
    table.compareValue("label", label, try reference.int("label")) { "\($0)" }
  }

  /// The decision (single winner of the last layer, class = feature / perClass).
  mutating func checkDecision(_ d: (winner: Winner, label: Int, margin: Float)?, _ o: JSONFields, shape: Shape3,
                              perClass: Int, prefix: String = "decision") throws(TraceError) {
    let want = try o.winner("winner", within: shape)
    table.compareValue(prefix + ".winner", d?.winner, want) { $0.map(\.description) ?? "silent" }
    table.compareValue(prefix + ".class", d?.label ?? -1, try o.int("class")) { $0 < 0 ? "silent" : "\($0)" }
  }

  /// The whole chain from the image (FirstSpike's own input at every stage): the encoder's
  /// wave, then each layer's output wave and the next layer's pooled input; and the last
  /// layer's output.
  func chain(_ net: Network, image: GrayImage) -> (waves: [SpikeWave], last: ConvOutput) {
    var waves: [SpikeWave] = [net.encode(image)]
    var input = net.pooledInput(waves[0], layer: 0)
    var out = ConvOutput(), events = SpikeEvents()
    for l in net.spec.layers.indices {
      net.run(layer: l, pooledInput: input, into: &out, events: &events)
      waves.append(out.wave())
      if l + 1 < net.spec.layers.count {
        input = net.input(of: l + 1, from: out)
        waves.append(input)
      }
    }
    return (waves, out)
  }

  /// One row: the chain's waves against the stored ones (`names[i]` for wave `i`), plus the
  /// readout differences `extra` the caller found.
  mutating func checkChain(names: [String], ours: [SpikeWave], stored: [SpikeWave], extra: [String], readouts: Int) {
    let differing = zip(names, zip(ours, stored)).filter { $0.1.0 != $0.1.1 }.map(\.0) + extra
    table.check("end to end from the image", "\(names.count + readouts)", equal: differing.isEmpty,
                differing.isEmpty ? "every wave and the readout equal the stored ones"
                  : "differ: " + differing.joined(separator: ", "))
  }

  /// The chain against a MozafariDeep file: waves, conv3 potentials, decision.
  mutating func chainEqualsStored(_ net: Network, image: GrayImage, stored: [SpikeWave], decision: JSONFields,
                                  conv3: JSONFields) throws(TraceError) {
    let (waves, out) = chain(net, image: image)
    var extra: [String] = []
    let d = net.decide(out, exact: net.exactPotentials(layer: 2, pooledInput: waves[4]))
    if d?.winner != (try decision.winner("winner", within: out.shape)) { extra.append("decision") }
    if !withinTolerance(out.channelMajor(out.potential), try conv3.floats("potential_final", shape: out.shape.dims)) {
      extra.append("conv3 potentials")
    }
    checkChain(names: ["s1c1", "conv1", "pool1", "conv2", "pool2"], ours: waves, stored: stored, extra: extra, readouts: 2)
  }
}

/// Whether every value lies within ``DeepTolerance`` of the reference's.
func withinTolerance(_ ours: [Float], _ theirs: [Float]) -> Bool {
  ours.count == theirs.count && !zip(ours, theirs).contains {
    abs(Double($0) - Double($1)) > DeepTolerance.absolute + DeepTolerance.relative * abs(Double($1))
  }
}
