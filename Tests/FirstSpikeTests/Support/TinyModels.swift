import Foundation
@testable import FirstSpike

/// Small versions of the built-in models: same structure, fewer features, so that tests
/// train hundreds of images in a debug build within seconds.
enum TinyModels {
  static var mozafari: ModelSpec {
    var spec = ModelSpec.mozafari2019
    spec.layers[0].outChannels = 12
    spec.layers[1].inChannels = 12
    spec.layers[1].outChannels = 24
    spec.layers[2].inChannels = 24
    spec.layers[2].outChannels = 40
    spec.readout = .decision(featuresPerClass: 4)
    spec.layers[0].training.doubleEvery = 25
    spec.layers[1].training.doubleEvery = 25
    spec.layers[2].training.adaptiveBatch = 32
    spec.layers[2].training.passes = 2
    return spec
  }

  static var kheradpisheh: ModelSpec {
    var spec = ModelSpec.kheradpisheh2018
    spec.layers[0].outChannels = 8
    spec.layers[1].inChannels = 8
    spec.layers[1].outChannels = 12
    spec.layers[1].training.passes = 1
    return spec
  }

  /// A temporary file path, unique per call.
  static func temporaryPath(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("firstspike-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
  }
}
