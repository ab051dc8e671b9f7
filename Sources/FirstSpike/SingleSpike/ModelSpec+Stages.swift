/// How a model's layers divide into training stages.
extension ModelSpec {
  /// Number of training stages: one per layer (the trailing `.gradient` layers share one),
  /// plus one for an SVM readout.
  public var stageCount: Int { stages.count }

  /// What each stage trains, in order.
  public var stages: [StageSpan] {
    let g = gradientLayers
    var out = (0..<(g?.lowerBound ?? layers.count)).map(StageSpan.layer)
    if let g { out.append(.gradient(g)) }
    if case .svm = readout { out.append(.svm) }
    return out
  }

  /// The trailing run of layers trained by gradient (nil: none).
  public var gradientLayers: Range<Int>? {
    var first = layers.count
    while first > 0, layers[first - 1].training.rule == .gradient { first -= 1 }
    return first < layers.count ? first..<layers.count : nil
  }

  /// What stage `stage` (1-based) trains.
  public func span(of stage: Int) -> StageSpan { stages[stage - 1] }

  /// The stage that trains layer `l` (0-based), 1-based.
  public func stage(ofLayer l: Int) -> Int {
    if let g = gradientLayers, l >= g.lowerBound { return g.lowerBound + 1 }
    return l + 1
  }
}

/// What one stage of a single-spike model trains.
public enum StageSpan: Sendable, Equatable {
  /// One layer (0-based) by STDP or R-STDP.
  case layer(Int)
  /// The trailing layers (0-based range) jointly, by gradient.
  case gradient(Range<Int>)
  /// The linear SVM readout.
  case svm

  /// The layers the stage changes.
  public var layers: Range<Int> {
    switch self {
    case .layer(let l): l..<(l + 1)
    case .gradient(let r): r
    case .svm: 0..<0
    }
  }
}

