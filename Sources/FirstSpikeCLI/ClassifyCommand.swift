import ArgumentParser
import FirstSpike
import Foundation

struct ClassifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "classify",
    abstract: "Classify PNG images with a trained checkpoint.",
    discussion: """
      Prints one line per image: path, class name and the decision's margin (winner's potential \
      minus the best other class's; SVM: best minus second-best score). Images of another size \
      are resized (bilinear) to the model's input size, and the line says so. Unreadable files \
      are reported and skipped; the exit status is 1 if any failed.

      Example:
        firstspike classify digits/00000-label7.png digits/00001-label2.png
        firstspike classify --checkpoint checkpoints/shallow-rstdp.fspk --json dog.png
      """)

  @Option(help: "Checkpoint (default: the shipped MNIST model).")
  var checkpoint = ClassifyCommand.defaultCheckpoint
  @Flag(help: "Print a JSON array instead of text.") var json = false
  @Argument(help: "PNG files.") var images: [String]

  /// `checkpoints/mozafari2019.fspk` in the working folder, else next to the repository the
  /// binary was built in (`.build/<config>/firstspike` → `../../checkpoints`).
  static var defaultCheckpoint: String {
    let local = "checkpoints/mozafari2019.fspk"
    if FileManager.default.fileExists(atPath: local) { return local }
    let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    let repo = exe.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let candidate = repo.appendingPathComponent(local).path
    return FileManager.default.fileExists(atPath: candidate) ? candidate : local
  }

  func validate() throws {
    if images.isEmpty { throw ValidationError("give at least one PNG file") }
  }

  func run() throws {
    if try RateCodedCLI.isCheckpoint(checkpoint) { return try classifyRateCoded() }
    let network = try ModelCheckpoint.load(path: checkpoint).inferenceNetwork()
    try report(names: network.spec.classNames, width: network.spec.inputWidth, height: network.spec.inputHeight) { image in
      let c = network.classify(image)
      return (c.label, Double(c.margin), [:])
    }
  }

  /// Reads each PNG, classifies it with `decide` (label or nil when silent, margin, extra JSON
  /// fields) and prints one line or one JSON entry per image; unreadable files are reported
  /// and skipped, and make the exit status 1.
  func report(names: [String], width: Int, height: Int,
              _ decide: (GrayImage) -> (label: Int?, margin: Double, extra: [String: Any])) throws {
    var results: [[String: Any]] = []
    var failed = 0
    for path in images {
      do {
        let image = try PNGFile.readGray(path: path)
        guard image.width > 0 && image.height > 0 else { throw ValidationError("\(path): empty image") }
        let resized = image.width != width || image.height != height
        let d = decide(image)
        let name = d.label.map { $0 < names.count ? names[$0] : "\($0)" }
        var entry: [String: Any] = d.extra
        entry["path"] = path
        entry["margin"] = d.margin
        entry["class"] = name ?? NSNull()
        entry["index"] = d.label ?? -1
        if resized { entry["resized_from"] = [image.width, image.height] }
        results.append(entry)
        if !json {
          let note = resized ? "  (resized from \(image.width)×\(image.height) to \(width)×\(height))" : ""
          print("\(path)\t\(name ?? "silent")\tmargin \(String(format: "%.3f", d.margin))\(note)")
        }
      } catch {
        failed += 1
        let message = (error as? any FirstSpikeError)?.description ?? "\(path): \(error)"
        results.append(["path": path, "error": message])
        if !json { FileHandle.standardError.write(Data("firstspike: error: \(message)\n".utf8)) }
      }
    }
    if json {
      let data = try JSONSerialization.data(withJSONObject: results, options: [.sortedKeys])
      print(String(decoding: data, as: UTF8.self))
    }
    if failed > 0 { throw ExitCode.failure }
  }
}
