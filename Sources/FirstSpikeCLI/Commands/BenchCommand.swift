import ArgumentParser
import FirstSpike
import Foundation

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure per-stage milliseconds per image, synaptic events and memory.",
    discussion: """
      Runs each benchmarked built-in model with untrained weights (seed 0), or a checkpoint's \
      model alone, image by image on the first N MNIST training images. Single-spike models: \
      S1C1 encoding, each training stage, inference on one thread and on all cores. \
      diehlcook2015 (N = 100): training on one thread and inference on all cores. Each \
      figure is the median over segments of the run.

      Examples:
        firstspike bench --data datasets/mnist --images 2000
        firstspike bench --checkpoint checkpoints/mozafari2019.fspk
      """)

  @Option(help: "MNIST folder.") var data = "datasets/mnist"
  @Option(help: "Number of training images to run.") var images = 2000
  @Option(help: "Checkpoint whose model and weights to use (default: the built-in models, untrained, seed 0).")
  var checkpoint: String?
  @Option(help: "Segments for the median.") var segments = 5
  @OptionGroup var threadsOption: ThreadsOption
  @Option(help: "Rate-coded rows: diehlcook2015 images trained on 1 thread (0 = skip).") var rateTrainImages = 1000
  @Option(help: "Rate-coded rows: diehlcook2015 images run in parallel inference (0 = skip).") var rateTestImages = 2000
  @Option(help: "Settings of the built-in models benchmarked without --checkpoint (paper: the published geometry, as SpykeTorch's MozafariDeep.py).")
  var preset: PresetVariant = .improved
  @Option(help: "Also write every row (model, row name, ms per image) to this JSON file.") var json: String?

  func validate() throws {
    if images < 1 { throw ValidationError("--images must be 1 or more, not \(images)") }
    if segments < 1 { throw ValidationError("--segments must be 1 or more, not \(segments)") }
    if rateTrainImages < 0 { throw ValidationError("--rate-train-images must be 0 (skip) or more, not \(rateTrainImages)") }
    if rateTestImages < 0 { throw ValidationError("--rate-test-images must be 0 (skip) or more, not \(rateTestImages)") }
  }

  func run() throws {
    let mnist = try MNIST.load(directory: data, split: .train)
    let set = LabeledImages(mnist).prefix(images)
    let options = BenchmarkOptions(segments: segments, threads: threadsOption.threads,
                                   rateTrainImages: rateTrainImages, rateTestImages: rateTestImages)
    let progress: (String) -> Void = { FileHandle.standardError.write(Data("bench: \($0)…\n".utf8)) }
    let record = DataRecord(kind: "mnist", path: data, classNames: MNIST.classNames)
    let runs: [(model: any Model, source: String?)] = try checkpoint.map { [(try ModelRegistry.load(path: $0), $0)] }
      ?? ModelRegistry.builtIns.filter(\.benchmarked).map { (try $0.make(preset, [], 0, record), nil) }
    var rows: [[String: Any]] = []
    for run in runs {
      let report = run.model.benchmark(set, options: options, source: run.source, progress: progress)
      if !report.text.isEmpty { print(report.text) }
      rows += report.rows.map { ["model": run.model.name, "row": $0.name, "ms_per_image": $0.msPerImage] }
    }
    let peak = Double(peakResidentBytes()) / 1048576
    print(String(format: "peak memory: %.0f MiB", peak))
    if let json {
      let object: [String: Any] = [
        "firstspike": FirstSpikeVersion.string, "weights": checkpoint ?? "untrained (seed 0)", "preset": preset.rawValue,
        "images": images, "threads": threadsOption.threads, "rows": rows, "peak_memory_mib": peak,
      ]
      try Data(jsonText(object).utf8).write(to: URL(fileURLWithPath: json))
    }
  }
}
