/// The MNIST digits (LeCun, Cortes & Burges), read from the four IDX files of a folder.
///
/// The folder holds `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`,
/// `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`, each gzip-compressed (`.gz`, preferred
/// when both exist) or raw. Images are 28×28, 0 = background; labels are the digits, and class
/// `k` is named `"k"`.
///
/// Files are verified by SHA-256 against ``knownSHA256`` before use (the `.gz` bytes as
/// stored, or the raw bytes of un-gzipped files); a standard name with another digest fails
/// with `.checksumMismatch`. Pass `verifyChecksums: false` for other copies.
public struct MNIST: LabeledImageSet {
  /// Training (60 000 images) or test (10 000 images) split.
  public enum Split: String, CaseIterable, Sendable {
    case train
    case test

    /// File name prefix: `train` or `t10k`.
    public var filePrefix: String { self == .train ? "train" : "t10k" }
  }

  public static let classNames = (0...9).map(String.init)

  /// SHA-256 of the vendored files (`datasets/mnist`, gzip as stored there) and of their
  /// decompressed content (identical to LeCun's original files).
  public static let knownSHA256: [String: String] = [
    "train-images-idx3-ubyte.gz":
      "0b367032e93c5d0cea0925647cfdb18614af8ee15f83e6f2fc2ad904a6835971",
    "train-labels-idx1-ubyte.gz":
      "1787548bbe0bff1ec2ecdc0ef292b02df999e2d1a6002d27500982c652b17203",
    "t10k-images-idx3-ubyte.gz": "1a1a05eab793c14bb050b398624a11b0ffd1a2953baed553b1b9bd079e2a20be",
    "t10k-labels-idx1-ubyte.gz": "b91679a0acfe4ba0e50a2437a903084cba1f5f92592b016a25a7dfd00455798b",
    "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
  ]

  public let split: Split
  /// All images of the split, `count × 28 × 28`.
  public let images: IDXImages
  /// The digit of each image.
  public let labels: [UInt8]
  /// Paths of the image and label files read.
  public let imagesPath: String
  public let labelsPath: String

  public var count: Int { images.count }
  public var classNames: [String] { MNIST.classNames }
  public func image(_ index: Int) -> GrayImage { images.image(index) }
  public func label(_ index: Int) -> Int { Int(labels[index]) }

  /// Loads one split from `directory`.
  /// - Throws: `.missingDataFile` when a file is absent, `.checksumMismatch`, any IDX error,
  ///   `.idxCountMismatch` when images and labels differ in number, `.idxWrongKind`, and
  ///   `.labelOutOfRange` for a label that is not a digit 0...9.
  /// - Complexity: O(file sizes): reads each file twice (hash, then decompress).
  public static func load(directory: String, split: Split, verifyChecksums: Bool = true)
    throws(DataError) -> MNIST
  {
    let (imagesPath, labelsPath) = try files(directory: directory, split: split)
    if verifyChecksums {
      try verify(path: imagesPath)
      try verify(path: labelsPath)
    }
    let images = try IDXFile.readImages(path: imagesPath)
    let labels = try IDXFile.readLabels(path: labelsPath)
    guard images.count == labels.count else {
      throw .idxCountMismatch(
        imagesPath: imagesPath, images: images.count,
        labelsPath: labelsPath, labels: labels.count)
    }
    if let bad = labels.labels.firstIndex(where: { Int($0) >= MNIST.classNames.count }) {
      throw .labelOutOfRange(path: labelsPath, index: bad, label: Int(labels.labels[bad]), classes: MNIST.classNames.count)
    }
    return MNIST(
      split: split, images: images, labels: labels.labels,
      imagesPath: imagesPath, labelsPath: labelsPath)
  }

  /// The image and label file paths of `split` in `directory` (`.gz` first, then raw).
  public static func files(directory: String, split: Split) throws(DataError)
    -> (images: String, labels: String)
  {
    func find(_ base: String) throws(DataError) -> String {
      let names = [base + ".gz", base]
      for name in names {
        let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
        if FileBytes.isRegularFile(path) { return path }
      }
      throw .missingDataFile(directory: directory, names: names)
    }
    return (
      try find("\(split.filePrefix)-images-idx3-ubyte"),
      try find("\(split.filePrefix)-labels-idx1-ubyte")
    )
  }

  /// Checks the SHA-256 of a file with a standard name against ``knownSHA256``.
  public static func verify(path: String) throws(DataError) {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let expected = knownSHA256[name] else { return }
    let actual = SHA256.hexDigest(try FileBytes.read(path: path))
    if actual != expected {
      throw .checksumMismatch(path: path, expected: expected, actual: actual)
    }
  }
}
