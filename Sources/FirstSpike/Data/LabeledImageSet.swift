/// A data set of gray images with integer class labels `0 ..< classNames.count`
/// (``MNIST`` and ``ImageFolder`` both conform), what training and evaluation consume.
public protocol LabeledImageSet: Sendable {
  /// Number of images.
  var count: Int { get }
  /// Class names, indexed by label.
  var classNames: [String] { get }
  /// Image `index` (`0 ..< count`).
  func image(_ index: Int) -> GrayImage
  /// Label of image `index`, in `0 ..< classNames.count`.
  func label(_ index: Int) -> Int
}
