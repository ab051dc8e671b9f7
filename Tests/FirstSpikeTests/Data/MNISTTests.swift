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

  /// The training files are hashed once (checksum) and their headers give 60 000 items.
  @Test func vendoredTrainFilesChecksumAndCount() throws {
    let (images, labels) = try MNIST.files(directory: RepositoryPaths.mnist, split: .train)
    try MNIST.verify(path: images)
    try MNIST.verify(path: labels)
    #expect(try IDXFile.readLabels(path: labels).count == 60_000)
  }

  @Test func checksumMismatchAndSkip() throws {
    let dir = TempDirectory("mnist")
    let images = IDXImages(
      count: 2, rows: 28, columns: 28, pixels: [UInt8](repeating: 3, count: 1568))
    try IDXFile.write(images, to: dir.file("t10k-images-idx3-ubyte.gz"), compressed: true)
    try IDXFile.write(IDXLabels([4, 2]), to: dir.file("t10k-labels-idx1-ubyte"), compressed: false)
    do {
      _ = try MNIST.load(directory: dir.path, split: .test)
      Issue.record("accepted a non-standard file")
    } catch {
      guard case .checksumMismatch(let path, let expected, _) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(path == dir.file("t10k-images-idx3-ubyte.gz"))
      #expect(expected == MNIST.knownSHA256["t10k-images-idx3-ubyte.gz"])
      #expect(error.description.contains("checksum mismatch"))
    }
    let loaded = try MNIST.load(directory: dir.path, split: .test, verifyChecksums: false)
    #expect(loaded.images == images && loaded.labels == [4, 2])
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
