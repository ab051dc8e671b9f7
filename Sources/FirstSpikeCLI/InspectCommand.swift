import ArgumentParser
import FirstSpike
import Foundation

struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Describe a checkpoint: model, stages, passes, accuracy history, rates, sizes.",
    discussion: """
      Example:
        firstspike inspect checkpoints/mozafari2019.fspk
        firstspike inspect --spec mozafari2019 > my-model.json   (a spec to edit and train with --spec)
        firstspike inspect --spec mozafari2019 --preset paper    (the published settings)
      """)

  @Argument(help: "Checkpoint file.") var file: String?
  @Option(help: "Print the JSON spec of a built-in model or of the checkpoint (use with --spec to train a custom model).")
  var spec: String?
  @Option(help: "With --spec MODEL: improved (FirstSpike's defaults) or paper (the published settings).")
  var preset: ModelSpec.PresetVariant = .improved
  @Option(help: "Also draw the accuracy per pass of the R-STDP stage (train blue, test red) into this PNG.")
  var plot: String?

  func run() throws {
    if let spec {
      if let preset = ModelSpec.preset(spec, variant: preset) { print(SpecFile.json(preset)); return }
      print(SpecFile.json(try ModelCheckpoint.load(path: spec).spec))
      return
    }
    guard let file else { throw ValidationError("give a checkpoint file (or --spec MODEL)") }
    if try RateCodedCLI.isCheckpoint(file) { return try inspectRateCoded(file) }
    let archive = try CheckpointArchive.load(from: file)
    let c = try ModelCheckpoint.load(path: file)
    let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
    print("\(file): FirstSpike checkpoint, format version \(archive.formatVersion), \(size) bytes")
    print("model \(c.spec.name): input \(c.spec.inputWidth)×\(c.spec.inputHeight), \(c.spec.encoder.channels) encoder channels, T \(c.spec.encoder.timeSteps), classes \(c.spec.classNames.joined(separator: " "))")
    print("seed \(c.training.seed); data \(c.training.data.kind) at \(c.training.data.path)\(c.training.data.splitSeed.map { ", split seed \($0)" } ?? "")")
    print("stages finished: \(c.completedStages) of \(c.spec.stageCount)")
    for (l, layer) in c.spec.layers.enumerated() {
      let w = c.weights[l]
      var line = "  stage \(l + 1): conv \(layer.inChannels)→\(layer.outChannels) k \(layer.kernel), θ \(layer.threshold.map { "\($0)" } ?? "none"), \(layer.training.rule.rawValue.uppercased())"
      if let p = c.training[stage: l + 1] {
        line += ", \(p.passesDone)/\(p.passes) passes\(p.finished ? " (finished)" : ", at image \(p.position) of \(p.trainingImages)"), \(p.imagesSeen) images, \(String(format: "%.0f", p.seconds)) s"
        line += String(format: ", rates a+ %.5f a- %.5f", p.rates.first?.ltp ?? 0, p.rates.first?.ltd ?? 0)
        if layer.training.rule == .rstdp {
          line += String(format: ", punish %.5f/%.5f", p.punishRates.first?.ltp ?? 0, p.punishRates.first?.ltd ?? 0)
        }
      } else {
        line += ", not trained"
      }
      print(line)
      print(String(format: "    weights %d (mean %.4f)%@", w.count, mean(w.canonical()), c.bestWeights[l] != nil ? ", best-pass weights kept" : ""))
      if let p = c.training[stage: l + 1] {
        for r in p.history where r.train != nil || r.testAccuracy != nil {
          var h = "    pass \(r.pass):"
          if let t = r.train { h += String(format: " train %.2f%%", 100 * t.accuracy) }
          if let a = r.testAccuracy { h += String(format: " test %.2f%%", 100 * a) }
          print(h)
        }
        if let b = p.bestTestAccuracy, let bp = p.bestPass { print(String(format: "    best test accuracy %.2f%% after pass %d", 100 * b, bp)) }
      }
    }
    if case .svm(_, let cost, let sq, _) = c.spec.readout {
      var line = "  stage \(c.spec.stageCount): linear SVM (C \(cost), \(sq ? "squared hinge" : "hinge"))"
      if let s = c.training.svm {
        line += s.finished ? ", finished" : ", interrupted"
        if let a = s.trainAccuracy { line += String(format: ", train %.2f%%", 100 * a) }
        if let a = s.testAccuracy { line += String(format: ", test %.2f%%", 100 * a) }
        line += String(format: ", %.0f s", s.seconds)
      } else { line += ", not trained" }
      print(line)
    }
    if let plot { try drawCurve(c, to: plot) }
    print("tensors:")
    for t in archive.tensors { print("  \(t)") }
  }

  func drawCurve(_ c: ModelCheckpoint, to path: String) throws {
    guard let p = c.training.stages.compactMap({ $0 }).last(where: { $0.history.contains { $0.testAccuracy != nil || $0.train != nil } }) else {
      throw ValidationError("\(file ?? ""): no stage with accuracy history to plot")
    }
    let train = p.history.compactMap { r in r.train.map { (pass: r.pass, accuracy: $0.accuracy) } }
    let test = p.history.compactMap { r in r.testAccuracy.map { (pass: r.pass, accuracy: $0) } }
    let image = LearningCurve.plot([.init(values: train, color: (40, 80, 220)), .init(values: test, color: (220, 40, 40))])
    try image.writePNG(to: path)
    print("wrote the learning curve of stage \(p.stage) (\(p.history.count) passes) to \(path)")
  }

}
