/// What a spec must satisfy for the stages it declares to make sense (checked when a spec
/// file or a checkpoint is read, and for every built-in model with its overrides).
extension ModelSpec {
  /// The first problem of the spec's gradient and pooling settings, or nil.
  public var structureProblem: String? {
    for (l, layer) in layers.enumerated() {
      if let p = layer.inputPool, p.isAverage {
        if p.stride != p.size || p.padding != 0 {
          return "layers[\(l)].inputPool: average pooling needs stride = size and no padding"
        }
        if layer.training.rule != .gradient {
          return "layers[\(l)].inputPool: average pooling only feeds gradient-trained layers"
        }
      }
    }
    guard let span = gradientLayers else {
      if let l = layers.firstIndex(where: { $0.training.rule == .gradient }) {
        return "layers[\(l)].training.rule: gradient layers must be the last layers"
      }
      return nil
    }
    if let l = layers[..<span.lowerBound].firstIndex(where: { $0.training.rule == .gradient }) {
      return "layers[\(l)].training.rule: gradient layers must be the last layers (one run)"
    }
    guard case .decision = readout else { return "readout: a gradient stage needs a decision readout" }
    for l in span where layers[l].threshold == nil {
      return "layers[\(l)].threshold: a gradient layer needs a firing threshold"
    }
    guard let g = layers[span.upperBound - 1].training.gradient else {
      return "layers[\(span.upperBound - 1)].training.gradient: the last gradient layer holds the stage's settings"
    }
    if g.batchSize < 1 { return "layers[\(span.upperBound - 1)].training.gradient.batchSize: must be 1 or more" }
    if !(0..<1).contains(g.validationFraction) {
      return "layers[\(span.upperBound - 1)].training.gradient.validationFraction: must be in [0, 1)"
    }
    if g.shift < 0 { return "layers[\(span.upperBound - 1)].training.gradient.shift: must be 0 or more" }
    return nil
  }
}
