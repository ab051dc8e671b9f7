/// Stages of a single-spike model (``ModelSpec/stages``): one per STDP or R-STDP layer
/// (``LayerStageTrainer``), one for the trailing gradient layers together
/// (``GradientStageTrainer``), and for a model with an SVM readout one more that trains the SVM
/// on the frozen network's features (``SVMStageTrainer``). ``StageRunner`` drives them.
extension SingleSpikeModel {
  public var stageCount: Int { spec.stageCount }

  public func stageStatus(_ stage: Int) -> StageStatus? {
    guard (1...spec.stageCount).contains(stage) else { return nil }
    if case .svm = spec.span(of: stage) {
      guard let r = training.svm else { return nil }
      return StageStatus(trainingImages: r.trainingImages, finished: r.finished, location: "the SVM solver")
    }
    guard let p = training[stage: stage] else { return nil }
    return StageStatus(trainingImages: p.trainingImages, finished: p.finished,
                       location: "pass \(p.passesDone + 1), image \(p.position)")
  }

  public func stageSummary(_ stage: Int, passes: Int?) -> String {
    switch spec.span(of: stage) {
    case .svm:
      return "linear SVM readout"
    case .layer(let i):
      let l = spec.layers[i]
      return "layer \(i + 1) (\(l.inChannels)→\(l.outChannels), k \(l.kernel)), \(l.training.rule.rawValue.uppercased()), \(passes ?? l.training.passes) passes"
    case .gradient(let r):
      let sizes = ([spec.layers[r.lowerBound].inChannels] + r.map { spec.layers[$0].outChannels }).map(String.init)
      let t = spec.layers[r.upperBound - 1].training
      let names = r.count == 1 ? "layer \(r.lowerBound + 1)" : "layers \(r.lowerBound + 1)–\(r.upperBound)"
      return "\(names) (\(sizes.joined(separator: "→"))), gradient (\(t.gradient.map(Self.describe) ?? "?")), \(passes ?? t.passes) passes"
    }
  }

  /// "S4NN relative targets γ 3, SGD 0.2, batch 1".
  static func describe(_ g: GradientSpec) -> String {
    let loss: String
    switch g.loss {
    case .relativeTargets(let γ): loss = "S4NN relative targets γ \(γ)"
    case .softmax(let τ): loss = "softmax of −t/\(τ)"
    }
    let opt: String
    switch g.optimizer {
    case .sgd(let r): opt = "SGD \(r)"
    case .adam(let r, _, _, _): opt = "Adam \(r)"
    }
    return "\(loss), \(opt), batch \(g.batchSize)"
  }

  public func stageUsesTestSet(_ stage: Int, options: StageOptions) -> Bool {
    switch spec.span(of: stage) {
    case .svm: true
    case .layer(let l): spec.layers[l].training.rule == .rstdp && spec.layers[l].training.validationFraction == nil
    case .gradient: false
    }
  }

  /// Forgets stage `stage` and everything after it, and re-draws the initial weights of its
  /// layers and the later ones (the SVM stage forgets only the SVM).
  public mutating func restart(stage: Int) {
    if let first = spec.span(of: stage).layers.first {
      let initial = initialWeights(from: first)
      for l in first..<spec.layers.count {
        weights[l] = initial[l]!
        bestWeights[l] = nil
      }
      if training.stages.count >= stage { training.stages.removeSubrange((stage - 1)...) }
      gradientState = nil
    }
    svm = nil
    svmTrainer = nil
    training.svm = nil
  }

  /// Layer `i` trains on the encoder's and the earlier layers' output: the key holds the
  /// input size, the encoder and layers 1…`stage`, and the readout and class names once a
  /// stage reads them (an R-STDP layer rewards by class, the SVM reads the last layer).
  public func trainingKey(throughStage stage: Int) -> String {
    let layers = Array(spec.layers.prefix(stage))
    let readsClasses = stage > spec.layers.count || layers.contains { $0.training.rule == .rstdp }
    struct Key: Encodable {
      var inputWidth: Int, inputHeight: Int, encoder: EncoderSpec, layers: [LayerSpec]
      var readout: ReadoutSpec?, classNames: [String]?
    }
    return prettyJSON(Key(inputWidth: spec.inputWidth, inputHeight: spec.inputHeight, encoder: spec.encoder, layers: layers,
                          readout: readsClasses ? spec.readout : nil, classNames: readsClasses ? spec.classNames : nil))
  }

  public func trainer(stage: Int, data: LabeledImages, test: LabeledImages?, options: StageOptions,
                      resuming: Bool, report: (StageEvent) -> Void) throws -> SingleSpikeStageTrainer {
    if let problem = spec.readoutProblem { throw SpecFileError(path: "model '\(spec.name)'", reason: problem) }
    switch spec.span(of: stage) {
    case .svm:
      return .second(.first(try SVMStageTrainer(model: self, data: data, test: test, resuming: resuming, report: report)))
    case .layer:
      return .first(LayerStageTrainer(model: self, stage: stage, data: data, test: test, options: options,
                                      resuming: resuming, report: report))
    case .gradient(let span):
      return .second(.second(GradientStageTrainer(model: self, stage: stage, span: span, data: data, options: options,
                                                  resuming: resuming, report: report)))
    }
  }
}

/// The trainer of one stage of a single-spike model: a layer, the SVM readout, or the
/// gradient layers.
public typealias SingleSpikeStageTrainer =
  EitherStageTrainer<LayerStageTrainer, EitherStageTrainer<SVMStageTrainer, GradientStageTrainer>>

extension SingleSpikeModel {
  /// The validation images of the labelled stages (R-STDP with a validation split, gradient):
  /// every such split is a prefix of the same permutation (``validationSplit(_:fraction:)``),
  /// so the smallest fraction's images were held out of all of them. STDP stages learn without
  /// labels and may have seen them; an SVM stage or an R-STDP stage without a split saw them all.
  public func heldOutTrainingImages(of n: Int) -> (indices: [Int], description: String)? {
    var fractions: [Double] = []
    for stage in 1...spec.stageCount {
      let fraction: Double
      switch spec.span(of: stage) {
      case .svm: return nil
      case .layer(let l):
        let t = spec.layers[l].training
        guard t.rule == .rstdp else { continue }
        fraction = t.validationFraction ?? 0
      case .gradient(let r):
        fraction = spec.layers[r.upperBound - 1].training.gradient?.validationFraction ?? 0
      }
      guard stageStatus(stage)?.trainingImages == n else { return nil }
      fractions.append(fraction)
    }
    guard let f = fractions.min(), f > 0 else { return nil }
    return (validationSplit(n, fraction: f).validation, "validation images held out of the labelled stages")
  }
}
