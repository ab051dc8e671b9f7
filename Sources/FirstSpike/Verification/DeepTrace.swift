import Foundation

/// What every whole-network trace shares: the reference file, the checkpoint it names (its
/// model and raw tensors), the table being filled, and readers of the stored arrays.
struct DeepTrace {
  let reference: JSONFields
  let archive: CheckpointArchive
  let model: SingleSpikeModel
  var table: TraceTable
  /// SHA-256 of each reference layer's checkpoint weights (`conv1` → digest), and of spec layer
  /// `l`'s weights before any step (reused when a step changes no bit).
  var digests: [String: String] = [:]
  var layerDigests: [Int: String] = [:]
  var timeSteps: Int { model.spec.encoder.timeSteps }

  init(reference: JSONFields, archive: CheckpointArchive, model: SingleSpikeModel, header: [String]) {
    self.reference = reference
    self.archive = archive
    self.model = model
    self.table = TraceTable(header: header)
  }

  /// A stored `[C, H, W]` spike-time array as a wave.
  func wave(_ o: JSONFields, _ key: String, _ shape: Shape3) throws(TraceError) -> SpikeWave {
    try o.wave(key, timeSteps: timeSteps, shape: shape)
  }

  /// The weights the reference was made with, by its layer names (`conv1` → `layer1.weight`,
  /// …, from `checkpoint.tensors`), each checked against `checkpoint.weight_sha256` (one row
  /// per tensor). A single-tensor file (`checkpoint.tensor`, one digest) is layer `conv`.
  mutating func referenceWeights() throws -> [String: [Float]] {
    let c = try reference.nested("checkpoint")
    var names: [(layer: String, tensor: String, sha: String)] = []
    if let single = c.optionalString("tensor") {
      names = [("conv", single, try c.string("weight_sha256"))]
    } else {
      let tensors = try c.nested("tensors"), digests = try c.nested("weight_sha256")
      for key in tensors.object.keys.sorted() { names.append((key, try tensors.string(key), try digests.string(key))) }
    }
    var out: [String: [Float]] = [:]
    for (layer, tensor, want) in names {
      let t = try archive.tensor(named: tensor)
      let values = try archive.floatTensor(named: tensor, shape: t.shape)
      let sha = TraceTable.sha256(values)
      table.check("weights \(layer) = \(tensor)", "SHA-256", equal: sha == want,
                  sha == want ? "equal (\(sha.prefix(12))…)" : "checkpoint \(sha.prefix(12))…, reference \(want.prefix(12))…")
      out[layer] = values
      digests[layer] = sha
    }
    return out
  }

  /// `ConvWeights` of spec layer `l` holding the reference layer `name`'s weights
  /// (`[Cout, Cin, k, k]`, from ``referenceWeights()``).
  mutating func convWeights(layer l: Int, _ stored: [String: [Float]], _ name: String) throws(TraceError) -> ConvWeights {
    let s = model.spec.layers[l], values = stored[name]
    layerDigests[l] = digests[name]
    var w = ConvWeights(inChannels: s.inChannels, outChannels: s.outChannels, kernel: s.kernel)
    guard let values, values.count == w.count else {
      throw .badValue(path: reference.path, key: "checkpoint.tensors",
                      expected: "a tensor of \(w.count) weights for layer \(l + 1) of \(model.spec.name)")
    }
    w.setCanonical(values)
    return w
  }

  /// One row: the reference's geometry of a layer (`input_padding`, `kernel`, `threshold`) or
  /// pooling (`kernel`, `stride`, `padding`) equals the checkpoint spec's.
  mutating func checkGeometry(_ name: String, layer l: Int, conv o: JSONFields) throws(TraceError) {
    let s = model.spec.layers[l]
    let theirs = [try o.int("input_padding", default: 0), try o.int("kernel")]
    let θ: Float? = o.object["threshold"] is NSNull || !o.has("threshold") ? nil : try o.float("threshold")
    table.check(name + " geometry", equal: theirs == [s.inputPadding, s.kernel] && θ == s.threshold,
                "pad \(s.inputPadding), kernel \(s.kernel), θ \(s.threshold.map { short($0) } ?? "none")"
                  + (theirs == [s.inputPadding, s.kernel] && θ == s.threshold ? ", equal" : "; reference \(theirs), θ \(θ.map { short($0) } ?? "none")"))
  }

  mutating func checkPool(_ name: String, _ pool: PoolSpec?, _ o: JSONFields) throws(TraceError) {
    let theirs = [try o.int("kernel"), try o.int("stride"), try o.int("padding", default: 0)]
    let ours = pool.map { [$0.size, $0.stride, $0.padding] } ?? []
    table.check(name + " geometry", equal: ours == theirs,
                "size/stride/pad \(ours.map(String.init).joined(separator: "/"))"
                  + (ours == theirs ? ", equal" : "; reference \(theirs.map(String.init).joined(separator: "/"))"))
  }

  /// The encoder's counts: non-zero intensities, bin size, spikes.
  mutating func checkCounts(_ name: String, _ o: JSONFields, intensities: FeatureMaps, wave: SpikeWave) throws(TraceError) {
    let nz = intensities.values.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
    let ours = [nz, nz / timeSteps, wave.spikeCount]
    let theirs = [try o.int("nonzero_intensities"), try o.int("bin_size"), try o.int("spike_count")]
    table.compareValue(name + " nonzero/bin/spikes", ours, theirs) { $0.map(String.init).joined(separator: "/") }
  }

  /// A training network: the model's spec with `weights` per layer.
  func network(_ weights: [ConvWeights]) -> Network { Network(spec: model.spec, weights: weights, svm: model.svm) }

  /// Runs one learning step of layer `l` through FirstSpike's own trainer (`LayerTrainer`) on
  /// the stored pooled input, with the given rates, and returns the layer's weights after it.
  func trainerStep(_ net: Network, layer l: Int, input: SpikeWave, label: Int, rates: RatePair,
                   punish: RatePair? = nil) -> ConvWeights {
    let cache = WaveCache(count: 1, shape: input.shape, timeSteps: input.timeSteps, threads: 1) { _, _ in input }
    var trainer = LayerTrainer(network: net, layer: l, inputs: cache, labels: [label], test: nil, progress: nil,
                               bestWeights: nil, passes: 1, seed: model.training.seed)
    let features = model.spec.layers[l].outChannels
    trainer.progress.rates = Array(repeating: rates, count: features)
    if let punish { trainer.progress.punishRates = Array(repeating: punish, count: features) }
    trainer.train(pooledInput: input, label: label)
    return trainer.network.weights[l]
  }
}

extension ConvOutput {
  /// A position-major array (``potential``, ``potentialAtSpike``) in `(C, H, W)` order.
  func channelMajor(_ a: [Float]) -> [Float] {
    var out = [Float](repeating: 0, count: shape.count)
    let plane = shape.plane
    for pos in 0..<plane {
      for f in 0..<shape.channels { out[f * plane + pos] = a[pos * paddedOut + f] }
    }
    return out
  }
}

extension Shape3 {
  /// `[C, H, W]`, as the reference files write shapes.
  var dims: [Int] { [channels, height, width] }
}
