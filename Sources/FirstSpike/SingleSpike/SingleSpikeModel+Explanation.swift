/// What `firstspike explain` shows of a single-spike model: the encoder's and every layer's
/// first-spike times, the winner and the readout's class scores (``Network/trace(_:)``).
extension SingleSpikeModel {
  public func explain(_ image: GrayImage) throws -> ImageExplanation {
    if let problem = inferenceProblem(checkpoint: spec.name) { throw DiagnosticsError(problem) }
    let network = inferenceNetwork(), trace = network.trace(image)
    let steps = spec.encoder.timeSteps, measure = ImageExplanation.Map.Measure.firstSpike(steps: steps, unit: "time step")
    let channels = spec.encoder.channels
    var maps = [Self.earliestMap(trace.encoded, title: "encoder: \(channels) \(encoderKind) channel\(channels == 1 ? "" : "s")",
                                 caption: channels == 1 ? "the first spike at each position"
                                   : "earliest spike of the \(channels) channels at each position",
                                 measure: measure)]
    for l in spec.layers.indices {
      let wave = trace.outputs[l], layer = spec.layers[l]
      if l == spec.layers.count - 1, case .decision(let perClass) = spec.readout {
        maps.append(decisionMap(trace, perClass: perClass, measure: measure))
      } else {
        let what = wave.shape.plane == 1 ? "first spike of each feature" : "earliest spike of any of its \(layer.outChannels) features at each position"
        maps.append(Self.earliestMap(wave, title: "layer \(l + 1): \(layer.outChannels) features, \(wave.shape.height)×\(wave.shape.width) positions",
                                     caption: what, measure: measure))
      }
    }
    return ImageExplanation(
      model: spec.name, input: trace.input, inputNote: Self.inputNote(image, trace.input), maps: maps,
      classNames: spec.classNames, scores: trace.scores, scoreMeaning: scoreMeaning(trace),
      decision: trace.classification.label, decisionNote: decisionNote(trace))
  }

  var encoderKind: String {
    let kernels = spec.encoder.kernels
    if kernels.contains(where: { if case .gabor = $0 { return true } else { return false } }) { return "oriented-edge (Gabor)" }
    if kernels.allSatisfy({ if case .pixel = $0 { return true } else { return false } }) { return "pixel-intensity" }
    return "contrast (difference-of-Gaussians)"
  }

  static func inputNote(_ original: GrayImage, _ input: GrayImage) -> String {
    original.width == input.width && original.height == input.height
      ? "read as is (no normalisation)"
      : "resized from \(original.width)×\(original.height) (bilinear), no other normalisation"
  }

  /// Per position (or per feature, for a single position) the earliest spike time.
  static func earliestMap(_ wave: SpikeWave, title: String, caption: String,
                          measure: ImageExplanation.Map.Measure) -> ImageExplanation.Map {
    let (c, h, w) = (wave.shape.channels, wave.shape.height, wave.shape.width)
    let note = "\(wave.spikeCount) of \(wave.shape.count) neurons fired"
    if h * w == 1 {
      let cols = Int(Double(c).squareRoot().rounded(.up))
      let values: [Double?] = (0..<c).map { wave.time($0, 0, 0).map(Double.init) }
      let rows = stride(from: 0, to: c, by: cols).map { ImageExplanation.Map.Row(cells: Array(values[$0..<min(c, $0 + cols)])) }
      return .init(title: title, caption: caption, note: note, measure: measure, rows: rows)
    }
    let values: [Double?] = (0..<(h * w)).map { pos in
      (0..<c).compactMap { wave.time($0, pos / w, pos % w) }.min().map(Double.init)
    }
    return .init(title: title, caption: caption, note: note, measure: measure, width: w, values: values)
  }

  /// The decision layer: one row per class, one cell per neuron. What decides is the
  /// potential among the neurons that fired at the earliest output time step, so each cell
  /// shows that potential (the best over the neuron's positions); neurons that fired later are
  /// marked as such. A layer without a threshold fires every neuron at the last step.
  func decisionMap(_ trace: NetworkTrace, perClass: Int, measure: ImageExplanation.Map.Measure) -> ImageExplanation.Map {
    let wave = trace.outputs[spec.layers.count - 1], layer = spec.layers.count
    let features = wave.shape.channels, plane = wave.shape.plane, w = wave.shape.width
    let title = "layer \(layer) (decision): \(features) neurons, \(perClass) per class"
    let note = "\(wave.spikeCount) of \(wave.shape.count) neurons fired"
    func rowLabel(_ c: Int) -> String { c < spec.classNames.count ? spec.classNames[c] : "–" }
    guard let winner = trace.winner else {
      let rows = stride(from: 0, to: features, by: perClass).map {
        ImageExplanation.Map.Row(label: rowLabel($0 / perClass), cells: [Double?](repeating: nil, count: min(perClass, features - $0)))
      }
      return .init(title: title, caption: "first spike of each neuron, a row per class: none fired", note: note, measure: measure, rows: rows)
    }
    let t = winner.time
    var values = [Double?](repeating: nil, count: features), later = Set<Int>()
    for f in 0..<features {
      let times = (0..<plane).map { wave.time(f, $0 / w, $0 % w) }
      let atT = (0..<plane).filter { times[$0] == t }.map { Double(trace.lastPotentials.values[f * plane + $0]) }
      if let best = atT.max() { values[f] = best } else if times.contains(where: { $0 != nil }) { later.insert(f) }
    }
    let rows = stride(from: 0, to: features, by: perClass).map { first -> ImageExplanation.Map.Row in
      let range = first..<min(features, first + perClass)
      return .init(label: rowLabel(first / perClass), cells: Array(values[range]),
                   later: Set(later.filter { range.contains($0) }.map { $0 - first }))
    }
    let over = plane > 1 ? " (best of its \(plane) positions)" : ""
    let caption = spec.layers[layer - 1].threshold == nil
      ? "no threshold: every neuron fires at the last step; its potential there\(over), a row per class; the largest decides"
      : "potential of each neuron that fired first, at time step \(t)\(over), a row per class; the largest decides"
    let shown = values.compactMap { $0 }
    return .init(title: title, caption: caption, note: note, measure: .potential(low: shown.min() ?? 0, high: shown.max() ?? 1),
                 rows: rows, marked: (row: winner.neuron.feature / perClass, column: winner.neuron.feature % perClass))
  }

  func scoreMeaning(_ trace: NetworkTrace) -> String {
    switch spec.readout {
    case .decision:
      let t = trace.winner.map { " (time step \($0.time))" } ?? ""
      return "potential of each class's best neuron among those firing at the first output spike\(t); the model's own scale, not probabilities"
    case .svm:
      return "linear SVM decision values w·x + b on the pooled last-layer spikes; the model's own scale, not probabilities"
    }
  }

  func decisionNote(_ trace: NetworkTrace) -> String {
    let margin = String(format: "%.3g", trace.classification.margin)
    guard let label = trace.classification.label else {
      return "No neuron of the last layer fired within the \(spec.encoder.timeSteps) time steps, so there is no decision."
    }
    let name = label < spec.classNames.count ? spec.classNames[label] : "\(label)"
    if let w = trace.winner, case .decision(let perClass) = spec.readout {
      return "Neuron \(w.neuron.feature) of layer \(spec.layers.count) (feature \(w.neuron.feature % perClass + 1) of \(perClass) for class "
        + "\u{201C}\(name)\u{201D}) fired first, at time step \(w.time) of \(spec.encoder.timeSteps); margin over the best other class \(margin)."
    }
    let spikes = trace.outputs.last?.spikeCount ?? 0
    return "The linear SVM reads the \(spikes) spikes of layer \(spec.layers.count) (pooled) and scores class \u{201C}\(name)\u{201D} highest, "
      + "by \(margin) over the next."
  }
}
