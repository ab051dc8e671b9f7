import ArgumentParser
import FirstSpike
import Foundation

/// `firstspike trace`: runs the first stage of mozafari2019 on the image of a SpykeTorch golden
/// file and compares every intermediate result with it.
struct TraceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trace",
    abstract: "Compare FirstSpike with the reference simulator (SpykeTorch) on one MNIST image.",
    discussion: """
      Reads a reference file in the golden-vector format (Tests/FirstSpikeTests/Fixtures/golden/README.md) and uses \
      only its image_index, split, conv1_weight_init and parameters (conv1_threshold, kwta_k, \
      kwta_r, stdp; REFERENCE §5 defaults where absent). Runs FirstSpike's S1C1 \
      (mozafari2019) → pad 2 → conv1 → fire → pointwise inhibition → k-WTA → one STDP step on \
      that MNIST image, writes every intermediate result to --out in the same format, and \
      prints a comparison with the reference. Exit status 0 when the verdict is OK (spike \
      times identical except near-threshold or near-tie neurons, potentials within 1e-4 \
      relative, winners equal, weights within 1e-6), else 1.

      Example:
        firstspike trace --reference Tests/FirstSpikeTests/Fixtures/golden/mozafari_img0.json --out /tmp/trace_img0.json
      """)

  @Option(help: "Reference trace (JSON, golden-vector format), e.g. mozafari_img0.json.")
  var reference: String

  @Option(help: "Where to write FirstSpike's trace (JSON, same format).")
  var out: String

  @OptionGroup var mnistOptions: MNISTOptions

  func run() throws {
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
    try ours.write(to: out)
    let comparison = ours.compared(to: ref)
    print(comparison.report(referencePath: reference))
    print("wrote \(out)")
    if !comparison.isOK {
      throw TraceError.mismatch(path: reference, summary: comparison.failures.joined(separator: "; "))
    }
  }
}
