/// Where the training data came from (so evaluation and classification can name classes and
/// re-create the same split).
public struct DataRecord: Codable, Sendable, Equatable {
  /// `mnist` or `folder`.
  public var kind: String
  public var path: String
  public var classNames: [String]
  /// Image-folder data sets: fraction used for training and the seed of the split.
  public var trainFraction: Double?
  public var splitSeed: UInt64?

  public init(kind: String, path: String, classNames: [String], trainFraction: Double? = nil, splitSeed: UInt64? = nil) {
    self.kind = kind
    self.path = path
    self.classNames = classNames
    self.trainFraction = trainFraction
    self.splitSeed = splitSeed
  }
}
