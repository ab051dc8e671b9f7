/// Fitting a model's probability calibration (``ScoreCalibration``) on held-out images.
extension Model {
  /// The most training images any stage ran on (images per pass): the first ones of the
  /// training split; those after them were never trained on.
  public var trainingImagesUsed: Int {
    (1...max(1, stageCount)).compactMap { stageStatus($0)?.trainingImages }.max() ?? 0
  }

  /// The class scores of `images` (``ImageDecision/scores``), in parallel, in order.
  public func classScores(_ images: [GrayImage], threads: Int = defaultThreadCount) -> [[Double]] {
    let classifier = classifier()
    return parallelMap(images.count, threads: threads) { classifier.classify(images[$0]).scores }
  }

  /// The images to fit a calibration on, from the whole training split: the validation images
  /// the labelled stages held out (``heldOutTrainingImages(of:)``) when there are at least
  /// ``CalibrationImages/minimumUnseen``, else ``CalibrationImages/select(from:used:count:seed:)``.
  public func calibrationImages(from split: LabeledImages, count: Int = CalibrationImages.count)
    -> (images: LabeledImages, description: String)
  {
    if let held = heldOutTrainingImages(of: split.count), held.indices.count >= CalibrationImages.minimumUnseen {
      let chosen = Array(held.indices.prefix(count))
      return (split.subset(chosen), "\(chosen.count) \(held.description)")
    }
    return CalibrationImages.select(from: split, used: trainingImagesUsed, count: count, seed: seed)
  }

  /// Fits the temperature on `images` (see ``ScoreCalibration/fit(scores:labels:fittedOn:)``).
  public func fitCalibration(on images: LabeledImages, fittedOn: String, threads: Int = defaultThreadCount)
    -> ScoreCalibration
  {
    ScoreCalibration.fit(scores: classScores(images.images, threads: threads), labels: images.labels, fittedOn: fittedOn)
  }
}

/// The images a calibration is fitted on: held-out training images.
public enum CalibrationImages {
  /// Images fitted on at most.
  public static let count = 5000
  /// Fewest unseen training images worth fitting on; below it, shifted views are used.
  public static let minimumUnseen = 1000

  /// Training images the stages never saw, when the training split has at least
  /// ``minimumUnseen`` of them after the `used` ones; otherwise the first training images each
  /// shifted by one pixel in one of the 8 directions (drawn from `seed`; uncovered pixels take
  /// the image's background), views of them the network never saw. At most `count` images,
  /// and no more than `max(500, used)`, so that a small experiment calibrates quickly. Returns
  /// the images and how they were chosen.
  public static func select(from split: LabeledImages, used: Int, count: Int = count, seed: UInt64)
    -> (images: LabeledImages, description: String)
  {
    let count = min(count, max(500, used))
    if split.count - used >= minimumUnseen {
      let end = min(split.count, used + count)
      return (split.subset(Array(used..<end)), "\(end - used) held-out training images (\(used)..<\(end))")
    }
    let n = min(count, split.count)
    var g = SplitMix64(seed: seed ^ 0xC0FF_EE00_CA11_B8A7)
    let directions = [(-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)]
    let images = (0..<n).map { i -> GrayImage in
      let (dx, dy) = directions[Int(g.next() % 8)]
      let image = split.images[i]
      let fill = UInt8(min(255, max(0, InkLayout(image).background.rounded())))
      return image.shifted(dx: dx, dy: dy, fill: fill)
    }
    return (LabeledImages(images: images, labels: Array(split.labels[0..<n]), classNames: split.classNames),
            "\(n) training images shifted by one pixel (no held-out training images left)")
  }
}

extension Model {
  /// Fits and stores the calibration on held-out images of `trainingSplit` (the whole
  /// training split, in order: ``calibrationImages(from:count:)``), and
  /// measures the training-data profile when the checkpoint has none.
  @discardableResult
  public mutating func calibrate(trainingSplit: LabeledImages, threads: Int = defaultThreadCount) -> ScoreCalibration {
    if data.profile == nil { data.profile = DataProfile(measuring: Array(trainingSplit.images.prefix(DataProfile.maxImages))) }
    let (images, description) = calibrationImages(from: trainingSplit)
    let fitted = fitCalibration(on: images, fittedOn: description, threads: threads)
    calibration = fitted
    return fitted
  }
}
