import FirstSpikeTestSupport
import Foundation
import Testing

@testable import FirstSpike

@Suite struct CheckpointRoundTripTests {
  @Test func smallArchiveRoundTripsBitIdentically() throws {
    let archive = try CheckpointSamples.small()
    let decoded = try CheckpointArchive(decoding: archive.encoded())
    #expect(decoded == archive)
    #expect(decoded.formatVersion == 1)
    // Equality is bitwise; check the special floats' bits explicitly too.
    let special = try decoded.floatTensor(named: "special", shape: [4, 4])
    #expect(special.map(\.bitPattern) == CheckpointSamples.specialFloats.map(\.bitPattern))
    #expect(try decoded.int32Tensor(named: "ints", shape: [5]) == [.min, -1, 0, 1, .max])
    #expect(try decoded.uint8Tensor(named: "bytes", shape: [2, 3]) == [0, 1, 127, 128, 254, 255])
    #expect(try decoded.floatTensor(named: "scalar", shape: []) == [3.25])
    #expect(try decoded.tensor(named: "zero-in-middle").shape == [3, 0, 2])
    #expect(try decoded.blob(named: "empty") == [])
    #expect(decoded.blobs.map(\.name) == ["spec", "progress", "empty"])
    #expect(decoded.tensors.map(\.name) == archive.tensors.map(\.name))
  }

  @Test func jsonBlobDecodes() throws {
    let decoded = try CheckpointArchive(decoding: CheckpointSamples.small().encoded())
    let progress = try decoded.decodeBlob(CheckpointSamples.Progress.self, named: "progress")
    #expect(
      progress
        == .init(
          stage: 2, pass: 1, position: 371, rngState: 0xDEAD_BEEF_0123_4567,
          accuracy: [0.5, 0.8125]))
  }

  @Test func emptyArchiveRoundTrips() throws {
    let decoded = try CheckpointArchive(decoding: CheckpointArchive().encoded())
    #expect(decoded.blobs.isEmpty && decoded.tensors.isEmpty)
  }

  /// 1 M floats (4 MB) with a seeded mix of ordinary values and random bit patterns.
  @Test func millionFloatsRoundTrip() throws {
    let seed: UInt64 = 42
    var rng = SplitMix64(seed: seed)
    let values = (0..<1_000_000).map { i in
      i % 7 == 0
        ? Float(bitPattern: UInt32(truncatingIfNeeded: rng.next())) : Float(rng.nextUniform())
    }
    let archive = CheckpointArchive(
      tensors: [CheckpointTensor(name: "conv3.weight", shape: [200, 5000], floats: values)])
    let file = try archive.encoded()
    let decoded = try CheckpointArchive(decoding: file)
    let back = try decoded.floatTensor(named: "conv3.weight", shape: [200, 5000])
    #expect(back.map(\.bitPattern) == values.map(\.bitPattern), "seed \(seed)")
    // Random bits make a seventh of the data incompressible; in the rest (floats in [0, 1)) the
    // top byte (sign and high exponent bits) carries about 2 of its 8 bits: about 81 % of the
    // 4 MB is entropy. zstd's default level here reaches 91.7 % (3 667 209 bytes, libzstd 1.5.4): so the file
    // is compressed (an uncompressed payload is ≥ 4 000 000 bytes), and not below the entropy.
    #expect(file.count < 3_800_000, "seed \(seed): \(file.count) bytes")
    #expect(file.count > 3_200_000, "seed \(seed): \(file.count) bytes, below the data's entropy")
  }

  /// "The same archive always encodes to the same bytes": a decoded file re-encodes to
  /// itself byte for byte, two archives built separately with the same contents encode alike,
  /// and the header JSON is compact with sorted keys, as docs/checkpoint-format.md states.
  @Test func encodingIsCanonical() throws {
    let file = try CheckpointSamples.small().encoded()
    #expect(try CheckpointArchive(decoding: file).encoded() == file)
    let separately = try CheckpointSamples.small()
    #expect(try separately.encoded() == file)
    let payload = try Array(file[16...]).withUnsafeBytes { try Zstd.decompress($0, path: "<memory>") }
    let length = Int(payload[0]) | Int(payload[1]) << 8 | Int(payload[2]) << 16 | Int(payload[3]) << 24
    let header = Data(payload[4..<(4 + length)])
    let object = try JSONSerialization.jsonObject(with: header)
    #expect(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) == header)
  }

  @Test func fileRoundTripSetsSource() throws {
    try withTemporaryFolder { folder in
      let path = folder + "/model.fspk"
      let archive = try CheckpointSamples.small()
      try archive.write(to: path)
      let loaded = try CheckpointArchive.load(from: path)
      #expect(loaded == archive)
      #expect(loaded.source == path)
      let contents = try FileManager.default.contentsOfDirectory(atPath: folder)
      #expect(contents == ["model.fspk"])
    }
  }

  @Test func preambleBytesAreAsDocumented() throws {
    let file = try CheckpointArchive().encoded()
    #expect(Array(file[0..<8]) == Array("FSPK\r\n\u{1A}\n".utf8))
    #expect(Array(file[8..<16]) == [1, 0, 0, 0, 0, 0, 0, 0])
    #expect(Array(file[16..<20]) == [0x28, 0xB5, 0x2F, 0xFD])  // zstd frame magic
  }

  @Test func setReplacesByName() throws {
    var archive = CheckpointArchive()
    archive.setTensor(CheckpointTensor(name: "w", shape: [1], floats: [1]))
    archive.setTensor(CheckpointTensor(name: "v", shape: [1], floats: [2]))
    archive.setTensor(CheckpointTensor(name: "w", shape: [2], floats: [3, 4]))
    #expect(archive.tensors.map(\.name) == ["w", "v"])
    #expect(try archive.floatTensor(named: "w", shape: [2]) == [3, 4])
  }
}
