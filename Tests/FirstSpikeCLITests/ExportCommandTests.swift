import FirstSpikeTestSupport
import Foundation
import Testing

@testable import FirstSpike
@testable import FirstSpikeCLI

@Suite struct ExportCommandTests {
  /// `export` of test images 0..<100, then every PNG read back equals the IDX pixels
  /// (tolerance 0) and is named `<index>-label<digit>.png`.
  @Test func exportedPNGsHoldTheIDXPixels() throws {
    let scratch = TempDirectory("export")
    let out = scratch.file("nested")
    let result = try runFirstSpike([
      "export", "--data", "datasets/mnist", "--split", "test", "--range", "0..<100", "--out", out,
    ])
    #expect(result.status == 0, "\(result)")
    let mnist = try MNIST.load(directory: repositoryRoot + "/datasets/mnist", split: .test)
    let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    #expect(files.count == 100)
    #expect(files.first == "00000-label7.png" && files.last == "00099-label9.png")
    for i in 0..<100 {
      let name = ExportCommand.fileName(index: i, label: mnist.label(i))
      let image = try GrayImage(pngPath: out + "/" + name)
      #expect(image == mnist.image(i), "image \(i)")
    }
  }

  @Test func inclusiveRangeAndBounds() throws {
    #expect(
      try IndexRange.parse("3...5") == IndexRange(lowerBound: 3, upperBound: 6, text: "3...5"))
    #expect(try IndexRange.parse("0..<1").count == 1)
    for bad in ["5..<5", "6...5", "-1..<3", "a..<b", "3", "1..2", ""] {
      #expect(throws: (any Error).self, "\(bad)") { try IndexRange.parse(bad) }
    }
    let result = try runFirstSpike(["export", "--range", "9990...10000", "--out", "/tmp/unused"])
    #expect(result.status == 1)
    #expect(
      result.stderr.hasPrefix("firstspike: error: datasets/mnist/t10k-images-idx3-ubyte.gz: "))
    #expect(result.stderr.contains("outside the 10000 test images"))
    let syntax = try runFirstSpike(["export", "--range", "5..<3", "--out", "/tmp/unused"])
    #expect(syntax.status != 0 && syntax.stderr.contains("expected A..<B or A...B"))
  }

  @Test func fileNames() {
    #expect(ExportCommand.fileName(index: 42, label: 7) == "00042-label7.png")
    #expect(ExportCommand.fileName(index: 123_456, label: 0) == "123456-label0.png")
  }
}
