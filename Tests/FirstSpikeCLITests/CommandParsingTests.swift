@testable import FirstSpike
import FirstSpikeTestSupport
import Foundation
import Testing
@testable import FirstSpikeCLI

@Suite struct CommandParsingTests {
  /// The built binary prints the version with `--version` (a semantic version), and the same
  /// version is what it records as the writer of the checkpoints it trains.
  @Test func versionIsPrintedAndRecorded() throws {
    let r = try runFirstSpike(["--version"])
    #expect(r.status == 0 && r.stderr.isEmpty)
    let version = r.stdout.trimmingCharacters(in: .newlines)
    #expect(r.stdout == version + "\n" && version == FirstSpikeCommand.configuration.version)
    let parts = version.split(separator: ".", omittingEmptySubsequences: false)
    #expect(parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }, "\(version)")

    let folder = TempDirectory("version"), checkpoint = folder.file("v.fspk")
    let spec = TinyModels.mozafariSpecFile(in: folder.path)
    let train = try runFirstSpike(["train", "--spec", spec, "--data", "datasets/mnist", "--stage", "1", "--limit", "3",
                                   "--epochs", "1", "--checkpoint", checkpoint])
    #expect(train.status == 0, "\(train.stderr)")
    #expect(try SingleSpikeModel.load(path: checkpoint).training.formatNote == "FirstSpike \(version)")
    // The container's header names the writer too (payload after the 16-byte preamble).
    let (file, _) = try CheckpointArchive.readFile(checkpoint)
    let payload = try Array(file[16...]).withUnsafeBytes { try Zstd.decompress($0, path: checkpoint) }
    let headerLength = Int(payload[0]) | Int(payload[1]) << 8 | Int(payload[2]) << 16 | Int(payload[3]) << 24
    let header = try #require(try JSONSerialization.jsonObject(with: Data(payload[4..<(4 + headerLength)])) as? [String: Any])
    #expect(header["writer"] as? String == "FirstSpike \(version)")
  }
}
