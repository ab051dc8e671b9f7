import ArgumentParser
import FirstSpike
import Foundation

struct ClassifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "classify",
    abstract: "Classify PNG images with a trained checkpoint.",
    discussion: """
      Prints one line per image: path, class, its probability, and what was done to the \
      image. Every image is first brought to the form of the model's training images \
      (--preprocess auto): transparency composited away, dark ink on light paper inverted when \
      the training digits are light on dark, levels matched, and for digit-like training data \
      the MNIST framing (cropped to the ink, fitted into the training ink box keeping its \
      aspect ratio, centre of mass to the centre); photographs are only resized. An image \
      already like the training images is used as it is. --preprocess none only resizes \
      (bilinear), as earlier versions did.

      Probabilities are calibrated on held-out training images (see `firstspike calibrate`), \
      so they mean the same for every model kind. Blank or uniform images, silent networks, \
      low confidence and images unlike the training data are reported on stderr. Unreadable \
      files are reported and skipped; the exit status is 1 if any failed.

      Without --checkpoint the shipped \(DefaultCheckpoint.fileName) is used, found through \
      $FIRSTSPIKE_CHECKPOINT, $FIRSTSPIKE_HOME, ./checkpoints, the folders above the binary \
      (PREFIX/share/firstspike after `make install PREFIX=…`) and /usr/local/share/firstspike.

      Examples:
        firstspike classify digits/00000-label7.png digits/00001-label2.png
        firstspike classify --top 3 my-drawing.png
        firstspike classify --checkpoint checkpoints/shallow-rstdp.fspk --json dog.png
        firstspike classify --write-inputs seen/ photo-of-a-7.png
      """)

  @Option(help: "Checkpoint (default: the shipped MNIST model, found as described above).")
  var checkpoint: String?
  @Option(help: "Input normalisation: auto (to the training images' form) or none (resize only).")
  var preprocess: InputNormalization.Mode = .auto
  @Option(help: "Ink polarity with --preprocess auto: auto (detected), keep (never invert) or invert (always).")
  var polarity: InputNormalization.Polarity = .auto
  @Option(help: "Show the K most probable classes.") var top = 1
  @Option(help: "Write each image as the network sees it (after normalisation) as a PNG into this folder.")
  var writeInputs: String?
  @OptionGroup var threadsOption: ThreadsOption
  @OptionGroup var output: JSONOption
  @Argument(help: "PNG files.") var images: [String]

  func validate() throws {
    if images.isEmpty { throw ValidationError("give at least one PNG file") }
    if top < 1 { throw ValidationError("--top must be 1 or more, not \(top)") }
  }

  func run() throws {
    let path = try checkpoint ?? DefaultCheckpoint.find()
    let model = try ModelRegistry.load(path: path)
    if let problem = model.inferenceProblem(checkpoint: path) ?? model.untrainedStageProblem {
      throw FileProblem(path: path, reason: problem)
    }
    let (profile, note) = model.inputProfile()
    if let note, preprocess == .auto { warn("note", "\(path): \(note)") }
    if model.calibration == nil {
      warn("note", "\(path): probabilities are not calibrated; margins are shown instead (run firstspike calibrate --checkpoint \(path))")
    }
    if let writeInputs { try createFolder(writeInputs) }
    let classifier = model.inputClassifier(profile: profile)
    var results: [[String: Any]] = []
    var failed = 0
    for start in stride(from: 0, to: images.count, by: 64) {
      let paths = Array(images[start..<min(images.count, start + 64)])
      let decoded = paths.map { p in Result { () throws(DataError) -> GrayAlphaImage in try PNGFile.readGrayAlpha(path: p) } }
      let (mode, polarity) = (preprocess, self.polarity)
      let answers = parallelMap(paths.count, threads: threadsOption.threads) { i -> InputClassification? in
        guard case .success(let image) = decoded[i], image.width > 0, image.height > 0 else { return nil }
        return classifier.classify(image, mode: mode, polarity: polarity)
      }
      for (i, p) in paths.enumerated() {
        do {
          let image = try decoded[i].get()
          guard let answer = answers[i] else { throw FileProblem(path: p, reason: "empty image") }
          if let writeInputs { try answer.input.writePNG(to: writeInputs + "/" + inputName(p, index: start + i)) }
          report(p, image, answer, names: classifier, into: &results)
        } catch {
          failed += 1
          let message = (error as? any FirstSpikeError)?.description ?? "\(p): \(error)"
          results.append(["path": p, "error": message])
          if !output.json { FileHandle.standardError.write(Data("firstspike: error: \(message)\n".utf8)) }
        }
      }
    }
    if output.json { print(jsonText(results)) }
    if failed > 0 { throw ExitCode.failure }
  }

  /// Prints (or collects) one image's answer; warnings go to stderr.
  func report(_ path: String, _ image: GrayAlphaImage, _ a: InputClassification, names: InputClassifier,
              into results: inout [[String: Any]]) {
    let ranked = a.top(top)
    var entry: [String: Any] = a.extra
    entry["path"] = path
    entry["class"] = a.className ?? NSNull()
    entry["index"] = a.label ?? -1
    entry["margin"] = a.margin
    entry["scores"] = a.scores
    entry["class_names"] = a.scores.indices.map(names.name)
    entry["preprocessing"] = a.steps
    entry["warnings"] = a.warnings
    entry["size"] = [image.width, image.height]
    if let p = a.probabilities {
      entry["probability"] = a.label.map { p[$0] } ?? NSNull()
      entry["probabilities"] = p
    }
    entry["top"] = ranked.map { ["class": names.name($0.index), "probability": $0.probability ?? NSNull()] as [String: Any] }
    results.append(entry)
    for w in a.warnings { warn("warning", "\(path): \(w)") }
    guard !output.json else { return }
    var line = "\(path)\t\(a.className ?? "silent")"
    if let p = a.probabilities, let label = a.label {
      line += String(format: "\tp %.3f", p[label])
    } else {
      line += String(format: "\tmargin %.3f", a.margin)
    }
    if top > 1 {
      line += "\ttop " + ranked.map { r in "\(names.name(r.index)) " + (r.probability.map { String(format: "%.3f", $0) } ?? "?") }
        .joined(separator: ", ")
    }
    if !a.steps.isEmpty { line += "\t(\(a.steps.joined(separator: ", ")))" }
    print(line)
  }

  /// `<index>-<basename>.png`: the position among the arguments keeps equal names apart.
  func inputName(_ path: String, index: Int) -> String {
    let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    return String(format: "%05d-", index) + base + ".png"
  }

  func createFolder(_ folder: String) throws {
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw DataError.unwritable(path: folder, reason: error.localizedDescription)
    }
  }

  func warn(_ kind: String, _ message: String) {
    FileHandle.standardError.write(Data("firstspike: \(kind): \(message)\n".utf8))
  }
}

extension InputNormalization.Mode: ExpressibleByArgument {}
extension InputNormalization.Polarity: ExpressibleByArgument {}
