import ArgumentParser
import FirstSpike
import Foundation

/// `firstspike export`: writes MNIST images as 8-bit gray PNG files.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write MNIST images as 8-bit gray PNG files named <index>-label<digit>.png.",
    discussion: """
      Reads the IDX files of --data (gzip or raw, SHA-256 verified) and writes image i of the \
      split as <out>/<iiiii>-label<d>.png, e.g. 00042-label7.png. The PNGs hold the IDX pixels \
      exactly. <out> is created if needed.

      Example:
        firstspike export --data datasets/mnist --split test \\
            --range '0..<100' --out /tmp/digits
      """)

  @OptionGroup var mnistOptions: MNISTOptions

  @Option(help: "Which split.")
  var split: TrainingData.Split = .test

  @Option(
    help: ArgumentHelp(
      "Image indices: A..<B (B excluded) or A...B (B included).", valueName: "range"),
    transform: IndexRange.parse)
  var range: IndexRange

  @Option(help: "Output folder (created if missing).")
  var out: String

  func run() throws {
    let mnist = try MNIST.load(directory: mnistOptions.data, split: split.mnist, verifyChecksums: mnistOptions.checksums.verify)
    guard range.upperBound <= mnist.count else {
      throw ExportError(
        "\(mnist.imagesPath): --range \(range) is outside the \(mnist.count) \(split) images "
          + "(valid indices 0..<\(mnist.count))")
    }
    do {
      try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    } catch {
      throw DataError.unwritable(path: out, reason: error.localizedDescription)
    }
    for i in range.lowerBound..<range.upperBound {
      try mnist.image(i).writePNG(to: out + "/" + Self.fileName(index: i, label: mnist.label(i)))
    }
    print("wrote \(range.count) PNG files (\(split) images \(range)) to \(out)")
  }

  /// `00042-label7.png`: the index zero-padded to 5 digits, then the label.
  static func fileName(index: Int, label: Int) -> String {
    let digits = String(index)
    return String(repeating: "0", count: max(0, 5 - digits.count)) + digits + "-label\(label).png"
  }
}

extension TrainingData.Split {
  /// The MNIST split of the same name.
  var mnist: MNIST.Split { self == .train ? .train : .test }
}
