import Foundation
import Testing

@testable import FirstSpike

/// Format stability: a v1 file written by an earlier build must keep loading, with the same
/// contents. Re-record (only for a deliberate format change, with a new version number):
/// `RECORD_FIXTURES=1 swift test --filter CheckpointFixtureTests`.
@Suite struct CheckpointFixtureTests {
  static let name = "v1-small"

  static var committedPath: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/checkpoint/\(name).fspk").path
  }

  @Test func v1FixtureStillLoads() throws {
    if ProcessInfo.processInfo.environment["RECORD_FIXTURES"] == "1" {
      try CheckpointSamples.small().write(to: Self.committedPath)
    }
    let url = try #require(
      Bundle.module.url(
        forResource: Self.name, withExtension: "fspk", subdirectory: "Fixtures/checkpoint"))
    let loaded = try CheckpointArchive.load(from: url.path)
    #expect(loaded.formatVersion == 1)
    #expect(loaded == (try CheckpointSamples.small()))
    let special = try loaded.floatTensor(named: "special", shape: [4, 4])
    #expect(special[6].bitPattern == 0x7FC0_1234)
    #expect(special[1].bitPattern == 0x8000_0000)
    let progress = try loaded.decodeBlob(CheckpointSamples.Progress.self, named: "progress")
    #expect(progress.rngState == 0xDEAD_BEEF_0123_4567)
    let (bytes, _) = try CheckpointArchive.readFile(url.path)
    #expect(Array(bytes[0..<16]) == CheckpointSamples.preamble(version: 1, flags: 0))
  }
}
