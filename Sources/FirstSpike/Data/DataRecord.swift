/// Where the training data came from (so evaluation and classification can name classes and
/// re-create the same split).
public struct DataRecord: Codable, Sendable, Equatable {
  /// `mnist` (a set of IDX files in MNIST's layout: MNIST itself or another) or `folder`.
  public var kind: String
  public var path: String
  public var classNames: [String]
  /// Image-folder data sets: fraction used for training and the seed of the split.
  public var trainFraction: Double?
  public var splitSeed: UInt64?
  /// What the training images look like (measured when the first stage trains); nil in
  /// checkpoints written before profiles existed.
  public var profile: DataProfile?
  /// The known data set the files were identified as by their decompressed content
  /// (``KnownDataSet``, e.g. `MNIST`), nil for an unknown or unchecked set.
  public var identity: String?

  public init(kind: String, path: String, classNames: [String], trainFraction: Double? = nil, splitSeed: UInt64? = nil) {
    self.kind = kind
    self.path = path
    self.classNames = classNames
    self.trainFraction = trainFraction
    self.splitSeed = splitSeed
  }
}
