import ArgumentParser
import FirstSpike
import Foundation

struct FeaturesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "features",
    abstract: "Draw the learned features of a layer as a grid in one PNG.",
    discussion: """
      Single-spike models: each feature is reconstructed in pixel space through the earlier \
      layers (transposed convolution with the encoder's filters and the lower layers' weights, \
      spreading over pooling windows). diehlcook2015: the excitatory neurons' 28×28 receptive \
      fields. Each picture is scaled to 0…255 on its own (min → black, max → white).

      Examples:
        firstspike features --checkpoint checkpoints/mozafari2019.fspk --layer 1 --out conv1.png
        firstspike features --checkpoint m.fspk --layer 2 --columns 25 --out conv2.png
        firstspike features --checkpoint diehlcook.fspk --out fields.png
      """)

  @OptionGroup var checkpointOption: CheckpointOption
  @Option(help: "Layer (1-based; models with one learned layer need none).") var layer: Int?
  @Option(help: "Output PNG file.") var out: String
  @Option(help: "Features per row of the grid (default: about square).") var columns: Int?

  func validate() throws {
    if let layer, layer < 1 { throw ValidationError("--layer must be 1 or more, not \(layer)") }
    if let columns, !(1...65_536).contains(columns) { throw ValidationError("--columns must lie in 1...65536, not \(columns)") }
  }

  func run() throws {
    let grid = try ModelRegistry.load(path: checkpointOption.checkpoint).featureGrid(layer: layer, columns: columns)
    try grid.image.writePNG(to: out)
    print("wrote \(grid.summary) to \(out) (\(grid.image.width)×\(grid.image.height))")
  }
}
