@testable import FirstSpike
import FirstSpikeTestSupport
import Foundation
import Testing

/// End-to-end: `inspect --plot`, `features`, `explain` and `report` on shipped checkpoints.
@Suite struct PictureCommandTests {
  static let scratch = TempDirectory("pictures")
  static func path(_ name: String) -> String { scratch.file(name) }

  @Test func plotIsWrittenAsSVGOrPNGByExtension() throws {
    for name in ["curve.svg", "curve.png"] {
      let r = try runFirstSpike(["inspect", "checkpoints/shallow-rstdp.fspk", "--plot", Self.path(name)])
      #expect(r.status == 0, "\(r.stderr)")
      #expect(r.stdout.contains("wrote the learning curve of stage 1 (20 passes) to \(Self.path(name))"))
    }
    let svg = try #require(FileManager.default.contents(atPath: Self.path("curve.svg")))
    #expect(String(decoding: svg, as: UTF8.self).contains("<svg"))
    #expect(try PNGFile.readGray(path: Self.path("curve.png")).width == 800)
    let bad = try runFirstSpike(["inspect", "checkpoints/shallow-rstdp.fspk", "--plot", Self.path("curve.jpg")])
    #expect(bad.status == 1 && bad.stdout.isEmpty)
    #expect(bad.stderr == "firstspike: error: \(Self.path("curve.jpg")): pictures are written as .png or .svg files, not '.jpg'\n")
  }

  @Test func featuresTakeAScale() throws {
    let out = Self.path("conv1.png")
    let r = try runFirstSpike(["features", "--checkpoint", "checkpoints/kheradpisheh2018.fspk", "--layer", "1", "--scale", "2",
                               "--columns", "8", "--out", out])
    #expect(r.status == 0, "\(r.stderr)")
    let model = try ModelRegistry.load(path: RepositoryPaths.checkpoints + "/kheradpisheh2018.fspk")
    let sheet = FeatureSheet(try model.features(layer: 1), columns: 8, scale: 2)
    let image = try PNGFile.readGray(path: out)
    #expect(image.width == sheet.width && image.height == sheet.height)
    #expect(r.stdout.contains("tiles ×2"))
    let zero = try runFirstSpike(["features", "--checkpoint", "checkpoints/kheradpisheh2018.fspk", "--layer", "1", "--scale", "0", "--out", out])
    #expect(zero.status != 0 && zero.stderr.contains("--scale must be 1...64, not 0"))
    // Options whose sheet is larger than any picture: one line naming the file, nothing written.
    let huge = try runFirstSpike(["features", "--checkpoint", "checkpoints/kheradpisheh2018.fspk", "--layer", "2", "--columns", "1",
                                  "--scale", "64", "--out", out + ".huge.png"])
    #expect(huge.status == 1)
    #expect(huge.stderr.hasPrefix("firstspike: error: \(out).huge.png: the feature sheet (1 per row, tiles ×64) would be "))
    #expect(huge.stderr.hasSuffix("pixels; pictures are at most 32767 pixels a side\n"))
    #expect(!FileManager.default.fileExists(atPath: out + ".huge.png"))
  }

  /// `explain` decides as `classify` does, for both model kinds.
  @Test(arguments: ["kheradpisheh2018", "diehlcook2015-n100"])
  func explainAgreesWithClassify(name: String) throws {
    let digit = Self.path("digit-\(name).png")
    let mnist = try MNIST.load(directory: RepositoryPaths.mnist, split: .test)
    try mnist.image(1).writePNG(to: digit)
    let checkpoint = "checkpoints/\(name).fspk", out = Self.path("why-\(name).png")
    let classify = try runFirstSpike(["classify", "--checkpoint", checkpoint, digit])
    let explain = try runFirstSpike(["explain", "--checkpoint", checkpoint, digit, "--out", out])
    try #require(classify.status == 0 && explain.status == 0, "\(explain.stderr)")
    let said = classify.stdout.split(separator: "\t")[1], shown = explain.stdout.split(separator: "\t")[1]
    #expect(said == shown, "classify \(classify.stdout) explain \(explain.stdout)")
    #expect(try PNGFile.readGray(path: out).width >= 640)
  }

  @Test func reportIsOneHTMLFile() throws {
    let out = Self.path("run.html")
    let r = try runFirstSpike(["report", "checkpoints/shallow-rstdp.fspk", "--limit", "10", "--out", out])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("wrote \(out) (") && r.stdout.contains("on 10 images"))
    let html = String(decoding: try #require(FileManager.default.contents(atPath: out)), as: UTF8.self)
    #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("data:image/png;base64,") && html.contains("data:image/svg+xml;base64,"))
  }
}
