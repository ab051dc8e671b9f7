import Foundation

/// What `inspect` shows of a single-spike model, and its learning curve.
extension SingleSpikeModel {
  public func inspection() -> [String] {
    var lines = [
      "model \(spec.name): input \(spec.inputWidth)×\(spec.inputHeight), \(spec.encoder.channels) encoder channels, T \(spec.encoder.timeSteps), classes \(spec.classNames.joined(separator: " "))",
      "seed \(training.seed); data \(training.data.kind) at \(training.data.path)\(training.data.splitSeed.map { ", split seed \($0)" } ?? "")",
      "stages finished: \(completedStages) of \(spec.stageCount)",
    ]
    for l in spec.layers.indices { lines += layerLines(l) }
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
    for r in p.history where r.train != nil || r.testAccuracy != nil {
      var h = "    pass \(r.pass):"
      if let t = r.train { h += String(format: " train %.2f%%", 100 * t.accuracy) }
      if let a = r.testAccuracy { h += String(format: " test %.2f%%", 100 * a) }
      lines.append(h)
    }
    if let b = p.bestTestAccuracy, let bp = p.bestPass { lines.append(String(format: "    best test accuracy %.2f%% after pass %d", 100 * b, bp)) }
    return lines
  }

  func weightLine(_ l: Int, _ w: ConvWeights) -> String {
    String(format: "    weights %d (mean %.4f)%@", w.count, meanValue(w.canonical()), bestWeights[l] != nil ? ", best-pass weights kept" : "")
  }

  public func learningCurve() -> LearningCurveData? {
    guard let p = training.stages.compactMap({ $0 }).last(where: { $0.history.contains { $0.testAccuracy != nil || $0.train != nil } }) else {
      return nil
    }
    let layer = spec.layers[p.stage - 1]
    return LearningCurveData(
      stage: p.stage, passes: p.history.count,
      train: p.history.compactMap { r in r.train.map { (pass: r.pass, accuracy: $0.accuracy) } },
      test: p.history.compactMap { r in r.testAccuracy.map { (pass: r.pass, accuracy: $0) } },
      model: spec.name,
      summary: "stage \(p.stage): layer \(p.stage) (\(layer.inChannels)→\(layer.outChannels) features, "
        + "\(layer.kernel)×\(layer.kernel) kernel), \(layer.training.rule == .rstdp ? "R-STDP" : "STDP"), "
        + "\(p.history.count) of \(p.passes) passes run",
      bestPass: p.bestPass)
  }
}
