/// A labelled image set: what training and evaluation read.
public struct LabeledImages: Sendable {
  public var images: [GrayImage]
  /// Class index of each image, `0..<classNames.count`.
  public var labels: [Int]
  public var classNames: [String]

  public init(images: [GrayImage], labels: [Int], classNames: [String]) {
    precondition(images.count == labels.count, "\(images.count) images, \(labels.count) labels")
    self.images = images
    self.labels = labels
    self.classNames = classNames
  }

  public var count: Int { images.count }

  /// The first `k` images (all if `k` is nil or larger).
  public func prefix(_ k: Int?) -> LabeledImages {
    guard let k, k < count else { return self }
    return LabeledImages(images: Array(images[0..<k]), labels: Array(labels[0..<k]), classNames: classNames)
  }

  /// The images at `indices`, in that order.
  public func subset(_ indices: [Int]) -> LabeledImages {
    LabeledImages(images: indices.map { images[$0] }, labels: indices.map { labels[$0] }, classNames: classNames)
  }
}

extension LabeledImages {
  /// All images of a loaded data set (MNIST split, image folder).
  public init(_ set: some LabeledImageSet) {
    self.init(images: (0..<set.count).map { set.image($0) }, labels: (0..<set.count).map { set.label($0) },
              classNames: set.classNames)
  }
}
