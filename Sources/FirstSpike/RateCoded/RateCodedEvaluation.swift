import Foundation

/// A rate-coded model's accuracy under both of Diehl & Cook's classifiers, confusion
/// (proportion weighting), activity and energy on one split.
public struct RateCodedEvaluation: ModelEvaluation {
  public var title: String
  public var name: String
  public var neurons: Int
  public var classNames: [String]
  public var result: DiehlCook2015Evaluation

  /// Proportion weighting, the headline classifier.
  public var accuracy: Double { result.proportionWeighting.accuracy }
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
}
