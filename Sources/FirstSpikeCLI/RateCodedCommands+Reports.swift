import ArgumentParser
import FirstSpike
import Foundation

extension InspectCommand {
  /// Kind, model, spec, stages (passes, position, timing), accuracy history, tensors.
  func inspectRateCoded(_ file: String) throws {
    let archive = try CheckpointArchive.load(from: file)
    let c = try RateCodedCheckpoint.load(path: file)
    let s = c.spec, t = c.training, f = RateCodedCLI.format
    let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
    print("\(file): FirstSpike checkpoint, format version \(archive.formatVersion), \(size) bytes")
    print("kind \(CheckpointKind.rateCoded.rawValue): model \(t.model) (Diehl & Cook 2015), \(s.inputs) Poisson inputs"
          + " → \(s.neurons) excitatory LIF neurons (adaptive θ) ↔ \(s.neurons) inhibitory; classes \(t.data.classNames.joined(separator: " "))")
    print("spec: \(f(s.time)) ms per image at dt \(f(s.dt)) ms, \(f(s.intensity)) Hz for a 255 pixel"
          + " (+\(f(s.intensityStep)) Hz re-presentation below \(s.minSpikes) spikes, at most \(s.maxRetries) times),")
    print("  exc \(s.excWeight), inh \(s.inhWeight), STDP nu (\(s.stdp.nuPre), \(s.stdp.nuPost)), norm \(s.norm),"
          + " θ+ \(s.adaptation.thetaPlus) mV, τθ \(s.adaptation.tcDecay) ms, trace τ \(s.tcTrace) ms")
    print("seed \(t.seed); data \(t.data.kind) at \(t.data.path)\(t.data.splitSeed.map { ", split seed \($0)" } ?? "")")
    print("stages finished: \(c.completedStages) of \(RateCodedCheckpoint.stageCount)")
    var line = "  stage 1: unsupervised STDP"
    if let p = t.stage1 {
      let at = p.finished ? " (finished)" : ", at image \(p.position) of \(p.trainingImages)"
      line += ", \(p.passesDone)/\(p.passes) passes\(at), \(p.imagesSeen) images, \(String(format: "%.1f", p.seconds)) s"
    } else {
      line += ", not trained"
    }
    print(line)
    for r in t.stage1?.history ?? [] { print(String(format: "    pass %d: %.1f s", r.pass, r.seconds)) }
    let theta = c.model.theta, w = c.model.weights
    print(String(format: "    θ mean %.4f mV (max %.4f), weights mean %.4f (max %.4f)", mean(theta), theta.max() ?? 0, mean(w), w.max() ?? 0))
    if let r = t.stage2 {
      print("  stage 2: label assignment on \(r.labellingImages) images after \(r.afterImages) stage-1 images, per class \(r.neuronsPerClass.map(String.init).joined(separator: " ")), \(r.unassigned) unassigned, \(String(format: "%.1f", r.seconds)) s")
    } else {
      print("  stage 2: label assignment, not trained")
    }
    if !t.history.isEmpty { print("accuracy history (test, after each label assignment):") }
    for (i, r) in t.history.enumerated() {
      let acc = r.testAccuracy.map { String(format: "%.2f%% proportion weighting, %.2f%% all activity", 100 * $0.proportionWeighting, 100 * $0.allActivity) } ?? "not evaluated"
      print("  \(i + 1). after \(r.afterImages) images, labels from \(r.labellingImages): \(r.testImages.map { "\($0) test images, " } ?? "")\(acc)")
    }
    print("tensors:")
    for tensor in archive.tensors { print("  \(tensor)") }
  }
}

extension ClassifyCommand {
  /// One line (or JSON entry) per image, as the single-spike path; the margin is the
  /// proportion-weighting score of the winner minus the best other class's.
  func classifyRateCoded() throws {
    let c = try RateCodedCheckpoint.load(path: checkpoint)
    let labels = try RateCodedCLI.labels(c, path: checkpoint)
    let side = c.inputSide
    try report(names: c.training.data.classNames, width: side, height: side) { image in
      let r = c.classify(image, assignment: labels)
      return (r.label, Double(r.margin), ["spikes": r.spikes])
    }
  }
}

extension FeaturesCommand {
  /// The excitatory neurons' input weights as 28 × 28 receptive fields on one grid.
  func rateCodedFeatures() throws {
    let c = try RateCodedCheckpoint.load(path: checkpoint)
    let grid = c.model.receptiveFields(columns: columns)
    try grid.writePNG(to: out)
    let side = c.inputSide
    print("wrote the receptive fields of \(c.spec.neurons) excitatory neurons (\(side)×\(side) pixels each, each scaled min → black, max → white) to \(out) (\(grid.width)×\(grid.height))")
  }
}

extension BenchCommand {
  /// The rate-coded rows: diehlcook2015 training on one thread and inference on all cores,
  /// with `model` (a checkpoint's) or an untrained N = 100 network (seed 0).
  func benchRateCoded(_ set: LabeledImages, model: DiehlCook2015? = nil, name: String = "untrained, seed 0") {
    let m = model ?? RateCodedCheckpoint.initialModel(spec: .diehlCook2015(neurons: 100), seed: 0)
    guard rateTrainImages > 0 || rateTestImages > 0 else { return }
    let rows = m.benchmark(name: "diehlcook2015 N=\(m.spec.neurons)", images: set.images, trainImages: rateTrainImages,
                           testImages: rateTestImages, segments: segments) {
      FileHandle.standardError.write(Data("bench: \($0)…\n".utf8))
    }
    print("\nrate-coded: diehlcook2015 N=\(m.spec.neurons) (\(name)), \(m.spec.steps) steps per image; \(rateTrainImages) training, \(rateTestImages) inference images")
    print("| stage | ms/image | images/s |")
    print("|---|---:|---:|")
    for row in rows { print(String(format: "| %@ | %.3f | %.1f |", row.name, row.msPerImage, row.imagesPerSecond)) }
  }
}

func mean(_ v: [Float]) -> Double { v.isEmpty ? 0 : v.reduce(0.0) { $0 + Double($1) } / Double(v.count) }
