import FirstSpikeTestSupport
import Foundation
import Testing

@testable import FirstSpike

@Suite struct MNISTTests {
  /// The vendored test split: verified checksums, 10 000 images of 28×28, known first labels
  /// and the well-known label histogram of the MNIST test set.
  @Test func vendoredTestSplit() throws {
    let mnist = try MNIST.load(directory: RepositoryPaths.mnist, split: .test)
    #expect(mnist.count == 10_000 && mnist.images.rows == 28 && mnist.images.columns == 28)
    #expect(Array(mnist.labels.prefix(10)) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
    var histogram = [Int](repeating: 0, count: 10)
    for label in mnist.labels { histogram[Int(label)] += 1 }
    #expect(histogram == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
    #expect(mnist.classNames == ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"])
    let first = mnist.image(0)
    // Reference values from Python's gzip module on the same file.
    #expect(first.width == 28 && first.pixels.reduce(0) { $0 + Int($1) } == 18_454)
    #expect(
      (10..<20).map { first[10, $0] } == [
        0x00, 0x11, 0x42, 0x0E, 0x43, 0x43, 0x43, 0x3B, 0x15, 0xEC,
      ])
  }

  /// The vendored training split is MNIST, identified by its decompressed content.
  @Test func vendoredTrainSplitIsIdentified() throws {
    let mnist = try MNIST.load(directory: RepositoryPaths.mnist, split: .train)
    #expect(mnist.identity == .mnist && mnist.count == 60_000 && mnist.classNames == MNIST.classNames)
    #expect(mnist.identity.description == "MNIST, verified (SHA-256 of the decompressed files)")
  }

  /// An original-site download differs from the vendored files in its gzip bytes only: the
  /// same content compressed with other settings (another level, a file name and time in the
  /// gzip header, as `gzip` writes them), or not compressed at all, is still MNIST.
  @Test func recompressedAndRawMNISTAreRecognised() throws {
    let dir = TempDirectory("mnist-recompressed")
    let vendored = try MNIST.load(directory: RepositoryPaths.mnist, split: .test)
    try IDXFile.write(vendored.images, to: dir.file("t10k-images-idx3-ubyte"), compressed: false)
    let labels = try gzipLikeGNU(Array(Data(contentsOf: URL(fileURLWithPath: vendored.labelsPath))), dir: dir)
    try Data(labels).write(to: URL(fileURLWithPath: dir.file("t10k-labels-idx1-ubyte.gz")))
    let loaded = try MNIST.load(directory: dir.path, split: .test)
    #expect(loaded.identity == .mnist && loaded.images == vendored.images && loaded.labels == vendored.labels)
    let stored = try Array(Data(contentsOf: URL(fileURLWithPath: loaded.labelsPath)))
    #expect(stored != Array(try Data(contentsOf: URL(fileURLWithPath: vendored.labelsPath))), "the gzip bytes differ")
  }

  /// The decompressed bytes of a `.gz` file re-compressed at level 1 with a file name and a
  /// modification time in its header.
  func gzipLikeGNU(_ gz: [UInt8], dir: TempDirectory) throws -> [UInt8] {
    let raw = dir.file("raw")
    try IDXFile.write(IDXFile.readLabels(path: dir.write(gz, to: "in.gz")), to: raw, compressed: false)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "gzip -1 -N -c '\(raw)' > '\(raw).gz'"]
    try process.run()
    process.waitUntilExit()
    return Array(try Data(contentsOf: URL(fileURLWithPath: raw + ".gz")))
  }

  /// A set in MNIST's layout that is not MNIST loads as it is, with its digests and its own
  /// classes (labels up to the largest of both splits); never a checksum error.
  @Test func otherIDXSetLoadsWithItsClasses() throws {
    let dir = TempDirectory("mnist")
    let images = IDXImages(
      count: 2, rows: 28, columns: 28, pixels: [UInt8](repeating: 3, count: 1568))
    try IDXFile.write(images, to: dir.file("t10k-images-idx3-ubyte.gz"), compressed: true)
    try IDXFile.write(IDXLabels([4, 2]), to: dir.file("t10k-labels-idx1-ubyte"), compressed: false)
    try IDXFile.write(images, to: dir.file("train-images-idx3-ubyte"), compressed: false)
    try IDXFile.write(IDXLabels([0, 11]), to: dir.file("train-labels-idx1-ubyte"), compressed: false)
    let loaded = try MNIST.load(directory: dir.path, split: .test)
    #expect(loaded.images == images && loaded.labels == [4, 2])
    #expect(loaded.identity == .other(imagesSHA256: MNIST.contentDigest(images), labelsSHA256: MNIST.contentDigest(IDXLabels([4, 2]))))
    #expect(loaded.classNames == (0...11).map(String.init))
    #expect(loaded.identity.description.hasPrefix("IDX files in MNIST's layout, not MNIST"))
    let unchecked = try MNIST.load(directory: dir.path, split: .test, verifyChecksums: false)
    #expect(unchecked.identity == .unchecked && unchecked.images == images)
  }

  /// The content digest is SHA-256 of the decompressed file, header included.
  @Test func contentDigestHashesTheWholeDecompressedFile() throws {
    let labels = IDXLabels([1, 2, 3])
    let dir = TempDirectory("digest")
    try IDXFile.write(labels, to: dir.file("l"), compressed: false)
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: dir.file("l"))))
    #expect(MNIST.contentDigest(labels) == SHA256.hexDigest(bytes))
  }

  @Test func countMismatchBetweenImagesAndLabels() throws {
    let dir = TempDirectory("mnist")
    let images = IDXImages(count: 2, rows: 1, columns: 1, pixels: [1, 2])
    try IDXFile.write(images, to: dir.file("train-images-idx3-ubyte"), compressed: false)
    try IDXFile.write(
      IDXLabels([1, 2, 3]), to: dir.file("train-labels-idx1-ubyte"), compressed: false)
    #expect(
      throws: DataError.idxCountMismatch(
        imagesPath: dir.file("train-images-idx3-ubyte"), images: 2,
        labelsPath: dir.file("train-labels-idx1-ubyte"), labels: 3)
    ) {
      try MNIST.load(directory: dir.path, split: .train, verifyChecksums: false)
    }
  }

  @Test func missingFiles() {
    let dir = TempDirectory("mnist")
    #expect(
      throws: DataError.missingDataFile(
        directory: dir.path, names: ["t10k-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte"])
    ) {
      try MNIST.load(directory: dir.path, split: .test)
    }
  }
}
