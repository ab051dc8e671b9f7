import Foundation

/// A rate-coded model's accuracy under both of Diehl & Cook's classifiers, confusion
/// (proportion weighting), activity and energy on one split.
public struct RateCodedEvaluation: ModelEvaluation {
  public var title: String
  public var name: String
  public var size: RateCodedSize
  public var classNames: [String]
  public var result: DiehlCook2015Evaluation

  public init(title: String, name: String, network: DiehlCook2015, classNames: [String], result: DiehlCook2015Evaluation) {
    self.title = title
    self.name = name
    self.size = RateCodedSize(network.spec)
    self.classNames = classNames
    self.result = result
  }

  public var neurons: Int { size.neurons }

  /// Proportion weighting, the headline classifier.
  public var accuracy: Double { result.proportionWeighting.accuracy }
  public var images: Int { result.proportionWeighting.images }
  public var predictions: [Int] { result.proportionWeighting.predictions }
  public var method: String? { "proportion weighting" }

  public func text(_ c: EvaluationContext) -> String {
    let (pw, aa) = (result.proportionWeighting, result.allActivity)
    var lines = ["\(title) on \(pw.images) \(c.split) images (\(String(format: "%.1f", c.seconds)) s, \(c.threads) threads)"]
    for (method, r) in [("proportion weighting", pw), ("all activity", aa)] {
      lines.append(String(format: "accuracy %.2f%% by %@  (%d correct, %d wrong, %d silent; silent counts as wrong)",
                          100 * r.accuracy, method, r.correct, r.images - r.correct - r.silent, r.silent))
    }
    lines += ["", "confusion, proportion weighting (rows = true class, columns = predicted):"]
    lines += confusionTable(pw.confusion, classNames: classNames)
    let sp = pw.spikesPerImage, ev = pw.synapticEventsPerImage, energy = pw.energyPicojoules
    lines.append(String(format: "\nactivity per image: %.0f input (Poisson) spikes, %.0f excitatory, %.0f inhibitory", sp[0], sp[1], sp[2]))
    lines.append(String(format: "synaptic events per image: input→excitatory %.0f, excitatory→inhibitory %.0f, inhibitory→excitatory %.0f", ev[0], ev[1], ev[2]))
    lines.append(String(format: "\nenergy estimate per image (45 nm figures: 0.9 pJ per synaptic accumulate, 4.6 pJ per MAC of the same network run densely every step):\n  SNN %.1f nJ, dense %.1f nJ (%.1fx)",
                        energy.snn / 1e3, energy.ann / 1e3, energy.snn > 0 ? energy.ann / energy.snn : 0))
    return lines.joined(separator: "\n")
  }

  public func json(_ c: EvaluationContext) -> [String: Any] {
    let (pw, aa) = (result.proportionWeighting, result.allActivity), energy = pw.energyPicojoules
    return [
      "model": name, "kind": ModelKind.rateCoded.rawValue, "neurons": neurons,
      "checkpoint": c.checkpoint, "split": c.split, "images": pw.images,
      "accuracy": pw.accuracy, "accuracy_method": "proportion weighting",
      "accuracy_proportion_weighting": pw.accuracy, "accuracy_all_activity": aa.accuracy,
      "silent": pw.silentRate, "silent_all_activity": aa.silentRate, "correct": pw.correct,
      "confusion": pw.confusion, "confusion_all_activity": aa.confusion, "class_names": classNames,
      "spikes_per_image": pw.spikesPerImage, "spikes_layers": ["input", "excitatory", "inhibitory"],
      "synaptic_events_per_image": pw.synapticEventsPerImage,
      "synaptic_events_layers": ["input→excitatory", "excitatory→inhibitory", "inhibitory→excitatory"],
      "energy_pj_per_image": ["snn": energy.snn, "ann": energy.ann],
      "energy_note": "45 nm figures: 0.9 pJ per synaptic accumulate (SNN), 4.6 pJ per multiply-accumulate (the same connections evaluated densely every step)",
      "seconds": c.seconds,
    ]
  }

  public mutating func add(_ other: RateCodedEvaluation) throws(TallyMismatch) {
    guard other.title == title, other.name == name, other.size == size, other.classNames == classNames else {
      throw TallyMismatch(reason: "the parts were evaluated by different models ('\(title)' and '\(other.title)')")
    }
    var (pw, aa) = (result.proportionWeighting.tally, result.allActivity.tally)
    try pw.add(other.result.proportionWeighting.tally)
    try aa.add(other.result.allActivity.tally)
    result = Self.result(proportionWeighting: pw, allActivity: aa, size: size)
  }

  static func result(proportionWeighting pw: EvaluationTally, allActivity aa: EvaluationTally, size: RateCodedSize) -> DiehlCook2015Evaluation {
    DiehlCook2015Evaluation(allActivity: DiehlCook2015.report(aa, size: size),
                            proportionWeighting: DiehlCook2015.report(pw, size: size))
  }

  enum CodingKeys: String, CodingKey {
    case title, name, size, classNames = "class_names", proportionWeighting = "proportion_weighting", allActivity = "all_activity"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    title = try c.decode(String.self, forKey: .title)
    name = try c.decode(String.self, forKey: .name)
    size = try c.decode(RateCodedSize.self, forKey: .size)
    classNames = try c.decode([String].self, forKey: .classNames)
    let pw = try c.decode(EvaluationTally.self, forKey: .proportionWeighting)
    let aa = try c.decode(EvaluationTally.self, forKey: .allActivity)
    for t in [pw, aa] where !t.isConsistent || t.spikes.count != 3 || !t.events.isEmpty {
      throw DecodingError.dataCorruptedError(forKey: .proportionWeighting, in: c, debugDescription: "the counts of a rate-coded evaluation do not add up")
    }
    guard pw.images == aa.images, pw.spikes == aa.spikes, size.neurons >= 1, size.inputs >= 1, size.steps >= 0 else {
      throw DecodingError.dataCorruptedError(forKey: .allActivity, in: c, debugDescription: "the two classifiers' counts are of different images")
    }
    result = Self.result(proportionWeighting: pw, allActivity: aa, size: size)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(title, forKey: .title)
    try c.encode(name, forKey: .name)
    try c.encode(size, forKey: .size)
    try c.encode(classNames, forKey: .classNames)
    try c.encode(result.proportionWeighting.tally, forKey: .proportionWeighting)
    try c.encode(result.allActivity.tally, forKey: .allActivity)
  }
}
