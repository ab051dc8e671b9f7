import FirstSpikeTestSupport
import Foundation
import Testing

@testable import FirstSpike

@Suite struct ImageFolderTests {
  /// Two classes ("b" sorts before "cat"), PNGs in sorted order, a text file skipped with a
  /// warning, a dot-file and a root-level file skipped silently.
  @Test func twoClassesSortedWithWarnings() throws {
    let dir = TempDirectory("folder")
    for name in ["cat", "b"] {
      try FileManager.default.createDirectory(
        atPath: dir.file(name), withIntermediateDirectories: true)
    }
    let images = (0..<3).map { i in
      GrayImage(width: 3, height: 2, pixels: (0..<6).map { UInt8(40 * i + 11 * $0) })
    }
    try images[0].writePNG(to: dir.file("cat/z.png"))
    try images[1].writePNG(to: dir.file("cat/A.PNG"))
    try images[2].writePNG(to: dir.file("b/only.png"))
    _ = dir.write(Array("notes".utf8), to: "cat/notes.txt")
    _ = dir.write([1], to: "cat/.hidden")
    _ = dir.write([1], to: "SHA256SUMS")
    let folder = try ImageFolder.load(directory: dir.path)
    #expect(folder.classNames == ["b", "cat"])
    #expect(folder.labels == [0, 1, 1])
    #expect(folder.paths == [dir.file("b/only.png"), dir.file("cat/A.PNG"), dir.file("cat/z.png")])
    #expect(folder.images == [images[2], images[1], images[0]])
    #expect(folder.warnings == ["\(dir.file("cat/notes.txt")): skipped, not a .png file"])
  }

  @Test func brokenPNGIsNamed() throws {
    let dir = TempDirectory("folder")
    try FileManager.default.createDirectory(
      atPath: dir.file("a"), withIntermediateDirectories: true)
    try GrayImage(width: 2, height: 2, fill: 1).writePNG(to: dir.file("a/good.png"))
    let broken = dir.write(Array("not a png".utf8), to: "a/broken.png")
    do {
      _ = try ImageFolder.load(directory: dir.path)
      Issue.record("loaded a folder with a broken PNG")
    } catch {
      #expect(error.description.hasPrefix(broken + ": invalid PNG: "), "\(error)")
    }
  }

  @Test func rootErrors() throws {
    #expect(throws: DataError.fileNotFound(path: "/nonexistent-firstspike")) {
      try ImageFolder.load(directory: "/nonexistent-firstspike")
    }
    let dir = TempDirectory("folder")
    #expect(throws: DataError.noClasses(path: dir.path)) {
      try ImageFolder.load(directory: dir.path)
    }
    try FileManager.default.createDirectory(
      atPath: dir.file("empty"), withIntermediateDirectories: true)
    #expect(throws: DataError.emptyClass(path: dir.file("empty"))) {
      try ImageFolder.load(directory: dir.path)
    }
  }

  /// The vendored ETH-80 cup/dog set: 410 images of 64×64 per class, no warnings.
  @Test func vendoredETH80() throws {
    let folder = try ImageFolder.load(directory: RepositoryPaths.eth80)
    #expect(folder.classNames == ["cup", "dog"])
    #expect(folder.count == 820 && folder.labels.filter { $0 == 1 }.count == 410)
    #expect(folder.images.allSatisfy { $0.width == 64 && $0.height == 64 })
    #expect(folder.warnings.isEmpty)
    #expect(folder.paths[0].hasSuffix("cup/cup1-000-000.png"))
  }
}
