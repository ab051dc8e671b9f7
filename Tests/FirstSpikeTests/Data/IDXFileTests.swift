import FirstSpikeTestSupport
import Foundation
import Testing

@testable import FirstSpike

@Suite struct IDXFileTests {
  /// Three 2×3 images with distinct pixels.
  static let images = IDXImages(
    count: 3, rows: 2, columns: 3, pixels: (0..<18).map { UInt8($0 * 13) })
  static let labels = IDXLabels([7, 0, 9])

  /// The raw IDX bytes of ``images``: magic, count, rows, columns (u32 BE), then pixels.
  static let rawImageBytes: [UInt8] =
    [0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 3] + (0..<18).map { UInt8($0 * 13) }

  @Test(arguments: [false, true])
  func roundTrip(compressed: Bool) throws {
    let dir = TempDirectory("idx")
    try IDXFile.write(Self.images, to: dir.file("i"), compressed: compressed)
    try IDXFile.write(Self.labels, to: dir.file("l"), compressed: compressed)
    #expect(try IDXFile.readImages(path: dir.file("i")) == Self.images)
    #expect(try IDXFile.readLabels(path: dir.file("l")) == Self.labels)
    let contents = try IDXFile.read(path: dir.file("i"))
    #expect(contents.compressed == compressed && contents.dimensions == [3, 2, 3])
    let onDisk = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.file("i"))))
    if compressed {
      #expect(Array(onDisk[0..<2]) == [0x1F, 0x8B])  // gzip magic
    } else {
      #expect(onDisk == Self.rawImageBytes)
    }
    #expect(
      try IDXFile.readImages(path: dir.file("i")).image(1).pixels == [78, 91, 104, 117, 130, 143])
  }

  @Test func wrongMagic() {
    let dir = TempDirectory("idx")
    var bytes = Self.rawImageBytes
    bytes[2] = 0x09  // signed bytes: not supported
    let path = dir.write(bytes, to: "bad")
    #expect(throws: DataError.idxBadMagic(path: path, found: 0x0000_0903)) {
      try IDXFile.readImages(path: path)
    }
  }

  @Test func labelsWhereImagesExpected() throws {
    let dir = TempDirectory("idx")
    try IDXFile.write(Self.labels, to: dir.file("l"), compressed: false)
    #expect(throws: DataError.idxWrongKind(path: dir.file("l"), expected: .images, found: .labels))
    {
      try IDXFile.readImages(path: dir.file("l"))
    }
  }

  @Test func truncatedRawAndGzip() throws {
    let dir = TempDirectory("idx")
    let path = dir.write(Array(Self.rawImageBytes.dropLast(5)), to: "short")
    #expect(throws: DataError.idxTruncated(path: path, expected: 34, actual: 29)) {
      try IDXFile.readImages(path: path)
    }
    let header = dir.write(Array(Self.rawImageBytes[0..<10]), to: "header")
    #expect(throws: DataError.idxTruncated(path: header, expected: 16, actual: 10)) {
      try IDXFile.readImages(path: header)
    }
    // A gzip stream cut short: zlib delivers what it can, the size check reports it.
    try IDXFile.write(
      IDXImages(count: 50, rows: 28, columns: 28, pixels: (0..<39200).map { UInt8($0 % 251) }),
      to: dir.file("full.gz"), compressed: true)
    let gz = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.file("full.gz"))))
    let cut = dir.write(Array(gz.prefix(gz.count / 2)), to: "cut.gz")
    do {
      _ = try IDXFile.readImages(path: cut)
      Issue.record("read a truncated gzip file")
    } catch {
      guard case .idxTruncated(cut, 39216, let actual) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(actual < 39216)
    }
  }

  @Test func trailingBytes() {
    let dir = TempDirectory("idx")
    let path = dir.write(Self.rawImageBytes + [1, 2, 3], to: "long")
    #expect(throws: DataError.idxTrailingBytes(path: path, expected: 34, actual: 37)) {
      try IDXFile.readImages(path: path)
    }
  }

  @Test func zeroRows() {
    let dir = TempDirectory("idx")
    var bytes = Self.rawImageBytes
    bytes[11] = 0
    let path = dir.write(bytes, to: "zero")
    #expect(throws: DataError.idxZeroDimension(path: path, rows: 0, columns: 3)) {
      try IDXFile.readImages(path: path)
    }
  }

  @Test func corruptGzipIsAGzipError() throws {
    let dir = TempDirectory("idx")
    try IDXFile.write(Self.images, to: dir.file("ok.gz"), compressed: true)
    var gz = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.file("ok.gz"))))
    gz[gz.count - 6] ^= 0xFF  // CRC-32 of the gzip trailer
    let path = dir.write(gz, to: "crc.gz")
    #expect {
      try IDXFile.readImages(path: path)
    } throws: { error in
      guard case .gzip(path, let message) = error as? DataError else { return false }
      return message.contains("check")  // zlib: "incorrect data check"
    }
  }

  @Test func missingFile() {
    #expect(throws: DataError.fileNotFound(path: "/nonexistent-firstspike/x.idx")) {
      try IDXFile.read(path: "/nonexistent-firstspike/x.idx")
    }
  }
}
