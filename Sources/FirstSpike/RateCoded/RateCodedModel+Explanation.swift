/// What `firstspike explain` shows of a rate-coded model: the Poisson input's spikes per
/// pixel, each excitatory neuron's first spike and spike count (a row per class it was
/// labelled with), the most active neuron of the decided class, and the proportion-weighting
/// scores. The image is encoded exactly as `classify` encodes it, so the decision is the same.
extension RateCodedModel {
  public func explain(_ image: GrayImage) throws -> ImageExplanation {
    guard let assignment else { throw DiagnosticsError("stage 2 (label assignment) is not trained yet") }
    let input = inputImages([image])[0]
    var g = DiehlCook2015.imageGenerator(seed: evaluationSeed, index: 0)
    let response = model.respond(to: input.pixels, generator: &g)
    let counts = response.excitatory.spikeCounts(), first = response.excitatory.firstSpikeSteps()
    let decision = RateCodedClassification(scores: assignment.proportionWeightingScores(counts),
                                           spikes: response.excitatory.spikeCount)
    let layout = neuronRows(assignment)
    let winner = decision.label.flatMap { Self.mostActive(of: $0, assignment: assignment, counts: counts) }
    let marked = winner.flatMap { w in
      layout.indices.first { layout[$0].neurons.contains(w) }.map { (row: $0, column: layout[$0].neurons.firstIndex(of: w)!) }
    }
    func rows(_ value: (Int) -> Double?) -> [ImageExplanation.Map.Row] {
      layout.map { .init(label: $0.label, cells: $0.neurons.map(value)) }
    }
    let inputCounts = response.input.spikeCounts()
    let unit = spec.dt == 1 ? "ms" : "steps of \(Self.format(spec.dt)) ms"
    let maps = [
      ImageExplanation.Map(
        title: "input: \(spec.inputs) Poisson neurons", caption: "spikes of each pixel's input neuron in \(Self.format(spec.time)) ms "
          + "(\(Self.format(response.intensity)) Hz for a white pixel)",
        note: "\(response.input.spikeCount) input spikes"
          + (response.presentations > 1 ? ", \(response.presentations) presentations (too few spikes at first)" : ""),
        measure: .spikeCount(max: Int(inputCounts.max() ?? 0), per: "pixel"), width: inputSide,
        values: inputCounts.map { $0 > 0 ? Double($0) : nil }),
      ImageExplanation.Map(
        title: "excitatory: first spike", caption: "first spike of each of the \(spec.neurons) neurons, a row per class it was labelled with",
        note: "\(first.compactMap { $0 }.count) of \(spec.neurons) neurons fired",
        measure: .firstSpike(steps: spec.steps, unit: unit), rows: rows { first[$0].map(Double.init) }, marked: marked),
      ImageExplanation.Map(
        title: "excitatory: spike count", caption: "spikes of each neuron over the presentation; the classes' shares decide",
        note: "\(response.excitatory.spikeCount) excitatory, \(response.inhibitory.spikeCount) inhibitory spikes",
        measure: .spikeCount(max: Int(counts.max() ?? 0), per: "neuron"), rows: rows { counts[$0] > 0 ? Double(counts[$0]) : nil },
        marked: marked),
    ]
    return ImageExplanation(
      model: title, input: input, inputNote: SingleSpikeModel.inputNote(image, input), maps: maps, classNames: classNames,
      scores: decision.scores,
      scoreMeaning: "proportion weighting: each class's spikes weighted by how selective its neurons are, per neuron of the class; "
        + "the model's own scale, not probabilities",
      decision: decision.label, decisionNote: decisionNote(decision, winner: winner, counts: counts))
  }

  /// The neuron labelled `label` with the most spikes (the lowest index among equals).
  static func mostActive(of label: Int, assignment: NeuronAssignment, counts: [Int32]) -> Int? {
    var best: Int?
    for j in counts.indices where assignment.assignments[j] == label && best.map({ counts[j] > counts[$0] }) ?? true { best = j }
    return best
  }

  /// The neurons in rows of at most 20 per class they were labelled with (unassigned last).
  func neuronRows(_ a: NeuronAssignment) -> [(label: String?, neurons: [Int])] {
    var rows: [(label: String?, neurons: [Int])] = []
    for c in Array(0..<a.classes) + [-1] {
      let members = (0..<spec.neurons).filter { a.assignments[$0] == c }
      for start in stride(from: 0, to: members.count, by: 20) {
        let label = start > 0 ? nil : c < 0 ? "–" : c < classNames.count ? classNames[c] : "\(c)"
        rows.append((label, Array(members[start..<min(members.count, start + 20)])))
      }
    }
    return rows
  }

  func decisionNote(_ d: RateCodedClassification, winner: Int?, counts: [Int32]) -> String {
    guard let label = d.label, let w = winner else {
      return "No neuron with a class label fired during the presentation, so there is no decision."
    }
    let name = label < classNames.count ? classNames[label] : "\(label)"
    return "Proportion weighting scores class \u{201C}\(name)\u{201D} highest (margin \(String(format: "%.3g", d.margin)) over the next); "
      + "its most active neuron, \(w), fired \(counts[w]) times."
  }
}
