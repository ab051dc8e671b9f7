/// What a spec must satisfy for gradient stages and average pooling to make sense (part of
/// ``ModelSpec/validate()``, so checked wherever a spec enters).
extension ModelSpec {
  /// The first problem of the spec's gradient and pooling settings, or nil.
  public var gradientProblem: SpecProblem? {
    for (l, layer) in layers.enumerated() {
      if let p = layer.inputPool, p.isAverage {
        if p.stride != p.size || p.padding != 0 {
          return SpecProblem("layers[\(l)].inputPool", "average pooling needs stride = size and no padding")
        }
        if layer.training.rule != .gradient {
          return SpecProblem("layers[\(l)].inputPool", "average pooling only feeds gradient-trained layers")
        }
      }
    }
    guard let span = gradientLayers else {
      if let l = layers.firstIndex(where: { $0.training.rule == .gradient }) {
        return SpecProblem("layers[\(l)].training.rule", "gradient layers must be the last layers")
      }
      return nil
    }
    if let l = layers[..<span.lowerBound].firstIndex(where: { $0.training.rule == .gradient }) {
      return SpecProblem("layers[\(l)].training.rule", "gradient layers must be the last layers (one run)")
    }
    guard case .decision = readout else { return SpecProblem("readout", "a gradient stage needs a decision readout") }
    for l in span where layers[l].threshold == nil {
      return SpecProblem("layers[\(l)].threshold", "a gradient layer needs a firing threshold")
    }
    let last = "layers[\(span.upperBound - 1)].training.gradient"
    guard let g = layers[span.upperBound - 1].training.gradient else {
      return SpecProblem(last, "the last gradient layer holds the stage's settings")
    }
    if g.batchSize < 1 { return SpecProblem(last + ".batchSize", "must be 1 or more") }
    if !(0..<1).contains(g.validationFraction) { return SpecProblem(last + ".validationFraction", "must be in [0, 1)") }
    if g.shift < 0 { return SpecProblem(last + ".shift", "must be 0 or more") }
    if g.backpropagateUpdatedWeights {
      // Tied (average-pooled) weights take their step only after folding: not looked ahead.
      for l in span.dropFirst() where layers[l].inputPool?.isAverage == true {
        return SpecProblem(last + ".backpropagateUpdatedWeights", "layers[\(l)] has average input pooling (tied weights)")
      }
    }
    return nil
  }
}
