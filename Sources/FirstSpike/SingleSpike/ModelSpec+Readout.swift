extension ModelSpec {
  /// Why this spec's readout cannot decide between its classes, as one line, or nil: a
  /// decision readout maps feature `f` of the last layer to class `f / featuresPerClass`, so
  /// the last layer must have exactly `classes × featuresPerClass` channels (more would invent
  /// classes beyond the data's, fewer would leave classes that can never win). Nil while the
  /// spec has no class names yet (they come from the training data).
  public var readoutProblem: String? {
    guard case .decision(let perClass) = readout, let last = layers.last else { return nil }
    if perClass < 1 { return "the decision readout needs featuresPerClass ≥ 1, not \(perClass)" }
    let classes = classNames.count, wanted = classes * perClass
    guard classes > 0, last.outChannels != wanted else { return nil }
    return "the decision layer (layer \(layers.count)) has \(last.outChannels) channels, but \(classes) classes × "
      + "\(perClass) features per class need exactly \(wanted) (set layers[\(layers.count - 1)].outChannels to \(wanted), "
      + "or readout featuresPerClass to match)"
  }
}
