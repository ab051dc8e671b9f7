import ArgumentParser
import FirstSpike
import Foundation

struct FeaturesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "features",
    abstract: "Draw the learned features of a layer as a grid in one PNG.",
    discussion: """
      Each feature is reconstructed in pixel space through the earlier layers (transposed \
      convolution with the encoder's filters and the lower layers' weights, spreading over \
      pooling windows), then scaled to 0…255 on its own (min → black, max → white).

      Example:
        firstspike features --checkpoint checkpoints/mozafari2019.fspk --layer 1 --out conv1.png
        firstspike features --checkpoint m.fspk --layer 2 --columns 25 --out conv2.png
        firstspike features --checkpoint diehlcook.fspk --out fields.png   (28×28 receptive fields)
      """)

  @Option(help: "Checkpoint.") var checkpoint: String
  @Option(help: "Layer (1-based; rate-coded checkpoints have one, the default).") var layer: Int?
  @Option(help: "Output PNG file.") var out: String
  @Option(help: "Features per row of the grid (default: about square).") var columns: Int?

  func run() throws {
    if try RateCodedCLI.isCheckpoint(checkpoint) { return try rateCodedFeatures() }
    let network = try ModelCheckpoint.load(path: checkpoint).inferenceNetwork()
    guard let layer else { throw ValidationError("--layer is required for \(network.spec.name)") }
    guard (1...network.spec.layers.count).contains(layer) else {
      throw ValidationError("--layer must be 1...\(network.spec.layers.count) for \(network.spec.name)")
    }
    let pictures = FeatureReconstruction.pictures(network, layer: layer - 1)
    let grid = FeatureReconstruction.grid(pictures, columns: columns)
    try grid.writePNG(to: out)
    print("wrote \(pictures.shape.channels) features of layer \(layer) (\(pictures.shape.height)×\(pictures.shape.width) pixels each) to \(out) (\(grid.width)×\(grid.height))")
  }
}
