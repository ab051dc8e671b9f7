import Testing

@testable import FirstSpike

@Suite struct ZstdTests {
  func decompress(_ frame: [UInt8], maxSize: Int = 1 << 20) throws(CheckpointError) -> [UInt8] {
    try frame.withUnsafeBytes { raw in
      Result { () throws(CheckpointError) in
        try Zstd.decompress(raw, path: "f.zst", maxSize: maxSize)
      }
    }.get()
  }

  @Test func roundTripsEmptyRandomAndRepetitiveInput() throws {
    let seed: UInt64 = 3
    var rng = SplitMix64(seed: seed)
    let random = (0..<10_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    let repetitive = [UInt8](repeating: 0xAB, count: 100_000)
    for (name, input) in [("empty", []), ("random", random), ("repetitive", repetitive)] {
      for level: Int32 in [1, 10, 19] {
        let frame = try Zstd.compress(input, level: level)
        #expect(try decompress(frame) == input, "\(name) level \(level) seed \(seed)")
      }
    }
    #expect(
      try Zstd.compress(repetitive).count < 100, "100 kB of one byte compresses to a few bytes")
  }

  /// The frame header declares the content size and a content checksum (RFC 8878 §3.1.1.1.1:
  /// descriptor bit 2 = checksum; bits 6-7 or the single-segment bit 5 = content size field).
  @Test func frameCarriesContentSizeAndChecksum() throws {
    let frame = try Zstd.compress(Array("FirstSpike".utf8))
    #expect(Array(frame[0..<4]) == [0x28, 0xB5, 0x2F, 0xFD])
    let descriptor = frame[4]
    #expect(descriptor & 0x04 != 0)
    #expect(descriptor & 0xC0 != 0 || descriptor & 0x20 != 0)
  }

  @Test func sizeCapIsCheckedFirst() throws {
    let frame = try Zstd.compress([UInt8](repeating: 1, count: 5000))
    #expect(throws: CheckpointError.tooLarge(path: "f.zst", size: 5000, limit: 4999)) {
      try decompress(frame, maxSize: 4999)
    }
    #expect(try decompress(frame, maxSize: 5000).count == 5000)
  }

  @Test func garbageIsNotAFrame() {
    #expect(throws: CheckpointError.corrupt(path: "f.zst", reason: "no zstd frame at byte 0")) {
      try decompress(Array("not zstd".utf8))
    }
    #expect(throws: CheckpointError.truncated(path: "f.zst", offset: 2, expected: nil)) {
      try decompress([0x28, 0xB5])
    }
  }
}
