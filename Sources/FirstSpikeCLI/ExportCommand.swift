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

  @Option(help: "Folder with the MNIST IDX files (train-images-idx3-ubyte.gz, ...).")
  var data = "datasets/mnist"

  @Option(help: "Which split: train or test.")
  var split: ExportSplit = .test

  @Option(
    help: ArgumentHelp(
      "Image indices: A..<B (B excluded) or A...B (B included).", valueName: "range"),
    transform: IndexRange.parse)
  var range: IndexRange

  @Option(help: "Output folder (created if missing).")
  var out: String

  @Flag(help: "Skip the SHA-256 check of the standard MNIST files.")
  var noVerify = false

  func run() throws {
    let mnist = try MNIST.load(directory: data, split: split.mnist, verifyChecksums: !noVerify)
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

/// The MNIST split as a command-line value.
enum ExportSplit: String, ExpressibleByArgument, CaseIterable, CustomStringConvertible {
  case train
  case test

  var mnist: MNIST.Split { self == .train ? .train : .test }
  var description: String { rawValue }
}

/// A half-open range of image indices written `A..<B` or `A...B` (inclusive) on the command line.
struct IndexRange: Equatable, CustomStringConvertible {
  var lowerBound: Int
  /// Exclusive.
  var upperBound: Int

  /// As the user wrote it.
  var text: String

  var count: Int { upperBound - lowerBound }
  var description: String { text }

  /// Parses `A..<B` or `A...B` with `0 ≤ A`, `A < B` (`A ≤ B` for `...`).
  static func parse(_ text: String) throws -> IndexRange {
    let bad = ValidationError(
      "expected A..<B or A...B with integers 0 ≤ A and a non-empty range, got '\(text)'")
    for (separator, inclusive) in [("..<", false), ("...", true)] {
      let parts = text.components(separatedBy: separator)
      guard parts.count == 2 else { continue }
      guard let a = Int(parts[0]), let b = Int(parts[1]), a >= 0, b < Int.max else { throw bad }
      let upper = inclusive ? b + 1 : b
      guard a < upper else { throw bad }
      return IndexRange(lowerBound: a, upperBound: upper, text: text)
    }
    throw bad
  }
}

/// A one-line CLI error (`firstspike: error: <description>`).
struct ExportError: FirstSpikeError {
  let description: String
  init(_ description: String) { self.description = description }
}
