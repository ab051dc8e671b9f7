import Foundation

/// What `inspect` shows of a single-spike model, and its learning curve.
extension SingleSpikeModel {
  public func inspection() -> [String] {
    var lines = [
      "model \(spec.name): input \(spec.inputWidth)×\(spec.inputHeight), \(spec.encoder.channels) encoder channels, T \(spec.encoder.timeSteps), classes \(spec.classNames.joined(separator: " "))",
      "seed \(training.seed); data \(training.data.kind) at \(training.data.path)\(training.data.splitSeed.map { ", split seed \($0)" } ?? "")",
      "stages finished: \(completedStages) of \(spec.stageCount)",
    ]
    for l in spec.layers.indices {
      if let g = spec.gradientLayers, g.contains(l) {
        if l == g.lowerBound { lines += gradientLines(g) }
      } else {
        lines += layerLines(l)
      }
    }
    if case .svm(_, let cost, let squared, _) = spec.readout {
      var line = "  stage \(spec.stageCount): linear SVM (C \(cost), \(squared ? "squared hinge" : "hinge"))"
      if let s = training.svm {
        line += s.finished ? ", finished" : ", interrupted"
        if let a = s.trainAccuracy { line += String(format: ", train %.2f%%", 100 * a) }
        if let a = s.testAccuracy { line += String(format: ", test %.2f%%", 100 * a) }
        line += String(format: ", %.0f s", s.seconds)
      } else { line += ", not trained" }
      lines.append(line)
    }
    return lines
  }

  /// Layer `l`'s stage: its geometry, progress, rates, weights and accuracy history.
  func layerLines(_ l: Int) -> [String] {
    let layer = spec.layers[l], w = weights[l]
    var line = "  stage \(l + 1): conv \(layer.inChannels)→\(layer.outChannels) k \(layer.kernel), θ \(layer.threshold.map { "\($0)" } ?? "none"), \(layer.training.rule.rawValue.uppercased())"
    guard let p = training[stage: l + 1] else {
      return [line + ", not trained", weightLine(l, w)]
    }
    line += ", \(p.passesDone)/\(p.passes) passes\(p.finished ? " (finished)" : ", at image \(p.position) of \(p.trainingImages)"), \(p.imagesSeen) images, \(String(format: "%.0f", p.seconds)) s"
    line += String(format: ", rates a+ %.5f a- %.5f", p.rates.first?.ltp ?? 0, p.rates.first?.ltd ?? 0)
    if layer.training.rule == .rstdp {
      line += String(format: ", punish %.5f/%.5f", p.punishRates.first?.ltp ?? 0, p.punishRates.first?.ltd ?? 0)
    }
    var lines = [line, weightLine(l, w)]
    for r in p.history where r.train != nil || r.testAccuracy != nil || r.validationAccuracy != nil {
      var h = "    pass \(r.pass):"
      if let t = r.train { h += String(format: " train %.2f%%", 100 * t.accuracy) }
      if let a = r.testAccuracy { h += String(format: " test %.2f%%", 100 * a) }
      if let a = r.validationAccuracy { h += String(format: " validation %.2f%%", 100 * a) }
      lines.append(h)
    }
    let heldOut = layer.training.validationFraction == nil ? "test" : "validation"
    if let b = p.bestTestAccuracy, let bp = p.bestPass { lines.append(String(format: "    best \(heldOut) accuracy %.2f%% after pass %d", 100 * b, bp)) }
    return lines
  }

  func weightLine(_ l: Int, _ w: ConvWeights) -> String {
    String(format: "    weights %d (mean %.4f)%@", w.count, meanValue(w.canonical()), bestWeights[l] != nil ? ", best-pass weights kept" : "")
  }

  /// The gradient stage of layers `span`: geometry, progress, optimiser, accuracy history.
  func gradientLines(_ span: Range<Int>) -> [String] {
    let stage = spec.stage(ofLayer: span.lowerBound)
    var line = "  stage \(stage): \(stageSummary(stage, passes: nil))"
    let p = training[stage: stage]
    if let p {
      line += ", \(p.passesDone)/\(p.passes) passes\(p.finished ? " (finished)" : ", at image \(p.position)"), \(p.imagesSeen) images, \(String(format: "%.0f", p.seconds)) s"
      if let g = p.gradient { line += ", \(g.updates) updates, rate \(g.rate)" }
    } else {
      line += ", not trained"
    }
    var lines = [line]
    for l in span {
      let layer = spec.layers[l]
      lines.append("    layer \(l + 1): conv \(layer.inChannels)→\(layer.outChannels) k \(layer.kernel), θ \(layer.threshold.map { "\($0)" } ?? "none")\(layer.inputPool.map { ", input pool \($0.isAverage ? "average" : "earliest") \($0.size)/\($0.stride)" } ?? "")")
      lines.append(weightLine(l, weights[l]))
    }
    for r in p?.history ?? [] {
      var h = "    pass \(r.pass):"
      if let l = r.loss { h += String(format: " loss %.4f", l) }
      if let t = r.train { h += String(format: " train %.2f%%", 100 * t.accuracy) }
      if let a = r.validationAccuracy { h += String(format: " validation %.2f%%", 100 * a) }
      h += String(format: " (%.1f s)", r.seconds)
      lines.append(h)
    }
    if let g = p?.gradient, let b = g.bestValidationAccuracy, let bp = g.bestPass {
      lines.append(String(format: "    best validation accuracy %.2f%% after pass %d (its weights are evaluated)", 100 * b, bp))
    }
    return lines
  }

  /// Train accuracy and test accuracy per pass (a gradient stage: validation accuracy).
  public func learningCurve() -> LearningCurveData? {
    guard let p = training.stages.compactMap({ $0 }).last(where: { $0.history.contains { $0.testAccuracy != nil || $0.train != nil } }) else {
      return nil
    }
    let layer = spec.layers[p.stage - 1]
    return LearningCurveData(
      stage: p.stage, passes: p.history.count,
      train: p.history.compactMap { r in r.train.map { (pass: r.pass, accuracy: $0.accuracy) } },
      test: p.history.compactMap { r in (r.testAccuracy ?? r.validationAccuracy).map { (pass: r.pass, accuracy: $0) } },
      model: spec.name,
      summary: curveSummary(p, layer: layer),
      bestPass: p.gradient?.bestPass ?? p.bestPass,
      heldOut: p.history.contains { $0.testAccuracy == nil && $0.validationAccuracy != nil } ? "validation" : "test")
  }

  /// The learning curve's subtitle: what the stage trains and how far it got.
  private func curveSummary(_ p: StageProgress, layer: LayerSpec) -> String {
    let run = "\(p.history.count) of \(p.passes) passes run"
    if case .gradient = spec.span(of: p.stage) {
      return "stage \(p.stage): \(stageSummary(p.stage, passes: nil)), \(run)"
    }
    return "stage \(p.stage): layer \(p.stage) (\(layer.inChannels)→\(layer.outChannels) features, "
      + "\(layer.kernel)×\(layer.kernel) kernel), \(layer.training.rule == .rstdp ? "R-STDP" : "STDP"), " + run
  }
}
