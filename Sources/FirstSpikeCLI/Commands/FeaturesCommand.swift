import ArgumentParser
import FirstSpike
import Foundation

struct FeaturesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "features",
    abstract: "Draw the learned features of a layer on one sheet (PNG or SVG).",
    discussion: """
      Single-spike models: each feature is reconstructed in pixel space through the earlier \
      layers (transposed convolution with the encoder's filters and the lower layers' weights, \
      spreading over pooling windows); a layer reading oriented edges of either contrast (the \
      shallow model's) is sketched as strokes instead. A decision layer's features are grouped \
      in one labelled row per class. diehlcook2015: the excitatory neurons' 28×28 receptive \
      fields, grouped by the class each neuron was labelled with. Each picture is scaled on \
      its own (min → black, max → white). The file's extension chooses the format.

      Examples:
        firstspike features --checkpoint checkpoints/mozafari2019.fspk --layer 1 --out conv1.png
        firstspike features --checkpoint m.fspk --layer 2 --columns 25 --scale 2 --out conv2.svg
        firstspike features --checkpoint diehlcook.fspk --out fields.png
      """)

  @OptionGroup var checkpointOption: CheckpointOption
  @Option(help: "Layer (1-based; models with one learned layer need none).") var layer: Int?
  @Option(help: "Output file: .png or .svg.") var out: String
  @Option(help: "Features per row (default: about square; a decision layer: one row per class).") var columns: Int?
  @Option(help: "Magnify each feature's pixels this many times (default: tiles of at least 48 pixels).") var scale: Int?

  func validate() throws {
    if let layer, layer < 1 { throw ValidationError("--layer must be 1 or more, not \(layer)") }
    if let columns, !(1...65_536).contains(columns) { throw ValidationError("--columns must lie in 1...65536, not \(columns)") }
    if let scale, !(1...64).contains(scale) { throw ValidationError("--scale must be 1...64, not \(scale)") }
  }

  func run() throws {
    let format = try PictureFormat(path: out)
    let features = try ModelRegistry.load(path: checkpointOption.checkpoint).features(layer: layer)
    let sheet = FeatureSheet(features, columns: columns, scale: scale)
    try writePicture(to: out) { () throws(DiagnosticsError) in try sheet.draw(format) }
    print("wrote \(features.summary) to \(out) (\(sheet.width)×\(sheet.height), tiles ×\(sheet.scale))")
  }
}
