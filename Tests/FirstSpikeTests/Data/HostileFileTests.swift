import FirstSpikeTestSupport
import Foundation
import Testing

@testable import FirstSpike

/// Files that are not what they claim: every reader refuses them in one line, without
/// blocking, without reading more than it needs and without allocating what a header declares.
@Suite struct HostileFileTests {
  /// A FIFO nobody writes to: opening it for reading would block forever.
  func withFIFO(_ body: (String) throws -> Void) throws {
    let folder = TempDirectory("fifo")
    let path = folder.file("pipe.png")
    #expect(mkfifo(path, 0o600) == 0)
    try body(path)
  }

  @Test func fifoIsRefusedWithoutBlocking() throws {
    try withFIFO { fifo in
      let kind = "a FIFO (named pipe)"
      #expect(throws: DataError.notRegularFile(path: fifo, kind: kind)) { try PNGFile.readGray(path: fifo) }
      #expect(throws: DataError.notRegularFile(path: fifo, kind: kind)) { try IDXFile.read(path: fifo) }
      #expect(throws: DataError.notRegularFile(path: fifo, kind: kind)) { try DataFileFormat.detect(path: fifo) }
      #expect(throws: CheckpointError.notRegularFile(path: fifo, kind: kind)) { try CheckpointArchive.load(from: fifo) }
      let record = DataRecord(kind: "mnist", path: "x", classNames: [])
      #expect(throws: SpecFileError(path: fifo, reason: "cannot read the model spec: not a regular file (\(kind))")) {
        _ = try ModelRegistry.newModel(specFile: fifo, seed: 0, data: record)
      }
      #expect(throws: TraceError.unreadable(path: fifo, reason: "not a regular file (\(kind))")) {
        _ = try ReferenceTrace(contentsOf: fifo)
      }
    }
  }

  /// `/dev/zero` would be read forever (or until a 4 GB allocation fails).
  @Test func devicesAreRefusedBeforeReading() {
    let kind = "a character device"
    #expect(throws: DataError.notRegularFile(path: "/dev/zero", kind: kind)) { try PNGFile.readGray(path: "/dev/zero") }
    #expect(throws: DataError.notRegularFile(path: "/dev/zero", kind: kind)) { try IDXFile.read(path: "/dev/zero") }
    #expect(throws: CheckpointError.notRegularFile(path: "/dev/zero", kind: kind)) { try CheckpointArchive.load(from: "/dev/zero") }
    #expect(throws: CheckpointError.notRegularFile(path: "/dev/null", kind: kind)) { try CheckpointArchive.load(from: "/dev/null") }
  }

  /// A checkpoint's preamble is checked on its first 16 bytes, its size before the rest is read.
  @Test func checkpointMagicAndSizeComeFirst() throws {
    let folder = TempDirectory("big")
    let png = folder.write(try GrayImage(width: 2, height: 2, pixels: [0, 1, 2, 3]).pngData(), to: "x.png")
    #expect(throws: CheckpointError.notACheckpoint(path: png)) { try CheckpointArchive.load(from: png) }
    // A sparse 3 GB file with a valid preamble: refused by size, nothing allocated.
    let big = folder.write(CheckpointArchive.magic + [1, 0, 0, 0, 0, 0, 0, 0], to: "big.fspk")
    #expect(truncate(big, 3 << 30) == 0)
    let limit = CheckpointArchive.maxFileSize(forPayload: 1 << 20)
    #expect(throws: CheckpointError.fileTooLarge(path: big, size: 3 << 30, limit: limit)) {
      try CheckpointArchive.load(from: big, maxPayloadSize: 1 << 20)
    }
  }

  @Test func idxDimensionsThatOverflowAreRefused() throws {
    let folder = TempDirectory("idx")
    let header: [UInt8] = [0, 0, 8, 3] + [UInt8](repeating: 0xFF, count: 12)
    let path = folder.write(header, to: "overflow.idx")
    let d = Int(UInt32.max)
    #expect(throws: DataError.idxTooLarge(path: path, dimensions: [d, d, d], limit: IDXFile.maxPayloadBytes)) {
      try IDXFile.read(path: path)
    }
    #expect(DataError.idxTooLarge(path: "f", dimensions: [2, 3, 4], limit: 5).description
      == "f: IDX header declares 2 × 3 × 4 items, over the limit of 5 bytes")
  }

  /// A gzip bomb: a valid header for 2 images followed by 64 MiB of zeros (64 KiB compressed).
  /// Decompression stops 1 MiB past what the header promises.
  @Test func gzipBombStopsAtThePromisedSizePlusACap() throws {
    let folder = TempDirectory("bomb")
    let path = folder.file("bomb.idx.gz")
    try IDXFile.write(kind: .images, dimensions: [2, 2, 2], payload: [UInt8](repeating: 0, count: 8 + (64 << 20)),
                      to: path, compressed: true)
    #expect(FileIdentity.of(path: path)!.size < 1 << 20)
    #expect(throws: DataError.idxTrailingBytesAtLeast(path: path, expected: 24, atLeast: 24 + IDXFile.trailingScanLimit)) {
      try IDXFile.read(path: path)
    }
  }

  /// The 44-byte PNG declaring a 2 GB text chunk: the chunk is dropped before libpng
  /// sees it, so libpng reports the truncation instead of allocating 2 GB. Compressed text is
  /// dropped too (it could inflate without bound); tRNS and the critical chunks stay.
  @Test func pngChunkLengthsNeverReachLibpng() throws {
    let ihdr = pngChunk("IHDR", [0, 0, 0, 28, 0, 0, 0, 28, 8, 0, 0, 0, 0])
    let huge: [UInt8] = [0x7F, 0xFF, 0xFF, 0x00] + Array("tEXtabc".utf8)
    let bytes = PNGChunks.signature + ihdr + huge
    #expect(bytes.count == 44)
    #expect(PNGChunks.decodingChunks(bytes) == PNGChunks.signature + ihdr)
    #expect(throws: DataError.png(path: "t.png", message: "read beyond end of data")) {
      try PNGFile.decodeGray(bytes, path: "t.png")
    }
    let valid = try GrayImage(width: 3, height: 2, pixels: [0, 50, 100, 150, 200, 250]).pngData()
    let list = try #require(PNGChunks.chunks(valid))
    let idat = list.first { $0.type == "IDAT" }!.offset
    let withText = Array(valid[..<idat]) + pngChunk("zTXt", Array("k\0\0".utf8) + [0x78, 0x9C, 0x03, 0, 0, 0, 0, 1])
      + pngChunk("tRNS", [0, 7]) + Array(valid[idat...])
    let kept = try #require(PNGChunks.chunks(PNGChunks.decodingChunks(withText))).map(\.type)
    #expect(kept == ["IHDR", "tRNS", "IDAT", "IEND"])
    #expect(try PNGFile.decodeGray(withText).pixels == [0, 50, 100, 150, 200, 250])
  }

  @Test func pngSignatureIsCheckedBeforeReadingTheFile() throws {
    let folder = TempDirectory("sig")
    let path = folder.write(Array("not a png at all".utf8), to: "x.png")
    #expect(throws: DataError.png(path: path, message: PNGFile.notPNG)) { try PNGFile.readGray(path: path) }
  }

  func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let body = Array(type.utf8) + data
    return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
  }

  /// PNG's CRC-32 (ISO 3309, reflected polynomial 0xEDB88320).
  func crc32(_ bytes: [UInt8]) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes {
      c ^= UInt32(b)
      for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    }
    return ~c
  }

  func bigEndian(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - 8 * $0)) } }
}
