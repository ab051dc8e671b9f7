import Foundation

@testable import FirstSpike

/// The PNG fixtures of `scripts/make_png_fixtures.py` and their manifest.
enum PNGFixtures {
  struct Valid: Decodable {
    var file: String
    var width: Int
    var height: Int
    var bitDepth: Int
    var colorType: Int
    var interlaced: Bool
  }

  struct Broken: Decodable {
    var file: String
    /// A substring the error description must contain.
    var message: String
  }

  struct Manifest: Decodable {
    var valid: [Valid]
    var broken: [Broken]
  }

  static let directory: URL = Bundle.module.url(forResource: "Fixtures/png", withExtension: nil)!

  static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  static let manifest: Manifest = {
    let data = try! Data(contentsOf: directory.appendingPathComponent("manifest.json"))
    return try! JSONDecoder().decode(Manifest.self, from: data)
  }()

  /// The expected luma bytes written next to `name.png` as `name.gray`.
  static func expectedGray(_ file: String) -> [UInt8] {
    let gray = directory.appendingPathComponent(file).deletingPathExtension()
      .appendingPathExtension("gray")
    return [UInt8](try! Data(contentsOf: gray))
  }

  /// The expected alpha bytes written next to `name.png` as `name.alpha`.
  static func expectedAlpha(_ file: String) -> [UInt8] {
    let alpha = directory.appendingPathComponent(file).deletingPathExtension()
      .appendingPathExtension("alpha")
    return [UInt8](try! Data(contentsOf: alpha))
  }
}
