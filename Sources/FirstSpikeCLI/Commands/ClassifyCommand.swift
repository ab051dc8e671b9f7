import ArgumentParser
import FirstSpike
import Foundation

struct ClassifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "classify",
    abstract: "Classify PNG images with a trained checkpoint.",
    discussion: """
      Prints one line per image: path, class name and the decision's margin (winner minus the \
      best other class, on the model's own scale: a potential, an SVM score or a \
      proportion-weighting score). Images of another size are resized (bilinear) to the \
      model's input size, and the line says so. Unreadable files are reported and skipped; \
      the exit status is 1 if any failed.

      Examples:
        firstspike classify digits/00000-label7.png digits/00001-label2.png
        firstspike classify --checkpoint checkpoints/shallow-rstdp.fspk --json dog.png
      """)

  @Option(help: "Checkpoint (default: the shipped MNIST model).")
  var checkpoint = ClassifyCommand.defaultCheckpoint
  @OptionGroup var output: JSONOption
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
    let model = try ModelRegistry.load(path: checkpoint)
    if let problem = model.inferenceProblem(checkpoint: checkpoint) { throw FileProblem(path: checkpoint, reason: problem) }
    let classifier = model.classifier()
    let (width, height, names) = (model.inputWidth, model.inputHeight, model.classNames)
    var results: [[String: Any]] = []
    var failed = 0
    for path in images {
      do {
        let image = try PNGFile.readGray(path: path)
        guard image.width > 0 && image.height > 0 else { throw FileProblem(path: path, reason: "empty image") }
        let resized = image.width != width || image.height != height
        let d = classifier.classify(image)
        let name = d.label.map { $0 < names.count ? names[$0] : "\($0)" }
        var entry: [String: Any] = d.extra
        entry["path"] = path
        entry["margin"] = d.margin
        entry["class"] = name ?? NSNull()
        entry["index"] = d.label ?? -1
        if resized { entry["resized_from"] = [image.width, image.height] }
        results.append(entry)
        if !output.json {
          let note = resized ? "  (resized from \(image.width)×\(image.height) to \(width)×\(height))" : ""
          print("\(path)\t\(name ?? "silent")\tmargin \(String(format: "%.3f", d.margin))\(note)")
        }
      } catch {
        failed += 1
        let message = (error as? any FirstSpikeError)?.description ?? "\(path): \(error)"
        results.append(["path": path, "error": message])
        if !output.json { FileHandle.standardError.write(Data("firstspike: error: \(message)\n".utf8)) }
      }
    }
    if output.json { print(jsonText(results)) }
    if failed > 0 { throw ExitCode.failure }
  }
}
