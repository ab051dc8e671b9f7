import FirstSpikeTestSupport
import Foundation
import Testing

@Suite struct InfoCommandTests {
  static let fixtures = repositoryRoot + "/Tests/FirstSpikeTests/Fixtures/png/"
  static let broken = [
    "broken-empty.png", "broken-not-png.png", "broken-truncated.png", "broken-bad-crc.png",
    "broken-zero-width.png", "broken-huge.png",
  ]

  /// Each broken file: exit status 1, nothing on stdout, exactly one stderr line
  /// `firstspike: error: <path>: …`.
  @Test(arguments: broken)
  func brokenFileIsOneErrorLine(name: String) throws {
    let path = Self.fixtures + name
    let result = try runFirstSpike(["info", path])
    #expect(result.status == 1, "\(name): \(result)")
    #expect(result.stdout.isEmpty, "\(name): \(result.stdout)")
    let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 2 && lines[1].isEmpty, "\(name): \(result.stderr)")
    #expect(result.stderr.hasPrefix("firstspike: error: \(path): "), "\(name): \(result.stderr)")
  }

  @Test func missingFile() throws {
    let result = try runFirstSpike(["info", "/nonexistent-firstspike.png"])
    #expect(result.status == 1)
    #expect(
      result.stderr == "firstspike: error: /nonexistent-firstspike.png: no such file or directory\n"
    )
  }

  @Test func describesPNG() throws {
    let result = try runFirstSpike(["info", Self.fixtures + "rgba16.png"])
    #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
    #expect(result.stdout.contains("size: 9×7 pixels"))
    #expect(result.stdout.contains("colour type: RGBA (6), bit depth 16, interlace: none"))
    let adam7 = try runFirstSpike(["info", Self.fixtures + "gray8-adam7.png"])
    #expect(adam7.stdout.contains("colour type: gray (0), bit depth 8, interlace: Adam7"))
  }

  @Test func describesIDX() throws {
    let result = try runFirstSpike(["info", "datasets/mnist/t10k-images-idx3-ubyte.gz"])
    #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
    #expect(
      result.stdout.hasPrefix(
        "datasets/mnist/t10k-images-idx3-ubyte.gz: IDX images (magic 0x00000803), gzip-compressed\n"
      ))
    #expect(result.stdout.contains("count: 10000\n"))
    #expect(result.stdout.contains("image size: 28 rows × 28 columns"))
    let labels = try runFirstSpike(["info", "datasets/mnist/t10k-labels-idx1-ubyte.gz"])
    #expect(labels.stdout.contains("label counts: 0: 980, 1: 1135, 2: 1032"))
  }

  @Test func helpHasAnExample() throws {
    for command in ["info", "export"] {
      let result = try runFirstSpike([command, "--help"])
      #expect(
        result.status == 0 && result.stdout.contains("Example:\n  firstspike \(command) "),
        "\(command): \(result.stdout)")
    }
  }

  /// A folder: classes and counts on stdout, each skipped file as one warning line on stderr.
  @Test func describesImageFolder() throws {
    let eth = try runFirstSpike(["info", "datasets/eth80-cup-dog"])
    #expect(eth.status == 0 && eth.stderr.isEmpty, "\(eth)")
    #expect(
      eth.stdout == """
        datasets/eth80-cup-dog: image folder, 820 PNG images, 2 classes
          0 cup: 410 images, 64×64
          1 dog: 410 images, 64×64

        """)
    let scratch = TempDirectory("info")
    let dir = URL(fileURLWithPath: scratch.path)
    try FileManager.default.createDirectory(
      at: dir.appendingPathComponent("a"), withIntermediateDirectories: true)
    try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "gray8.png"))
      .write(to: dir.appendingPathComponent("a/x.png"))
    try Data("hi".utf8).write(to: dir.appendingPathComponent("a/readme.txt"))
    let result = try runFirstSpike(["info", dir.path])
    #expect(result.status == 0, "\(result)")
    #expect(
      result.stderr == "firstspike: warning: \(dir.path)/a/readme.txt: skipped, not a .png file\n")
  }
}
