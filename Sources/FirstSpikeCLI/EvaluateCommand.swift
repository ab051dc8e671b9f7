import ArgumentParser
import FirstSpike
import Foundation

struct EvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Accuracy, confusion matrix, spikes, synaptic events and energy of a checkpoint.",
    discussion: """
      Runs the trained network on a split of the data set (by default the one it was trained \
      on), in parallel over images. Silent images (no output spike) count as wrong.

      Example:
        firstspike evaluate --checkpoint checkpoints/mozafari2019.fspk --data datasets/mnist
        firstspike evaluate --checkpoint m.fspk --limit 1000 --json
      """)

  @Option(help: "Checkpoint to evaluate.") var checkpoint: String
  @OptionGroup var dataOptions: DataOptions
  @Option(help: "Split to evaluate: train or test.") var split: String = "test"
  @Option(help: "Evaluate only the first K images.") var limit: Int?
  @Option(help: "Worker threads.") var threads = defaultThreadCount
  @Flag(help: "Print one JSON object instead of text.") var json = false

  func run() throws {
    if try RateCodedCLI.isCheckpoint(checkpoint) { return try runRateCoded() }
    guard let s = TrainingData.Split(rawValue: split) else { throw ValidationError("--split must be train or test") }
    let ckpt = try ModelCheckpoint.load(path: checkpoint)
    let network = ckpt.inferenceNetwork()
    if case .svm = network.spec.readout, network.svm == nil {
      throw ValidationError("\(checkpoint): the SVM stage (stage \(network.spec.stageCount)) is not trained yet")
    }
    let (data, _) = try dataOptions.load(s, record: ckpt.training.data, limit: limit)
    let start = ContinuousClock.now
    let r = network.evaluate(data, threads: threads)
    let elapsed = seconds(ContinuousClock.now - start)
    if json {
      print(jsonReport(r, network: network, images: data.count, seconds: elapsed))
    } else {
      printText(r, network: network, seconds: elapsed)
    }
  }

  func printText(_ r: EvaluationReport, network: Network, seconds: Double) {
    print("\(network.spec.name) on \(r.images) \(split) images (\(String(format: "%.1f", seconds)) s, \(threads) threads)")
    print(String(format: "accuracy %.2f%%  (%d correct, %d wrong, %d silent; silent counts as wrong)",
                 100 * r.accuracy, r.correct, r.images - r.correct - r.silent, r.silent))
    print(String(format: "silent rate %.2f%%", 100 * r.silentRate))
    let names = network.spec.classNames
    let width = max(5, (names.map(\.count).max() ?? 1) + 1)
    print("\nconfusion (rows = true class, columns = predicted):")
    print(pad("", width) + names.map { pad($0, width) }.joined())
    for (i, row) in r.confusion.enumerated() {
      print(pad(i < names.count ? names[i] : "\(i)", width) + row.map { pad("\($0)", width) }.joined())
    }
    print("\nactivity per image:")
    print(String(format: "  encoder output spikes %.0f", r.spikesPerImage.first ?? 0))
    for l in r.synapticEventsPerImage.indices {
      print(String(format: "  layer %d: %.0f spikes, %.0f synaptic events", l + 1, r.spikesPerImage[l + 1], r.synapticEventsPerImage[l]))
    }
    let e = r.energyPicojoules
    print(String(format: "\nenergy estimate per image (45 nm figures: 0.9 pJ per synaptic accumulate, 4.6 pJ per MAC):\n  SNN %.1f µJ, equivalent dense ANN %.1f µJ (%.1fx)",
                 e.snn / 1e6, e.ann / 1e6, e.snn > 0 ? e.ann / e.snn : 0))
  }

  func jsonReport(_ r: EvaluationReport, network: Network, images: Int, seconds: Double) -> String {
    let e = r.energyPicojoules
    let object: [String: Any] = [
      "model": network.spec.name, "checkpoint": checkpoint, "split": split, "images": r.images,
      "accuracy": r.accuracy, "silent": r.silentRate, "correct": r.correct,
      "confusion": r.confusion, "class_names": network.spec.classNames,
      "spikes_per_image": r.spikesPerImage, "synaptic_events_per_image": r.synapticEventsPerImage,
      "energy_pj_per_image": ["snn": e.snn, "ann": e.ann],
      "energy_note": "45 nm figures: 0.9 pJ per synaptic accumulate (SNN), 4.6 pJ per multiply-accumulate (equivalent dense ANN)",
      "seconds": seconds,
    ]
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }
}

func pad(_ s: String, _ width: Int) -> String {
  s.count >= width ? s + " " : String(repeating: " ", count: width - s.count) + s
}
