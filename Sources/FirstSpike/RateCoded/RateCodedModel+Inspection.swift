import Foundation

/// What `inspect`, `features` and `bench` show of a rate-coded model.
extension RateCodedModel {
  public func inspection() -> [String] {
    let s = spec, t = training, f = Self.format
    var lines = [
      "kind \(ModelKind.rateCoded.rawValue): model \(t.model) (Diehl & Cook 2015), \(s.inputs) Poisson inputs"
        + " → \(s.neurons) excitatory LIF neurons (adaptive θ) ↔ \(s.neurons) inhibitory; classes \(t.data.classNames.joined(separator: " "))",
      "spec: \(f(s.time)) ms per image at dt \(f(s.dt)) ms, \(f(s.intensity)) Hz for a 255 pixel"
        + " (+\(f(s.intensityStep)) Hz re-presentation below \(s.minSpikes) spikes, at most \(s.maxRetries) times),",
      "  exc \(s.excWeight), inh \(s.inhWeight), STDP nu (\(s.stdp.nuPre), \(s.stdp.nuPost)), norm \(s.norm),"
        + " θ+ \(s.adaptation.thetaPlus) mV, τθ \(s.adaptation.tcDecay) ms, trace τ \(s.tcTrace) ms",
      "seed \(t.seed); data \(t.data.kind) at \(t.data.path)\(t.data.splitSeed.map { ", split seed \($0)" } ?? "")",
      "stages finished: \(completedStages) of \(Self.stageCount)",
    ]
    var line = "  stage 1: unsupervised STDP"
    if let p = t.stage1 {
      let at = p.finished ? " (finished)" : ", at image \(p.position) of \(p.trainingImages)"
      line += ", \(p.passesDone)/\(p.passes) passes\(at), \(p.imagesSeen) images, \(String(format: "%.1f", p.seconds)) s"
    } else {
      line += ", not trained"
    }
    lines.append(line)
    for r in t.stage1?.history ?? [] { lines.append(String(format: "    pass %d: %.1f s", r.pass, r.seconds)) }
    let theta = model.theta, w = model.weights
    lines.append(String(format: "    θ mean %.4f mV (max %.4f), weights mean %.4f (max %.4f)", meanValue(theta), theta.max() ?? 0, meanValue(w), w.max() ?? 0))
    if let r = t.stage2 {
      lines.append("  stage 2: label assignment on \(r.labellingImages) images after \(r.afterImages) stage-1 images, per class \(r.neuronsPerClass.map(String.init).joined(separator: " ")), \(r.unassigned) unassigned, \(String(format: "%.1f", r.seconds)) s")
    } else {
      lines.append("  stage 2: label assignment, not trained")
    }
    if !t.history.isEmpty { lines.append("accuracy history (test, after each label assignment):") }
    for (i, r) in t.history.enumerated() {
      let acc = r.testAccuracy.map { String(format: "%.2f%% proportion weighting, %.2f%% all activity", 100 * $0.proportionWeighting, 100 * $0.allActivity) } ?? "not evaluated"
      lines.append("  \(i + 1). after \(r.afterImages) images, labels from \(r.labellingImages): \(r.testImages.map { "\($0) test images, " } ?? "")\(acc)")
    }
    return lines
  }

  /// Rate-coded stages keep no per-pass accuracy.
  public func learningCurve() -> LearningCurveData? { nil }

  public var featureLayers: [Int] { [1] }

  /// The excitatory neurons' input weights as `side × side` receptive fields, grouped by the
  /// class each neuron was labelled with (stage 2) when it has run (there is one layer:
  /// `layer` must be nil or 1).
  public func features(layer: Int?) throws -> FeatureSet {
    if let layer, layer != 1 { throw DiagnosticsError("--layer must be 1 for \(training.model) (it has one learned layer)") }
    let side = inputSide, n = spec.neurons
    var groups: [FeatureSet.Group] = []
    if let a = assignment {
      let names = classNames
      for c in 0..<a.classes {
        let members = (0..<n).filter { a.assignments[$0] == c }
        if !members.isEmpty { groups.append(.init(label: "\(c < names.count ? names[c] : "\(c)") (\(members.count))", tiles: members)) }
      }
      let none = (0..<n).filter { a.assignments[$0] < 0 }
      if !none.isEmpty { groups.append(.init(label: "none (\(none.count))", tiles: none)) }
    }
    return FeatureSet(
      title: "\(training.model), \(n) excitatory neurons: the receptive field of each"
        + (groups.isEmpty ? "" : ", grouped by the class it was labelled with (neuron count in brackets)"),
      caption: "Each tile is one neuron's \(spec.inputs) input weights as a \(side)×\(side) picture, scaled on its own "
        + "(black: its smallest weight, white: its largest).",
      key: (dark: "smallest weight", light: "largest"), tileWidth: side, tileHeight: side,
      tiles: (0..<n).map { .pixels(model.receptiveField($0)) }, groups: groups,
      summary: "the receptive fields of \(n) excitatory neurons (\(side)×\(side) pixels each, each scaled min → black, max → white)")
  }

  /// Training on one thread and inference on all cores (a copy trains: `self` is unchanged).
  public func benchmark(_ images: LabeledImages, options: BenchmarkOptions, source: String?,
                        progress: (String) -> Void) -> BenchmarkReport {
    guard options.rateTrainImages > 0 || options.rateTestImages > 0 else { return BenchmarkReport(text: "", rows: []) }
    let rows = model.benchmark(name: "diehlcook2015 N=\(spec.neurons)", images: images.images, trainImages: options.rateTrainImages,
                               testImages: options.rateTestImages, segments: options.segments, progress: progress)
    var lines = ["\nrate-coded: diehlcook2015 N=\(spec.neurons) (\(source ?? "untrained, seed 0")), \(spec.steps) steps per image; \(options.rateTrainImages) training, \(options.rateTestImages) inference images",
                 "| stage | ms/image | images/s |", "|---|---:|---:|"]
    for row in rows { lines.append(String(format: "| %@ | %.3f | %.1f |", row.name, row.msPerImage, row.imagesPerSecond)) }
    return BenchmarkReport(text: lines.joined(separator: "\n"), rows: rows)
  }
}
