import ArgumentParser
import FirstSpike
import Foundation

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure per-stage milliseconds per image, synaptic events and memory.",
    discussion: """
      Runs the mozafari2019 network (untrained weights, or a checkpoint's) image by image on \
      the first N MNIST training images: S1C1 encoding, each training stage, inference on one \
      thread and on all cores. Each figure is the median over segments of the run. Then the \
      rate-coded diehlcook2015 network (N = 100, untrained, seed 0; or a rate-coded \
      checkpoint's, alone): training on one thread and inference on all cores.

      Example:
        firstspike bench --data datasets/mnist --images 2000
        firstspike bench --checkpoint checkpoints/mozafari2019.fspk
      """)

  @Option(help: "MNIST folder.") var data = "datasets/mnist"
  @Option(help: "Number of training images to run.") var images = 2000
  @Option(help: "Checkpoint whose weights to use (default: untrained mozafari2019, seed 0).") var checkpoint: String?
  @Option(help: "Segments for the median.") var segments = 5
  @Option(help: "Threads for parallel inference.") var threads = defaultThreadCount
  @Option(help: "Rate-coded rows: diehlcook2015 images trained on 1 thread (0 = skip).") var rateTrainImages = 1000
  @Option(help: "Rate-coded rows: diehlcook2015 images run in parallel inference (0 = skip).") var rateTestImages = 2000

  func run() throws {
    let mnist = try MNIST.load(directory: data, split: .train)
    let set = LabeledImages(mnist).prefix(images)
    if let checkpoint, try RateCodedCLI.isCheckpoint(checkpoint) {
      return benchRateCoded(set, model: try RateCodedCheckpoint.load(path: checkpoint).model, name: checkpoint)
    }
    let network: Network
    if let checkpoint {
      network = try ModelCheckpoint.load(path: checkpoint).inferenceNetwork()
    } else {
      var g = SplitMix64(seed: 0)
      network = Network(spec: .mozafari2019, generator: &g)
    }
    let r = Benchmark.run(network, data: set, segments: segments, threads: threads) {
      FileHandle.standardError.write(Data("bench: \($0)…\n".utf8))
    }
    print("FirstSpike \(FirstSpikeVersion.string) bench: \(network.spec.name), \(checkpoint ?? "untrained weights (seed 0)"), \(r.images) MNIST training images, \(ProcessInfo.processInfo.activeProcessorCount) cores")
    print("| stage | ms/image | images/s |")
    print("|---|---:|---:|")
    for row in r.rows { print(String(format: "| %@ | %.3f | %.0f |", row.name, row.msPerImage, row.imagesPerSecond)) }
    print("")
    print("| layer | input spikes/image | output spikes/image | synaptic events/image |")
    print("|---|---:|---:|---:|")
    for l in r.eventsPerLayer.indices {
      print(String(format: "| conv%d | %.0f | %.0f | %.0f |", l + 1, r.inputSpikesPerLayer[l], r.outputSpikesPerLayer[l], r.eventsPerLayer[l]))
    }
    let totalEvents = r.eventsPerLayer.reduce(0, +)
    if let serial = r.rows.first(where: { $0.name == "inference, 1 thread" }), serial.msPerImage > 0 {
      print(String(format: "\nsynaptic events per second (inference, 1 thread): %.2f G", totalEvents / serial.msPerImage / 1e6))
      if let par = r.rows.last, par.msPerImage > 0 {
        print(String(format: "parallel speed-up (%d threads): %.2fx", r.threads, serial.msPerImage / par.msPerImage))
      }
    }
    if checkpoint == nil { benchRateCoded(set) }
    print(String(format: "peak memory: %.0f MiB", Double(r.peakMemoryBytes) / 1048576))
  }
}
