/// Classifies the images users bring, for every model kind: normalises each one to the
/// training images' form (``InputNormalization`` with the model's ``DataProfile``), runs the
/// kind's ``ImageClassifier`` and turns its class scores into calibrated probabilities
/// (``ScoreCalibration``), with warnings for inputs unlike the training data.
public struct InputClassifier: Sendable {
  /// A top probability below this is reported as low confidence.
  public static let lowConfidence = 0.5

  public let profile: DataProfile
  public let calibration: ScoreCalibration?
  public let classNames: [String]
  let classifier: any ImageClassifier

  public init(classifier: any ImageClassifier, profile: DataProfile, calibration: ScoreCalibration?, classNames: [String]) {
    self.classifier = classifier
    self.profile = profile
    self.calibration = calibration
    self.classNames = classNames
  }

  /// Normalises and classifies one image.
  public func classify(_ input: GrayAlphaImage, mode: InputNormalization.Mode = .auto,
                       polarity: InputNormalization.Polarity = .auto) -> InputClassification {
    let normal = InputNormalization.apply(input, profile: profile, mode: mode, polarity: polarity)
    let d = classifier.classify(normal.image)
    let probabilities = calibration.map { $0.probabilities(d.scores) }
    var warnings = normal.warnings
    if d.label == nil {
      warnings.append("silent: no output neuron fired, so there is no answer")
    } else if let p = probabilities, let label = d.label, p[label] < Self.lowConfidence {
      warnings.append(String(format: "low confidence: %.2f for the top class", p[label]))
    }
    return InputClassification(label: d.label, className: d.label.map(name), margin: d.margin, scores: d.scores,
                               probabilities: probabilities, steps: normal.steps, warnings: warnings,
                               input: normal.image, extra: d.extra)
  }

  /// The name of class `index` (its number when the model has no names).
  public func name(_ index: Int) -> String { index < classNames.count ? classNames[index] : "\(index)" }
}

/// The answer for one image, with everything `classify` reports.
public struct InputClassification: Sendable {
  /// Class index and name, nil when silent.
  public var label: Int?
  public var className: String?
  /// The decision's margin on the model's own scale.
  public var margin: Double
  /// The model's class scores and, when it is calibrated, their probabilities.
  public var scores: [Double]
  public var probabilities: [Double]?
  /// What the normalisation did, and what looked wrong.
  public var steps: [String]
  public var warnings: [String]
  /// The image the network saw.
  public var input: GrayImage
  /// Kind-specific figures (e.g. `spikes`).
  public var extra: [String: Int]

  /// The `k` most probable classes, most probable first (ties: lower index first); by score
  /// when uncalibrated.
  public func top(_ k: Int) -> [(index: Int, probability: Double?)] {
    let values = probabilities ?? scores
    let order = values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
    var ranked = order
    if let label, let i = ranked.firstIndex(of: label) { ranked.remove(at: i); ranked.insert(label, at: 0) }
    return ranked.prefix(k).map { ($0, probabilities?[$0]) }
  }
}

extension Model {
  /// A classifier for the images users bring (see ``InputClassifier``), normalising to
  /// `profile` (``inputProfile()`` gives the model's own).
  public func inputClassifier(profile: DataProfile) -> InputClassifier {
    InputClassifier(classifier: classifier(), profile: profile, calibration: calibration, classNames: classNames)
  }

  /// What the training images looked like: the recorded profile; for a checkpoint written
  /// before profiles, measured from the recorded data set's training split (its first
  /// ``DataProfile/maxImages`` images) when it can be read, else the documented defaults (the
  /// MNIST framing for an MNIST model, a photograph set of the input size otherwise). A
  /// recorded profile without a slant (recorded before it was measured) takes MNIST's for an
  /// MNIST model and stays without one (no slant correction) otherwise. `note`
  /// says which, when it is not the recorded one.
  public func inputProfile() -> (profile: DataProfile, note: String?) {
    if var recorded = data.profile {
      // Profiles recorded before slants were measured: an MNIST model's is MNIST's.
      if recorded.slant == nil && data.kind == "mnist" && recorded.digitLike && recorded.width == 28 && recorded.height == 28 {
        recorded.slant = DataProfile.mnist.slant
      }
      return (recorded, nil)
    }
    let old = "the checkpoint records no training-data profile (written before FirstSpike measured one)"
    if let images = try? TrainingData.load(path: data.path, split: .train, trainFraction: data.trainFraction ?? 0.75,
                                           splitSeed: data.splitSeed ?? 0, limit: DataProfile.maxImages,
                                           verifyChecksums: false).images,
       let measured = DataProfile(measuring: images.images) {
      return (measured, "\(old); measured it on \(measured.images) training images of \(data.path)")
    }
    if data.kind == "mnist" && inputWidth == 28 && inputHeight == 28 {
      return (.mnist, "\(old) and \(data.path) cannot be read; using MNIST's framing (28×28, white ink on black, ink box 20)")
    }
    return (.photos(width: inputWidth, height: inputHeight),
            "\(old) and \(data.path) cannot be read; images are only resized to \(inputWidth)×\(inputHeight)")
  }
}
