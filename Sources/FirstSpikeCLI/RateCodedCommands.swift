import ArgumentParser
import FirstSpike
import Foundation

/// The rate-coded (Diehl & Cook 2015) side of the commands. Each command branches here early
/// when its checkpoint is rate-coded (``CheckpointKind``), or for `train --model diehlcook2015`;
/// the rest of each command is the single-spike path. Inspect, classify, features and bench
/// are in `RateCodedCommands+Reports.swift`.
enum RateCodedCLI {
  /// Whether `path` holds a rate-coded checkpoint. A missing or damaged file throws the same
  /// one-line error the single-spike path would.
  static func isCheckpoint(_ path: String) throws -> Bool {
    try CheckpointKind.of(path: path) == .rateCoded
  }

  /// The checkpoint's neuron labels, or a one-line error when stage 2 has not run.
  static func labels(_ c: RateCodedCheckpoint, path: String) throws -> NeuronAssignment {
    guard let a = c.assignment else {
      throw Failure(path: path, reason: "stage 2 (label assignment) is not trained yet; run firstspike train --stage 2 --checkpoint \(path)")
    }
    return a
  }

  /// A one-line error about a checkpoint, `"<path>: <reason>"`.
  struct Failure: FirstSpikeError {
    let path: String, reason: String
    var description: String { "\(path): \(reason)" }
  }

  /// "diehlcook2015 (100 excitatory + 100 inhibitory neurons, 250 ms per image)".
  static func title(_ c: RateCodedCheckpoint) -> String {
    let s = c.spec
    return "\(c.training.model) (\(s.neurons) excitatory + \(s.neurons) inhibitory neurons, \(format(s.time)) ms per image)"
  }

  static func format(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
}

extension TrainCommand {
  /// `--model diehlcook2015`, or an existing rate-coded checkpoint.
  func trainsRateCoded() throws -> Bool {
    if model == RateCodedCheckpoint.modelName { return true }
    guard FileManager.default.fileExists(atPath: checkpoint) else { return false }
    return try RateCodedCLI.isCheckpoint(checkpoint)
  }

  /// Stage 1 (unsupervised STDP) or stage 2 (label assignment) of a rate-coded model.
  func runRateCoded() throws {
    if spec != nil { throw ValidationError("--spec is for single-spike models; diehlcook2015 takes --neurons and --time") }
    Interrupt.install()
    let existing = try openRateCoded()
    let (train, record) = try dataOptions.load(.train, record: existing?.training.data, limit: limit)
    var state = try existing ?? newRateCoded(record: record)
    let test = stage == 2 && evalEvery > 0 ? try? dataOptions.load(.test, record: state.training.data, limit: testLimit).0 : nil
    let what = stage == 1 ? "unsupervised STDP, \(epochs ?? state.training.stage1?.passes ?? 1) passes" : "label assignment"
    print("\(RateCodedCLI.title(state)): stage \(stage) of 2, \(what); \(train.count) training images\(test.map { ", \($0.count) test images" } ?? ""), seed \(state.training.seed)")
    let printer = RateCodedProgressPrinter(images: train.count)
    var polls = 0
    let finished = try state.train(
      stage: stage, data: train, test: test, path: checkpoint, resume: resume, passes: epochs, saveEvery: saveEvery,
      shouldStop: {
        polls += 1
        return Interrupt.requested || stopAfter.map { polls > $0 } ?? false
      }, report: printer.handle)
    printer.finish()
    if finished {
      print("stage \(stage) finished; checkpoint \(checkpoint)")
      return
    }
    if stage == 2 {
      print("stage 2 interrupted; nothing was saved (it is one step: run it again)")
    } else {
      let p = state.training.stage1
      print("interrupted at pass \((p?.passesDone ?? 0) + 1), image \(p?.position ?? 0); checkpoint saved to \(checkpoint)")
      print("resume with: firstspike train --data \(state.training.data.path) --stage 1 --checkpoint \(checkpoint)\(limit.map { " --limit \($0)" } ?? "") --resume")
    }
    throw ExitCode(130)
  }

  func openRateCoded() throws -> RateCodedCheckpoint? {
    guard FileManager.default.fileExists(atPath: checkpoint) else {
      if resume { throw StageError.nothingToResume(path: checkpoint, stage: stage) }
      return nil
    }
    let c = try RateCodedCheckpoint.load(path: checkpoint)
    if let model, model != c.training.model {
      throw StageError.modelMismatch(path: checkpoint, inFile: c.training.model, requested: model)
    }
    func mismatch(_ asked: String) -> StageError {
      .modelMismatch(path: checkpoint, inFile: RateCodedCLI.title(c), requested: "\(c.training.model) (\(asked))")
    }
    if let n = neurons, n != c.spec.neurons { throw mismatch("\(n) neurons") }
    if let t = time, t != c.spec.time { throw mismatch("\(RateCodedCLI.format(t)) ms per image") }
    return c
  }

  func newRateCoded(record: DataRecord) throws -> RateCodedCheckpoint {
    var spec = DiehlCook2015Spec.diehlCook2015(neurons: neurons ?? 100)
    if let time { spec.time = time }
    if let problem = spec.problem { throw ValidationError("diehlcook2015: \(problem)") }
    return RateCodedCheckpoint(spec: spec, seed: seed, data: record)
  }
}

extension EvaluateCommand {
  /// Both classifiers' accuracy, confusion (proportion weighting), activity and energy.
  func runRateCoded() throws {
    guard let s = TrainingData.Split(rawValue: split) else { throw ValidationError("--split must be train or test") }
    let c = try RateCodedCheckpoint.load(path: checkpoint)
    let labels = try RateCodedCLI.labels(c, path: checkpoint)
    let (data, _) = try dataOptions.load(s, record: c.training.data, limit: limit)
    let start = ContinuousClock.now
    let e = c.evaluate(data, assignment: labels)
    let elapsed = seconds(ContinuousClock.now - start)
    if json {
      print(rateCodedJSON(e, c, seconds: elapsed))
      return
    }
    let (pw, aa) = (e.proportionWeighting, e.allActivity)
    print("\(RateCodedCLI.title(c)) on \(pw.images) \(split) images (\(String(format: "%.1f", elapsed)) s, \(defaultThreadCount) threads)")
    for (name, r) in [("proportion weighting", pw), ("all activity", aa)] {
      print(String(format: "accuracy %.2f%% by %@  (%d correct, %d wrong, %d silent; silent counts as wrong)",
                   100 * r.accuracy, name, r.correct, r.images - r.correct - r.silent, r.silent))
    }
    let names = c.training.data.classNames
    let width = max(5, (names.map(\.count).max() ?? 1) + 1)
    print("\nconfusion, proportion weighting (rows = true class, columns = predicted):")
    print(pad("", width) + names.map { pad($0, width) }.joined())
    for (i, row) in pw.confusion.enumerated() {
      print(pad(i < names.count ? names[i] : "\(i)", width) + row.map { pad("\($0)", width) }.joined())
    }
    let sp = pw.spikesPerImage, ev = pw.synapticEventsPerImage
    print(String(format: "\nactivity per image: %.0f input (Poisson) spikes, %.0f excitatory, %.0f inhibitory", sp[0], sp[1], sp[2]))
    print(String(format: "synaptic events per image: input→excitatory %.0f, excitatory→inhibitory %.0f, inhibitory→excitatory %.0f", ev[0], ev[1], ev[2]))
    let energy = pw.energyPicojoules
    print(String(format: "\nenergy estimate per image (45 nm figures: 0.9 pJ per synaptic accumulate, 4.6 pJ per MAC of the same network run densely every step):\n  SNN %.1f nJ, dense %.1f nJ (%.1fx)",
                 energy.snn / 1e3, energy.ann / 1e3, energy.snn > 0 ? energy.ann / energy.snn : 0))
  }

  func rateCodedJSON(_ e: DiehlCook2015Evaluation, _ c: RateCodedCheckpoint, seconds: Double) -> String {
    let (pw, aa) = (e.proportionWeighting, e.allActivity), energy = pw.energyPicojoules
    let object: [String: Any] = [
      "model": c.training.model, "kind": CheckpointKind.rateCoded.rawValue, "neurons": c.spec.neurons,
      "checkpoint": checkpoint, "split": split, "images": pw.images,
      "accuracy": pw.accuracy, "accuracy_method": "proportion weighting",
      "accuracy_proportion_weighting": pw.accuracy, "accuracy_all_activity": aa.accuracy,
      "silent": pw.silentRate, "silent_all_activity": aa.silentRate, "correct": pw.correct,
      "confusion": pw.confusion, "confusion_all_activity": aa.confusion, "class_names": c.training.data.classNames,
      "spikes_per_image": pw.spikesPerImage, "spikes_layers": ["input", "excitatory", "inhibitory"],
      "synaptic_events_per_image": pw.synapticEventsPerImage,
      "synaptic_events_layers": ["input→excitatory", "excitatory→inhibitory", "inhibitory→excitatory"],
      "energy_pj_per_image": ["snn": energy.snn, "ann": energy.ann],
      "energy_note": "45 nm figures: 0.9 pJ per synaptic accumulate (SNN), 4.6 pJ per multiply-accumulate (the same connections evaluated densely every step)",
      "seconds": seconds,
    ]
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }
}
