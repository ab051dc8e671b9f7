import FirstSpike
import Foundation

/// Small versions of the built-in models: same structure, fewer features, so that tests
/// train hundreds of images in a debug build within seconds.
public enum TinyModels {
  /// mozafari2019 with 12, 24 and 40 features (4 per class), short rate schedules.
  public static var mozafari: ModelSpec {
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

  /// kheradpisheh2018 with 8 and 12 features, one conv2 pass.
  public static var kheradpisheh: ModelSpec {
    var spec = ModelSpec.kheradpisheh2018
    spec.layers[0].outChannels = 8
    spec.layers[1].inChannels = 8
    spec.layers[1].outChannels = 12
    spec.layers[1].training.passes = 1
    return spec
  }

  /// ``mozafari`` named `tiny-mozafari` and written as a spec file into `folder` (what
  /// `train --spec` reads); returns its path.
  public static func mozafariSpecFile(in folder: String) -> String {
    var spec = mozafari
    spec.name = "tiny-mozafari"
    let path = folder + "/tiny.json"
    try! JSONEncoder().encode(spec).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// `spec` written as a spec file `name.json` into `folder`; returns its path.
  public static func specFile(_ spec: ModelSpec, named name: String, in folder: String) -> String {
    let path = folder + "/\(name).json"
    try! JSONEncoder().encode(spec).write(to: URL(fileURLWithPath: path))
    return path
  }
}
