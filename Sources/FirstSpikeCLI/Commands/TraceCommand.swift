import ArgumentParser
import FirstSpike
import Foundation

/// `firstspike trace`: runs FirstSpike on the image of a SpykeTorch reference file and compares
/// every stored array with it: the layer-1 golden files (S1C1, conv1, inhibition, k-WTA, one
/// STDP step) and the whole-network files (mozafari2019, kheradpisheh2018, shallow-rstdp).
struct TraceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trace",
    abstract: "Compare FirstSpike with the reference simulator (SpykeTorch) on one image.",
    discussion: """
      Layer-1 golden files (Tests/FirstSpikeTests/Fixtures/golden/README.md) give an image \
      index and initial conv1 weights: FirstSpike runs S1C1 → pad 2 → conv1 → fire → pointwise \
      inhibition → k-WTA → one STDP step, writes every intermediate result to --out in the same \
      format, and prints a comparison (spike times identical except near-threshold or near-tie \
      neurons, potentials within 1e-4 relative, winners equal, weights within 1e-6).

      Whole-network files (Tests/FirstSpikeTests/Fixtures/golden-deep/README.md) name a shipped \
      checkpoint (found under checkpoints/ from the repository root, or given by --checkpoint): \
      FirstSpike runs every stage on SpykeTorch's stored input of that stage, then its own chain \
      from the image, and prints one row per stored array: spike times, winners and decisions \
      exact, potentials within 1e-4 + 2e-5·|ref|, weights after a learning step bit-exact \
      (SHA-256). Differences that only float32 rounding or a documented FirstSpike tie rule \
      decides are named neuron by neuron.

      Exit status 0 when the verdict is OK, else 1.

      Examples:
        firstspike trace --reference Tests/FirstSpikeTests/Fixtures/golden/mozafari_img0.json --out /tmp/trace_img0.json
        firstspike trace --reference Tests/FirstSpikeTests/Fixtures/golden-deep/mozafari_deep_img1.json
        firstspike trace --reference Tests/FirstSpikeTests/Fixtures/golden-deep/shallow_img0.json
      """)

  @Option(help: "Reference file (JSON): a layer-1 golden file or a whole-network file.")
  var reference: String

  @Option(help: "Layer-1 files: where to write FirstSpike's trace (JSON, same format).")
  var out: String?

  @Option(help: "Whole-network files: the checkpoint to run (default: the one the file names).")
  var checkpoint: String?

  @OptionGroup var mnistOptions: MNISTOptions

  func run() throws {
    if let deep = try WholeNetworkReference(path: reference) {
      let path = checkpoint ?? deep.checkpointPath
      guard FileManager.default.fileExists(atPath: path) else {
        throw TraceError.unreadable(path: path, reason: "no such checkpoint (run from the repository root or pass --checkpoint)")
      }
      let table = try deep.trace(checkpoint: path, mnistDirectory: mnistOptions.data,
                                 verifyChecksums: mnistOptions.checksums.verify)
      print(table.report())
      if !table.isOK {
        throw TraceError.mismatch(path: reference, summary: table.failures.joined(separator: "; "))
      }
      return
    }
    try traceLayerOne()
  }

  /// The layer-1 golden format (mozafari_img*.json).
  func traceLayerOne() throws {
    let ref = try ReferenceTrace(contentsOf: reference)
    guard let split = MNIST.Split(rawValue: ref.split) else {
      throw TraceError.badValue(
        path: reference, key: "split", expected: "\"test\" or \"train\", got \"\(ref.split)\"")
    }
    let mnist = try MNIST.load(directory: mnistOptions.data, split: split, verifyChecksums: mnistOptions.checksums.verify)
    guard ref.imageIndex >= 0, ref.imageIndex < mnist.count else {
      throw TraceError.imageOutOfRange(
        path: reference, split: ref.split, index: ref.imageIndex, count: mnist.count)
    }
    let image = mnist.image(ref.imageIndex)
    let encoder = S1C1Encoder.mozafari2019
    let s1c1Shape = encoder.outputShape(height: image.height, width: image.width)
    guard ref.s1c1.shape == s1c1Shape else {
      throw TraceError.badShape(path: reference, key: "s1c1_spike_time",
                                expected: [s1c1Shape.channels, s1c1Shape.height, s1c1Shape.width],
                                actual: [ref.s1c1.shape.channels, ref.s1c1.shape.height, ref.s1c1.shape.width])
    }
    let ours = ReferenceTrace.run(like: ref, image: image, label: mnist.label(ref.imageIndex), encoder: encoder)
    if let out { try ours.write(to: out) }
    let comparison = ours.compared(to: ref)
    print(comparison.report(referencePath: reference))
    if let out { print("wrote \(out)") }
    if !comparison.isOK {
      throw TraceError.mismatch(path: reference, summary: comparison.failures.joined(separator: "; "))
    }
  }
}
