import Foundation

/// FirstSpike against `kheradpisheh_img*.json` (SpykeTorch's KheradpishehDeep.py with the
/// shipped kheradpisheh2018 weights): inference through the SVM feature vector, the
/// checkpoint's own SVM on it, and the stage-2 training branch (input inhibition, conv2,
/// pointwise inhibition, k-WTA, STDP at two rates). Each stage runs on the stored input.
extension DeepTrace {
  mutating func kheradpisheh(image: GrayImage, mnistLabel: Int) throws {
    let f = reference
    let stored = try referenceWeights()
    let net = network([try convWeights(layer: 0, stored, "conv1"), try convWeights(layer: 1, stored, "conv2")])
    guard case .svm(let readoutPool, _, _, _) = model.spec.readout, let svm = model.svm else {
      throw TraceError.badValue(path: f.path, key: "checkpoint", expected: "a checkpoint with a trained SVM readout")
    }
    try checkGeometry("conv1", layer: 0, conv: f.nested("conv1"))
    try checkPool("pool1", model.spec.layers[1].inputPool, f.nested("pool1"))
    try checkGeometry("conv2", layer: 1, conv: f.nested("conv2"))
    try checkPool("pool2", readoutPool, f.nested("pool2"))
    // Another geometry (or other weights) cannot run on the stored arrays: stop at the rows above.
    if !table.isOK { return }
    try checkImage(image, label: mnistLabel)

    var out = ConvOutput()
    let (storedS1, storedC1, storedP1) = try encoderToPool1(net, image: image, encoderKey: "s1", into: &out)

    // Inference: conv2 on the pool1 wave as it is (no input inhibition outside training).
    let c2 = try f.nested("conv2")
    table.compareValue("conv2.input_inhibited", false, try c2.bool("input_inhibited")) { "\($0)" }
    try convWithPotentials("conv2", net, layer: 1, input: storedP1, c2, times: "spike_time",
                           final: "potential_final", atSpike: "potential_at_first_spike", into: &out)
    let storedC2 = try wave(c2, "spike_time", out.shape)
    let p2 = try f.nested("pool2")
    let pool2 = storedC2.pooled(size: readoutPool.size, stride: readoutPool.stride, padding: readoutPool.padding)
    let storedP2 = try wave(p2, "spike_time", pool2.shape)
    table.compareTimes("pool2.spike_time", pool2.signedTimes, storedP2.signedTimes)
    let features = storedP2.signedTimes.map { $0 >= 0 ? 1 : 0 }
    table.compareTimes("features.vector", features, try f.nested("features").ints("vector", shape: [features.count]))

    // The checkpoint's SVM on the stored features (no SpykeTorch counterpart: the example
    // trains its own; the file applies the checkpoint's with scikit-learn).
    let svmo = try f.nested("svm_readout_checkpoint")
    let row = SparseFeatureMatrix.Row(columns: storedP2.firedIndices()[...], values: nil)
    table.comparePotentials("svm_readout_checkpoint.scores", svm.scores(row), try svmo.floats("scores", shape: [svm.classes]))
    table.compareValue("svm_readout_checkpoint.predicted_class", svm.predict(row).class,
                       try svmo.int("predicted_class")) { "\($0)" }

    let (waves, last) = chain(net, image: image)
    let ours = last.pooledWave(size: readoutPool.size, stride: readoutPool.stride, padding: readoutPool.padding)
    let predicted = svm.predict(SparseFeatureMatrix.Row(columns: ours.firedIndices()[...], values: nil)).class
    checkChain(names: ["s1", "conv1", "pool1", "conv2", "pool2"], ours: waves + [ours],
               stored: [storedS1, storedC1, storedP1, storedC2, storedP2],
               extra: predicted == (try svmo.int("predicted_class")) ? [] : ["SVM class"], readouts: 1)

    // Training branch of stage 2.
    let t = try f.nested("train_stage2")
    let inhibited = InputInhibition.applied(to: storedP1)
    table.compareTimes("train_stage2.conv2_input_inhibited_spike_time", inhibited.signedTimes,
                       try wave(t, "conv2_input_inhibited_spike_time", storedP1.shape).signedTimes)
    table.compareValue("train_stage2 input spikes before/after", [storedP1.spikeCount, inhibited.spikeCount],
                       [try t.int("conv2_input_spikes_before_inhibition"), try t.int("conv2_input_spikes_after_inhibition")]) {
      "\($0[0])/\($0[1])"
    }
    try convWithPotentials("train_stage2", net, layer: 1, input: inhibited, t, times: "conv2_spike_time",
                           final: "conv2_potential_final", atSpike: "conv2_potential_at_first_spike", into: &out)
    try stdpStep("train_stage2", net: net, layer: 1, input: storedP1, inhibitedKey: "conv2_spike_time_inhibited")
    try stdpStep("train_stage2_rate_0.15", net: net, layer: 1, input: storedP1, inhibitedKey: nil)
  }

  /// Layer `l` on `input` (exact final potentials): spike times, final potentials and
  /// potentials at the first spike against the stored arrays of object `o`.
  mutating func convWithPotentials(_ name: String, _ net: Network, layer l: Int, input: SpikeWave, _ o: JSONFields,
                                   times: String, final: String, atSpike: String, into out: inout ConvOutput) throws(TraceError) {
    var events = SpikeEvents()
    net.run(layer: l, pooledInput: input, into: &out, events: &events, finalPotential: true)
    let dims = out.shape.dims
    table.compareTimes("\(name).\(times)", out.wave().signedTimes, try wave(o, times, out.shape).signedTimes)
    table.comparePotentials("\(name).\(final)", out.channelMajor(out.potential), try o.floats(final, shape: dims))
    table.comparePotentials("\(name).\(atSpike)", out.channelMajor(out.potentialAtSpike), try o.floats(atSpike, shape: dims))
  }
}
