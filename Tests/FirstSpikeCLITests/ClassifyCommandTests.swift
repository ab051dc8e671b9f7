import FirstSpike
import FirstSpikeTestSupport
import Foundation
import Testing

/// `classify` as users run it: images in other forms than MNIST's, probabilities, warnings,
/// and the default model found from any folder.
@Suite(.serialized) struct ClassifyCommandTests {
  static let scratch = TempDirectory("classify")
  static var folder: String { scratch.path }
  static let shipped = RepositoryPaths.checkpoints + "/kheradpisheh2018.fspk"
  /// Variables that would point classify somewhere else than the test means.
  static let clean: [String: String?] = ["FIRSTSPIKE_CHECKPOINT": nil, "FIRSTSPIKE_HOME": nil]

  /// MNIST test digit `i` as black ink on a 200×160 white canvas, enlarged and off-centre.
  static func drawn(_ i: Int) throws -> String {
    let test = try MNIST.load(directory: RepositoryPaths.mnist, split: .test, verifyChecksums: false)
    let ink = test.image(i).resized(width: 98, height: 98).inverted()
    let path = folder + "/drawn-\(i)-label\(test.label(i)).png"
    try ink.placed(onCanvas: 200, 160, row: 50, column: 90, fill: 255).writePNG(to: path)
    return path
  }

  @Test func normalisesAndReportsProbabilities() throws {
    let files = try (0..<4).map(Self.drawn)
    let r = try runFirstSpike(["classify", "--checkpoint", Self.shipped, "--top", "3", "--json"] + files)
    #expect(r.status == 0, "\(r.stderr)")
    let results = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    for (entry, file) in zip(results, files) {
      let label = file.split(separator: "label").last!.prefix(1)
      #expect(entry["class"] as? String == String(label), "\(entry)")
      let steps = try #require(entry["preprocessing"] as? [String])
      #expect(steps.first == "inverted" && steps.last?.hasSuffix("centred") == true, "\(steps)")
      let p = try #require(entry["probabilities"] as? [Double])
      #expect(abs(p.reduce(0, +) - 1) < 1e-9 && (entry["probability"] as? Double ?? 0) > 0.5)
      #expect((entry["top"] as? [[String: Any]])?.count == 3 && (entry["class_names"] as? [String])?.count == 10)
    }
    let text = try runFirstSpike(["classify", "--checkpoint", Self.shipped, "--top", "2", files[0]])
    let fields = text.stdout.split(separator: "\t")
    #expect(fields.count == 5 && fields[2].hasPrefix("p ") && fields[3].hasPrefix("top 7 "), "\(text.stdout)")
    #expect(fields[4].hasPrefix("(inverted, ") && fields[4].contains("centred)"), "\(text.stdout)")
    // --preprocess none: only resized, as before.
    let none = try runFirstSpike(["classify", "--checkpoint", Self.shipped, "--preprocess", "none", files[0]])
    #expect(none.stdout.hasSuffix("(resized from 200×160 to 28×28)\n"), "\(none.stdout)")
  }

  @Test func writesWhatTheNetworkSaw() throws {
    let file = try Self.drawn(0)
    let out = Self.folder + "/seen"
    let r = try runFirstSpike(["classify", "--checkpoint", Self.shipped, "--write-inputs", out, file])
    #expect(r.status == 0, "\(r.stderr)")
    let seen = try PNGFile.readGray(path: out + "/00000-drawn-0-label7.png")
    let layout = InkLayout(seen)
    #expect(seen.width == 28 && layout.lightInk && layout.box?.longestSide == 20)
  }

  /// Blank images get a warning on stderr (and still an answer on stdout).
  @Test func warnsAboutBlankImages() throws {
    let blank = Self.folder + "/blank.png"
    try GrayImage(width: 40, height: 40, fill: 255).writePNG(to: blank)
    let r = try runFirstSpike(["classify", "--checkpoint", Self.shipped, blank])
    #expect(r.status == 0)
    #expect(r.stderr.contains("firstspike: warning: \(blank): no ink: the image is nearly uniform"), "\(r.stderr)")
    #expect(r.stdout.hasPrefix(blank + "\t"))
  }

  /// An installed copy (`PREFIX/bin/firstspike`, `PREFIX/share/firstspike/`) run from another
  /// folder finds its model; the variables override; nothing found lists every place looked.
  @Test func findsTheDefaultModelFromAnyFolder() throws {
    let prefix = Self.folder + "/prefix", elsewhere = Self.folder + "/elsewhere"
    for dir in [prefix + "/bin", prefix + "/share/firstspike", elsewhere] {
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    try FileManager.default.copyItem(atPath: firstSpikeBinary, toPath: prefix + "/bin/firstspike")
    try FileManager.default.copyItem(atPath: Self.shipped, toPath: prefix + "/share/firstspike/kheradpisheh2018.fspk")
    let digit = try Self.drawn(1)
    let installed = try runFirstSpike(["classify", digit], in: elsewhere, binary: prefix + "/bin/firstspike",
                                      environment: Self.clean)
    #expect(installed.status == 0 && installed.stdout.hasPrefix(digit + "\t2\t"), "\(installed.stderr)")

    // A symbolic link to the binary (e.g. in ~/bin) resolves to the real one.
    try FileManager.default.createSymbolicLink(atPath: elsewhere + "/fs", withDestinationPath: prefix + "/bin/firstspike")
    #expect(try runFirstSpike(["classify", digit], in: elsewhere, binary: elsewhere + "/fs", environment: Self.clean).status == 0)

    let lonely = Self.folder + "/lonely"
    try FileManager.default.createDirectory(atPath: lonely, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: firstSpikeBinary, toPath: lonely + "/firstspike")
    let lost = try runFirstSpike(["classify", digit], in: elsewhere, binary: lonely + "/firstspike", environment: Self.clean)
    #expect(lost.status == 1)
    let line = lost.stderr
    #expect(line.hasPrefix("firstspike: error: kheradpisheh2018.fspk: no default checkpoint found; looked in checkpoints/kheradpisheh2018.fspk, \(lonely)/share/firstspike/kheradpisheh2018.fspk"), "\(line)")
    #expect(line.contains("/usr/share/firstspike/kheradpisheh2018.fspk") && line.split(separator: "\n").count == 1)

    let home = try runFirstSpike(["classify", digit], in: elsewhere, binary: lonely + "/firstspike",
                                 environment: ["FIRSTSPIKE_HOME": prefix + "/share/firstspike", "FIRSTSPIKE_CHECKPOINT": nil])
    #expect(home.status == 0, "\(home.stderr)")
    let named = try runFirstSpike(["classify", digit], in: elsewhere, binary: lonely + "/firstspike",
                                  environment: ["FIRSTSPIKE_CHECKPOINT": Self.folder + "/none.fspk"])
    #expect(named.stderr == "firstspike: error: \(Self.folder)/none.fspk: no such checkpoint (named by FIRSTSPIKE_CHECKPOINT)\n")
  }
}
