/// Loads the images a model trains or is evaluated on: an MNIST folder (its train or test
/// split) or an image folder (one sub-folder per class) split into train and test sets by a
/// seeded random permutation.
public enum TrainingData {
  public enum Split: String, Sendable, CaseIterable {
    case train, test
  }

  /// Whether `path` is a folder in MNIST's layout (holds a split's images file, raw or `.gz`).
  public static func isMNIST(_ path: String) -> Bool {
    (try? MNIST.files(directory: path, split: .train)) != nil
      || (try? MNIST.files(directory: path, split: .test)) != nil
  }

  /// The `split` of the data set at `path`.
  /// - Parameters:
  ///   - trainFraction, splitSeed: how an image folder is divided (ignored for MNIST).
  ///   - limit: keep only the first `limit` images of the split.
  ///   - verifyChecksums: identify IDX files by the SHA-256 of their decompressed content.
  /// - Returns: the images, the record a checkpoint keeps, and a line saying what the data
  ///   set is (`datasets/mnist: MNIST, verified …`, an unknown IDX set, an image folder).
  public static func load(path: String, split: Split, trainFraction: Double = 0.75, splitSeed: UInt64 = 0,
                          limit: Int? = nil, verifyChecksums: Bool = true)
    throws -> (images: LabeledImages, record: DataRecord, note: String) {
    if isMNIST(path) {
      let mnist = try MNIST.load(directory: path, split: split == .train ? .train : .test, verifyChecksums: verifyChecksums)
      let n = min(limit ?? mnist.count, mnist.count)
      let images = LabeledImages(images: (0..<n).map { mnist.image($0) }, labels: (0..<n).map { mnist.label($0) },
                                 classNames: mnist.classNames)
      var record = DataRecord(kind: "mnist", path: path, classNames: mnist.classNames)
      record.identity = mnist.identity.knownName
      return (images, record, "\(path): \(mnist.identity)")
    }
    let folder = try ImageFolder.load(directory: path)
    let all = LabeledImages(folder)
    let indices = splitIndices(count: all.count, trainFraction: trainFraction, seed: splitSeed)
    let record = DataRecord(kind: "folder", path: path, classNames: folder.classNames,
                            trainFraction: trainFraction, splitSeed: splitSeed)
    let note = "\(path): image folder, \(folder.classNames.count) classes, \(folder.count) images (no checksums)"
    return (all.subset(split == .train ? indices.train : indices.test).prefix(limit), record, note)
  }

  /// Indices of a seeded random `trainFraction` / rest split of `count` items, each part in
  /// ascending order.
  public static func splitIndices(count: Int, trainFraction: Double, seed: UInt64) -> (train: [Int], test: [Int]) {
    var g = SplitMix64(seed: seed)
    let p = g.permutation(count)
    let k = Int((Double(count) * trainFraction).rounded())
    return (p[..<k].sorted(), p[k...].sorted())
  }
}
