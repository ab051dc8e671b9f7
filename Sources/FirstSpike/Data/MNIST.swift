/// A data set stored as MNIST stores it: the four IDX files of a folder,
/// `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`,
/// `t10k-labels-idx1-ubyte`, each gzip-compressed (`.gz`, preferred when both exist) or raw.
///
/// Any structurally valid pair loads (``IDXFile`` checks the structure): MNIST itself (LeCun,
/// Cortes & Burges), the many data sets published in its layout, a user's own files. Images may
/// be of any size; labels must be below 256, and class `k` is named `"k"` (classes
/// `0 ... max label`, over both splits where both exist).
///
/// The files are identified by the SHA-256 of their **decompressed** content (``identity``):
/// `.mnist` when a split's images and labels are exactly MNIST's, whatever gzip settings
/// compressed them (LeCun's downloads, the vendored re-compressed copy, raw files); `.other`
/// with both digests for any other set, which loads just the same (never an error).
public struct MNIST: LabeledImageSet {
  /// Training (60 000 images) or test (10 000 images) split.
  public enum Split: String, CaseIterable, Sendable {
    case train
    case test

    /// File name prefix: `train` or `t10k`.
    public var filePrefix: String { self == .train ? "train" : "t10k" }
  }

  /// What a split's files were identified as.
  public enum Identity: Sendable, Equatable, CustomStringConvertible {
    /// Both files' decompressed content is MNIST's.
    case mnist
    /// Not MNIST (or only one file is); SHA-256 of the decompressed images and labels.
    case other(imagesSHA256: String, labelsSHA256: String)
    /// Not checked (`verifyChecksums: false`).
    case unchecked

    /// The known data set's name (`"MNIST"`), nil otherwise.
    public var knownName: String? { self == .mnist ? "MNIST" : nil }

    public var description: String {
      switch self {
      case .mnist: "MNIST, verified (SHA-256 of the decompressed files)"
      case .other(let images, _):
        "IDX files in MNIST's layout, not MNIST (images SHA-256 \(images.prefix(16))…): loaded as they are"
      case .unchecked: "IDX files in MNIST's layout, not checked (--skip-checksums)"
      }
    }
  }

  public static let classNames = (0...9).map(String.init)

  /// SHA-256 of MNIST's four files, decompressed (identical to LeCun's original files; the
  /// vendored `datasets/mnist` holds them gzip-compressed with other settings than LeCun's).
  public static let contentSHA256: [String: String] = [
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

  /// What the files are (``Identity``).
  public let identity: Identity
  /// `"0" ... "K−1"` for labels up to `K − 1` (MNIST: `"0" ... "9"`).
  public let classNames: [String]

  public var count: Int { images.count }
  public func image(_ index: Int) -> GrayImage { images.image(index) }
  public func label(_ index: Int) -> Int { Int(labels[index]) }

  /// Loads one split from `directory`.
  /// - Parameter verifyChecksums: identify the files by the SHA-256 of their decompressed
  ///   content (false: ``Identity/unchecked``).
  /// - Throws: `.missingDataFile` when a file is absent, any IDX error, `.idxCountMismatch`
  ///   when images and labels differ in number, and `.idxWrongKind`.
  /// - Complexity: O(file sizes); the decompressed content is hashed once when verifying.
  public static func load(directory: String, split: Split, verifyChecksums: Bool = true)
    throws(DataError) -> MNIST
  {
    let (imagesPath, labelsPath) = try files(directory: directory, split: split)
    let images = try IDXFile.readImages(path: imagesPath)
    let labels = try IDXFile.readLabels(path: labelsPath)
    guard images.count == labels.count else {
      throw .idxCountMismatch(
        imagesPath: imagesPath, images: images.count,
        labelsPath: labelsPath, labels: labels.count)
    }
    var identity = Identity.unchecked
    if verifyChecksums {
      let names = ("\(split.filePrefix)-images-idx3-ubyte", "\(split.filePrefix)-labels-idx1-ubyte")
      var vendored = try isVendored(imagesPath, names.0)
      if vendored { vendored = try isVendored(labelsPath, names.1) }
      if vendored {
        identity = .mnist
      } else {
        let digests = (contentDigest(images), contentDigest(labels))
        identity = digests.0 == contentSHA256[names.0] && digests.1 == contentSHA256[names.1]
          ? .mnist : .other(imagesSHA256: digests.0, labelsSHA256: digests.1)
      }
    }
    var top = Int(labels.labels.max() ?? 0)
    let other: Split = split == .train ? .test : .train
    if identity != .mnist, let otherFiles = try? files(directory: directory, split: other),
       let more = try? IDXFile.readLabels(path: otherFiles.labels) {
      top = max(top, Int(more.labels.max() ?? 0))
    }
    return MNIST(
      split: split, images: images, labels: labels.labels, imagesPath: imagesPath, labelsPath: labelsPath,
      identity: identity, classNames: identity == .mnist ? classNames : (0...top).map(String.init))
  }

  /// SHA-256 of the vendored `datasets/mnist` files as stored (gzip): a file with these bytes
  /// decompresses to MNIST's content, so it is identified without hashing the (five times
  /// larger) decompressed data.
  public static let vendoredSHA256: [String: String] = [
    "train-images-idx3-ubyte": "0b367032e93c5d0cea0925647cfdb18614af8ee15f83e6f2fc2ad904a6835971",
    "train-labels-idx1-ubyte": "1787548bbe0bff1ec2ecdc0ef292b02df999e2d1a6002d27500982c652b17203",
    "t10k-images-idx3-ubyte": "1a1a05eab793c14bb050b398624a11b0ffd1a2953baed553b1b9bd079e2a20be",
    "t10k-labels-idx1-ubyte": "b91679a0acfe4ba0e50a2437a903084cba1f5f92592b016a25a7dfd00455798b",
  ]

  /// Whether the `.gz` file at `path` is byte for byte the vendored copy of `name`.
  static func isVendored(_ path: String, _ name: String) throws(DataError) -> Bool {
    guard path.hasSuffix(".gz"), let expected = vendoredSHA256[name] else { return false }
    return SHA256.hexDigest(try FileBytes.read(path: path)) == expected
  }

  /// SHA-256 of an IDX image file's decompressed content (header and pixels).
  public static func contentDigest(_ images: IDXImages) -> String {
    digest(header: [0x0803, images.count, images.rows, images.columns], payload: images.pixels)
  }

  /// SHA-256 of an IDX label file's decompressed content (header and labels).
  public static func contentDigest(_ labels: IDXLabels) -> String {
    digest(header: [0x0801, labels.count], payload: labels.labels)
  }

  static func digest(header: [Int], payload: [UInt8]) -> String {
    var h = SHA256()
    h.update(header.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - 8 * $0)) } })
    h.update(payload)
    return h.finalize().map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
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
}
