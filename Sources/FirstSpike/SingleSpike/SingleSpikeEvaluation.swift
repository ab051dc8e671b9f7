import Foundation

/// A single-spike model's accuracy, confusion, activity and energy on one split.
public struct SingleSpikeEvaluation: ModelEvaluation {
  public var model: String
  public var classNames: [String]
  public var report: EvaluationReport

  public init(model: String, classNames: [String], report: EvaluationReport) {
    self.model = model
    self.classNames = classNames
    self.report = report
  }

  public var accuracy: Double { report.accuracy }
  public var images: Int { report.images }
  public var predictions: [Int] { report.predictions }
  public var method: String? { nil }

  public func text(_ c: EvaluationContext) -> String {
    let r = report
    var lines = [
      "\(model) on \(r.images) \(c.split) images (\(String(format: "%.1f", c.seconds)) s, \(c.threads) threads)",
      String(format: "accuracy %.2f%%  (%d correct, %d wrong, %d silent; silent counts as wrong)",
             100 * r.accuracy, r.correct, r.images - r.correct - r.silent, r.silent),
      String(format: "silent rate %.2f%%", 100 * r.silentRate),
      "", "confusion (rows = true class, columns = predicted):",
    ]
    lines += confusionTable(r.confusion, classNames: classNames)
    lines += ["", "activity per image:", String(format: "  encoder output spikes %.0f", r.spikesPerImage.first ?? 0)]
    for l in r.synapticEventsPerImage.indices {
      lines.append(String(format: "  layer %d: %.0f spikes, %.0f synaptic events", l + 1, r.spikesPerImage[l + 1], r.synapticEventsPerImage[l]))
    }
    let e = r.energyPicojoules
    lines.append(String(format: "\nenergy estimate per image (45 nm figures: 0.9 pJ per synaptic accumulate, 4.6 pJ per MAC):\n  SNN %.1f µJ, equivalent dense ANN %.1f µJ (%.1fx)",
                        e.snn / 1e6, e.ann / 1e6, e.snn > 0 ? e.ann / e.snn : 0))
    return lines.joined(separator: "\n")
  }

  public func json(_ c: EvaluationContext) -> [String: Any] {
    let r = report, e = r.energyPicojoules
    return [
      "model": model, "checkpoint": c.checkpoint, "split": c.split, "images": r.images,
      "accuracy": r.accuracy, "silent": r.silentRate, "correct": r.correct,
      "confusion": r.confusion, "class_names": classNames,
      "spikes_per_image": r.spikesPerImage,
      "spikes_layers": ["encoder"] + r.synapticEventsPerImage.indices.map { "layer \($0 + 1)" },
      "synaptic_events_per_image": r.synapticEventsPerImage,
      "synaptic_events_layers": r.synapticEventsPerImage.indices.map { "layer \($0 + 1)" },
      "energy_pj_per_image": ["snn": e.snn, "ann": e.ann],
      "energy_note": "45 nm figures: 0.9 pJ per synaptic accumulate (SNN), 4.6 pJ per multiply-accumulate (equivalent dense ANN)",
      "seconds": c.seconds,
    ]
  }

  public mutating func add(_ other: SingleSpikeEvaluation) throws(TallyMismatch) {
    guard other.model == model, other.classNames == classNames, other.report.denseMACsPerImage == report.denseMACsPerImage else {
      throw TallyMismatch(reason: "the parts were evaluated by different models ('\(model)' and '\(other.model)')")
    }
    var tally = report.tally
    try tally.add(other.report.tally)
    report = EvaluationReport(tally: tally, denseMACsPerImage: report.denseMACsPerImage)
  }

  enum CodingKeys: String, CodingKey {
    case model, classNames = "class_names", denseMACsPerImage = "dense_macs_per_image", tally
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    model = try c.decode(String.self, forKey: .model)
    classNames = try c.decode([String].self, forKey: .classNames)
    let tally = try c.decode(EvaluationTally.self, forKey: .tally)
    let dense = try c.decode(Double.self, forKey: .denseMACsPerImage)
    guard tally.isConsistent, tally.spikes.count == tally.events.count + 1, dense.isFinite, dense >= 0 else {
      throw DecodingError.dataCorruptedError(forKey: .tally, in: c, debugDescription: "the counts of the evaluation do not add up")
    }
    report = EvaluationReport(tally: tally, denseMACsPerImage: dense)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(model, forKey: .model)
    try c.encode(classNames, forKey: .classNames)
    try c.encode(report.denseMACsPerImage, forKey: .denseMACsPerImage)
    try c.encode(report.tally, forKey: .tally)
  }
}
