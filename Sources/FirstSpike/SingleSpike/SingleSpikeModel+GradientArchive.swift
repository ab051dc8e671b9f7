/// The tensors of an unfinished gradient stage: per layer `l` of the stage, Adam's moments
/// `layer<l>.adam-m` / `.adam-v` (`[Cout, Cin, k, k]`) and, while a batch is half summed,
/// `layer<l>.batch-gradient` (`[Cout, Cin·s², k, k]` after average pooling of size `s`).
extension SingleSpikeModel {
  static func momentName(_ l: Int, _ which: String) -> String { "layer\(l + 1).adam-\(which)" }
  static func batchGradientName(_ l: Int) -> String { "layer\(l + 1).batch-gradient" }

  func archiveGradientState(into archive: inout CheckpointArchive) {
    guard let state = gradientState, let span = spec.gradientLayers else { return }
    for (j, l) in span.enumerated() {
      if j < state.moments.count, let m = state.moments[j] {
        archive.setTensor(Self.tensor(Self.momentName(l, "m"), m.m, like: weights[l]))
        archive.setTensor(Self.tensor(Self.momentName(l, "v"), m.v, like: weights[l]))
      }
      if j < state.accumulated.count {
        archive.setTensor(Self.tensor(Self.batchGradientName(l), state.accumulated[j],
                                      like: Self.runShape(l, spec: spec, weights: weights)))
      }
    }
  }

  /// The saved gradient-stage state, nil when there is none; shapes checked against the spec.
  static func gradientState(in archive: CheckpointArchive, spec: ModelSpec, weights: [ConvWeights]) throws -> GradientState? {
    guard let span = spec.gradientLayers else { return nil }
    func has(_ name: String) -> Bool { archive.tensors.contains { $0.name == name } }
    var state = GradientState()
    var any = false
    for l in span {
      if has(momentName(l, "m")) {
        let m = try read(archive, momentName(l, "m"), like: weights[l]), v = try read(archive, momentName(l, "v"), like: weights[l])
        state.moments.append(AdamMoments(m: m, v: v))
        any = true
      } else {
        state.moments.append(nil)
      }
    }
    if span.allSatisfy({ has(batchGradientName($0)) }) {
      state.accumulated = try span.map { try read(archive, batchGradientName($0), like: runShape($0, spec: spec, weights: weights)) }
      any = true
    }
    return any ? state : nil
  }

  /// An empty tensor of the shape of the weights layer `l` convolves with.
  static func runShape(_ l: Int, spec: ModelSpec, weights: [ConvWeights]) -> ConvWeights {
    let w = weights[l]
    guard let p = spec.layers[l].inputPool, p.isAverage else { return w }
    return ConvWeights(inChannels: w.inChannels * p.size * p.size, outChannels: w.outChannels, kernel: w.kernel)
  }

  static func tensor(_ name: String, _ storage: [Float], like w: ConvWeights) -> CheckpointTensor {
    var t = w
    t.storage = storage
    return CheckpointTensor(name: name, shape: shape(t), floats: t.canonical())
  }

  static func read(_ archive: CheckpointArchive, _ name: String, like w: ConvWeights) throws -> [Float] {
    var t = w
    t.setCanonical(try archive.floatTensor(named: name, shape: shape(w)))
    return t.storage
  }
}
