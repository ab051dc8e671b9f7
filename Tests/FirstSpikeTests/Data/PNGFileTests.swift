import FirstSpikeTestSupport
import Foundation
import Testing

@testable import FirstSpike

@Suite struct PNGFileTests {
  /// Every colour type and bit depth decodes to exactly the luma the fixture script computed
  /// (tolerance 0: every byte equal).
  @Test(arguments: PNGFixtures.manifest.valid.map(\.file))
  func fixtureDecodesExactly(file: String) throws {
    let entry = PNGFixtures.manifest.valid.first { $0.file == file }!
    let image = try PNGFile.readGray(path: PNGFixtures.path(file))
    #expect(image.width == entry.width && image.height == entry.height, "\(file)")
    let expected = PNGFixtures.expectedGray(file)
    let diffs = zip(image.pixels, expected).enumerated().filter { $0.element.0 != $0.element.1 }
    let first = diffs.prefix(5).map { "\($0.offset): got \($0.element.0) want \($0.element.1)" }
    #expect(image.pixels == expected, "\(file): \(diffs.count) pixels differ, first \(first)")
  }

  @Test(arguments: PNGFixtures.manifest.broken.map(\.file))
  func brokenFixtureThrowsNamingPath(file: String) {
    let entry = PNGFixtures.manifest.broken.first { $0.file == file }!
    let path = PNGFixtures.path(file)
    do {
      let image = try PNGFile.readGray(path: path)
      Issue.record("\(file) decoded to \(image.width)×\(image.height)")
    } catch {
      #expect(error.description.hasPrefix(path + ": "), "\(error.description)")
      let message = error.description.dropFirst(path.count + 2)
      #expect(message.contains(entry.message), "\(error.description)")
    }
  }
}

@Suite struct PNGRoundTripTests {
  static func tempPath(_ name: String) -> String {
    temporaryPath(name)
  }

  /// A gray image with every value 0...255 and an odd size survives write + read unchanged.
  @Test func grayFileRoundTrip() throws {
    let pixels = (0..<(17 * 19)).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 17) }
    let image = GrayImage(width: 17, height: 19, pixels: pixels)
    let path = Self.tempPath("gray.png")
    try image.writePNG(to: path)
    #expect(try GrayImage(pngPath: path) == image)
    #expect(try GrayImage(pngData: image.pngData()) == image)
  }

  /// RGB written then read gives, for every pixel, PIL's `convert("L")` fixed-point luma
  /// `(19595 R + 38470 G + 7471 B + 0x8000) >> 16`, computed here independently of the library.
  @Test func rgbFileRoundTrip() throws {
    var rgb = RGBImage(width: 5, height: 3, pixels: (0..<45).map { UInt8($0 * 5) })
    rgb[0, 0] = (255, 0, 0)  // pure red: (255·19595 + 32768) >> 16 = 76
    rgb[0, 1] = (0, 255, 0)  // pure green: 150
    rgb[0, 2] = (0, 0, 255)  // pure blue: 29
    let path = Self.tempPath("rgb.png")
    try rgb.writePNG(to: path)
    let gray = try GrayImage(pngPath: path)
    let expected = (0..<15).map { i -> UInt8 in
      let (r, g, b) = (Int(rgb.pixels[3 * i]), Int(rgb.pixels[3 * i + 1]), Int(rgb.pixels[3 * i + 2]))
      return UInt8((19595 * r + 38470 * g + 7471 * b + 0x8000) >> 16)
    }
    #expect(gray.pixels == expected)
    #expect(Array(gray.pixels[0..<3]) == [76, 150, 29])
    #expect(try GrayImage(pngData: rgb.pngData()).pixels == expected)
  }

  /// Real RGB photographs (ETH-80) decode to exactly the gray PIL's `convert("L")` made of them
  /// (the `gray` arrays of the SpykeTorch reference files, produced with Pillow 13).
  @Test(arguments: [0, 1, 2]) func eth80PhotosMatchPIL(index: Int) throws {
    let url = try #require(Bundle.module.url(forResource: "shallow_img\(index)", withExtension: "json",
                                             subdirectory: "Fixtures/golden-deep"))
    let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let file = try #require(json["image"] as? String), gray = try #require(json["gray"] as? [String: Any])
    let pil = try #require(gray["data"] as? [Int]).map(UInt8.init)
    let ours = try GrayImage(pngPath: RepositoryPaths.root + "/" + file)
    #expect(try #require(gray["shape"] as? [Int]) == [ours.height, ours.width])
    #expect(ours.pixels == pil, "\(file): \(zip(ours.pixels, pil).filter { $0 != $1 }.count) pixels differ")
  }

  @Test func headerMatchesManifest() throws {
    for entry in PNGFixtures.manifest.valid {
      let bytes = [UInt8](
        try Data(contentsOf: PNGFixtures.directory.appendingPathComponent(entry.file)))
      let header = try PNGHeader(bytes: bytes, path: entry.file)
      #expect(header.width == entry.width && header.height == entry.height, "\(entry.file)")
      #expect(
        header.bitDepth == entry.bitDepth && header.colorType == entry.colorType, "\(entry.file)")
      #expect(header.interlaced == entry.interlaced, "\(entry.file)")
      #expect(
        header.chunkTypes.first == "IHDR" && header.chunkTypes.last == "IEND", "\(entry.file)")
    }
  }

  @Test func pixelCapIsConfigurable() throws {
    let path = PNGFixtures.path("rgb8.png")  // 8×6 = 48 pixels
    #expect(try PNGFile.readGray(path: path, maxPixels: 48).width == 8)
    #expect(throws: DataError.pngTooLarge(path: path, width: 8, height: 6, maxPixels: 47)) {
      try PNGFile.readGray(path: path, maxPixels: 47)
    }
  }

  @Test func unwritablePathNamesPath() {
    let path = "/nonexistent-dir-firstspike/x.png"
    do {
      try GrayImage(width: 2, height: 2, fill: 9).writePNG(to: path)
      Issue.record("wrote \(path)")
    } catch {
      #expect(error.description.hasPrefix(path + ": cannot write: "), "\(error)")
    }
  }

  @Test func missingAndUnreadableFiles() {
    #expect(throws: DataError.fileNotFound(path: "/nonexistent-firstspike.png")) {
      try PNGFile.readGray(path: "/nonexistent-firstspike.png")
    }
    let dir = PNGFixtures.directory.path
    #expect(throws: DataError.notRegularFile(path: dir, kind: "a folder")) {
      try PNGFile.readGray(path: dir)
    }
  }

  /// Dropping gAMA/cHRM/sRGB/iCCP leaves every other byte in place.
  @Test func colorManagementChunksAreRemoved() throws {
    let path = PNGFixtures.directory.appendingPathComponent("rgb8-gamma10.png")
    let bytes = [UInt8](try Data(contentsOf: path))
    let stripped = PNGChunks.decodingChunks(bytes)
    #expect(stripped.count == bytes.count - 16)  // gAMA: 4 length + 4 type + 4 data + 4 CRC
    #expect(PNGChunks.chunks(stripped)?.map(\.type) == ["IHDR", "IDAT", "IEND"])
    let plain = [UInt8](
      try Data(contentsOf: PNGFixtures.directory.appendingPathComponent("rgb8.png")))
    #expect(PNGChunks.decodingChunks(plain) == plain)
  }
}
