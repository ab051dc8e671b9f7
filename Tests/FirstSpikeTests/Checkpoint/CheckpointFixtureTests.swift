import Foundation
import Testing

@testable import FirstSpike

/// Format stability against files FirstSpike did not write now:
/// - `v1-independent.fspk`, written by `Fixtures/checkpoint/make_v1_fixture.py` from
///   docs/checkpoint-format.md alone (the stock `zstd` tool makes the frame), with a manifest of
///   what a correct reader must find;
/// - `v1-small.fspk`, written by an earlier FirstSpike build (never re-recorded for version 1).
@Suite struct CheckpointFixtureTests {
  static func fixture(_ name: String, _ ext: String) throws -> String {
    try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures/checkpoint")).path
  }

  /// Every blob's bytes and every tensor's dtype, shape and element bits as the manifest lists.
  @Test func independentlyWrittenFileLoads() throws {
    let loaded = try CheckpointArchive.load(from: Self.fixture("v1-independent", "fspk"))
    let data = try Data(contentsOf: URL(fileURLWithPath: Self.fixture("v1-independent", "json")))
    let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(loaded.formatVersion == 1 && manifest["format_version"] as? Int == 1)
    let blobs = try #require(manifest["blobs"] as? [[String: Any]])
    #expect(loaded.blobs.map(\.name) == blobs.map { $0["name"] as? String ?? "" })
    for b in blobs {
      let name = try #require(b["name"] as? String), hex = try #require(b["hex"] as? String)
      let bytes = stride(from: 0, to: hex.count, by: 2).map { i -> UInt8 in
        let s = hex.index(hex.startIndex, offsetBy: i)
        return UInt8(hex[s..<hex.index(s, offsetBy: 2)], radix: 16)!
      }
      #expect(try loaded.blob(named: name) == bytes, "blob \(name)")
    }
    let tensors = try #require(manifest["tensors"] as? [[String: Any]])
    #expect(loaded.tensors.map(\.name) == tensors.map { $0["name"] as? String ?? "" })
    for t in tensors {
      let name = try #require(t["name"] as? String), shape = try #require(t["shape"] as? [Int])
      switch t["dtype"] as? String {
      case "float32":
        let bits = try #require(t["elements"] as? [String]).map { UInt32($0, radix: 16)! }
        #expect(try loaded.floatTensor(named: name, shape: shape).map(\.bitPattern) == bits, "tensor \(name)")
      case "int32":
        let values = try #require(t["elements"] as? [Int]).map(Int32.init)
        #expect(try loaded.int32Tensor(named: name, shape: shape) == values, "tensor \(name)")
      case "uint8":
        let values = try #require(t["elements"] as? [Int]).map(UInt8.init)
        #expect(try loaded.uint8Tensor(named: name, shape: shape) == values, "tensor \(name)")
      default:
        Issue.record("tensor \(name): dtype \(String(describing: t["dtype"]))")
      }
    }
  }

  /// The file an earlier build wrote still loads with the contents it was written from.
  @Test func earlierBuildsFileStillLoads() throws {
    let path = try Self.fixture("v1-small", "fspk")
    let loaded = try CheckpointArchive.load(from: path)
    #expect(loaded.formatVersion == 1)
    #expect(loaded == (try CheckpointSamples.small()))
    let special = try loaded.floatTensor(named: "special", shape: [4, 4])
    #expect(special[6].bitPattern == 0x7FC0_1234)
    #expect(special[1].bitPattern == 0x8000_0000)
    let progress = try loaded.decodeBlob(CheckpointSamples.Progress.self, named: "progress")
    #expect(progress.rngState == 0xDEAD_BEEF_0123_4567)
    let (bytes, _) = try CheckpointArchive.readFile(path)
    #expect(Array(bytes[0..<16]) == CheckpointSamples.preamble(version: 1, flags: 0))
  }
}
