import ArgumentParser
import FirstSpike
import Foundation

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Draw what the network did with one image: input, every layer's spikes, the winner, the class scores.",
    discussion: """
      One picture (PNG or SVG, by the file's extension): the image as the network read it \
      (normalised to the training images' form as classify does), a map of each layer's first-spike times \
      (single-spike models: earliest spike per position, the decision layer one row per \
      class; diehlcook2015: input spikes per pixel, each excitatory neuron's first spike and \
      spike count, a row per class it was labelled with), the winning neuron ringed in red, \
      and the score of every class. The decision is the one classify prints.

      Examples:
        firstspike explain digits/00000-label7.png --out seven.png
        firstspike explain --checkpoint checkpoints/diehlcook2015-n100.fspk digit.png --out why.svg
      """)

  @Option(help: "Checkpoint (default: the shipped MNIST model, found as classify finds it).")
  var checkpoint: String?
  @Argument(help: "PNG image.") var image: String
  @Option(help: "Output file: .png or .svg.") var out: String

  func run() throws {
    let format = try PictureFormat(path: out)
    let checkpoint = try self.checkpoint ?? DefaultCheckpoint.find()
    let model = try ModelRegistry.load(path: checkpoint)
    if let problem = model.inferenceProblem(checkpoint: checkpoint) { throw FileProblem(path: checkpoint, reason: problem) }
    let input = try PNGFile.readGrayAlpha(path: image)
    guard input.width > 0 && input.height > 0 else { throw FileProblem(path: image, reason: "empty image") }
    let normal = InputNormalization.apply(input, profile: model.inputProfile().profile)
    let explanation = try model.explain(normal.image)
    let picture = ExplanationPicture(explanation)
    try writePicture(to: out) { () throws(DiagnosticsError) in try picture.draw(format) }
    let decision = explanation.decision.map { explanation.className($0) } ?? "silent"
    let steps = normal.steps.isEmpty ? "" : " (\(normal.steps.joined(separator: ", ")))"
    print("\(image)\t\(decision)\twrote the explanation to \(out) (\(picture.width)×\(picture.height))\(steps)")
  }
}
