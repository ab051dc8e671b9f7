import Foundation

/// What the images a model was trained on look like, measured once when it is trained and
/// stored with its data record (``DataRecord/profile``): `classify` brings a user's image to
/// this form before the network sees it (``InputNormalization``).
///
/// Every figure comes from ``InkLayout`` of each measured image (at most
/// ``maxImages``, the first ones of the training split): medians, so that a few odd images do
/// not move them, and the extreme 0.1 % cut off the ranges.
public struct DataProfile: Codable, Sendable, Equatable {
  /// Training images measured at most (the first of the split).
  public static let maxImages = 10_000

  /// The frame: the most common image size.
  public var width: Int
  public var height: Int
  /// Background level (median over images of the border median).
  public var background: Double
  /// Whether the ink is lighter than the background (MNIST: white digits on black).
  public var lightInk: Bool
  /// The ink's level above (or below) the background (median of ``InkLayout/contrast``), and
  /// the range in which 99.8 % of the training images lie.
  public var contrast: Double
  public var contrastRange: [Double]
  /// Sparse ink on a uniform background (digits, letters, symbols): median border spread at
  /// most 4 levels and median ink fraction at most 35 %. Such images are framed like the
  /// training set (crop to the ink, fit into ``inkBox``, centre of mass to ``centre``); others
  /// (photographs) are only resized.
  public var digitLike: Bool
  /// Median longest side of the ink's bounding box (MNIST: 20), and the range in which
  /// 99.8 % of the training images lie.
  public var inkBox: Double
  public var inkBoxRange: [Double]
  /// Mean centre of mass of the ink (x = column, y = row, pixel-index coordinates; MNIST:
  /// 14.0, 14.0) and the distance from it within which 99.9 % of the images lie.
  public var centreX: Double
  public var centreY: Double
  public var centreTolerance: Double
  /// Median fraction of ink pixels, and the mean pixel level.
  public var inkFraction: Double
  public var meanIntensity: Double
  /// Images measured.
  public var images: Int
  /// Median slant of the ink (``InkLayout/slant``, columns per row; MNIST: −0.125, leaning
  /// to the right as `/`); nil in profiles recorded before it was measured.
  public var slant: Double?

  public init(width: Int, height: Int, background: Double, lightInk: Bool, contrast: Double, contrastRange: [Double],
              digitLike: Bool,
              inkBox: Double, inkBoxRange: [Double], centreX: Double, centreY: Double, centreTolerance: Double,
              inkFraction: Double, meanIntensity: Double, images: Int, slant: Double? = nil) {
    self.width = width
    self.height = height
    self.background = background
    self.lightInk = lightInk
    self.contrast = contrast
    self.contrastRange = contrastRange
    self.digitLike = digitLike
    self.inkBox = inkBox
    self.inkBoxRange = inkBoxRange
    self.centreX = centreX
    self.centreY = centreY
    self.centreTolerance = centreTolerance
    self.inkFraction = inkFraction
    self.meanIntensity = meanIntensity
    self.images = images
    self.slant = slant
  }

  /// Measures the first ``maxImages`` of `images` (nil when there are none).
  /// - Complexity: O(pixels of the measured images).
  public init?(measuring images: [GrayImage]) {
    let sample = images.prefix(Self.maxImages).filter { $0.width > 0 && $0.height > 0 }
    guard !sample.isEmpty else { return nil }
    var sizes: [[Int]: Int] = [:]
    for image in sample { sizes[[image.width, image.height], default: 0] += 1 }
    let frame = sizes.max { $0.value < $1.value || ($0.value == $1.value && $0.key.lexicographicallyPrecedes($1.key)) }!.key
    let guesses = sample.map { InkLayout($0) }
    let light = guesses.filter(\.lightInk).count * 2 >= guesses.count
    let layouts = sample.map { InkLayout($0, lightInk: light) }
    let contrasts = layouts.map(\.contrast)
    let boxes = layouts.compactMap { $0.box.map { Double($0.longestSide) } }
    let centres = layouts.compactMap(\.centre)
    let cx = centres.isEmpty ? Double(frame[0] - 1) / 2 : centres.map(\.x).reduce(0, +) / Double(centres.count)
    let cy = centres.isEmpty ? Double(frame[1] - 1) / 2 : centres.map(\.y).reduce(0, +) / Double(centres.count)
    let distances = centres.map { ((($0.x - cx) * ($0.x - cx)) + (($0.y - cy) * ($0.y - cy))).squareRoot() }
    let slants = layouts.compactMap(\.slant).filter { abs($0) <= Self.maxSlant }  // not the degenerate ones
    let spread = Self.median(layouts.map(\.borderSpread)), fraction = Self.median(layouts.map(\.inkFraction))
    var pixels = 0.0, count = 0.0
    for image in sample {
      pixels += image.pixels.reduce(0.0) { $0 + Double($1) }
      count += Double(image.pixels.count)
    }
    self.init(width: frame[0], height: frame[1], background: Self.median(layouts.map(\.background)), lightInk: light,
              contrast: Self.median(contrasts), contrastRange: [Self.quantile(contrasts, 0.001), Self.quantile(contrasts, 0.999)],
              digitLike: spread <= 4 && fraction <= 0.35,
              inkBox: Self.median(boxes), inkBoxRange: [Self.quantile(boxes, 0.001), Self.quantile(boxes, 0.999)],
              centreX: cx, centreY: cy, centreTolerance: Self.quantile(distances, 0.999),
              inkFraction: fraction, meanIntensity: pixels / max(1, count), images: sample.count,
              slant: slants.isEmpty ? nil : Self.median(slants))
  }

  /// What an MNIST-trained model's images look like when its checkpoint predates profiles and
  /// the data set cannot be read: 28×28, white (255) ink on black (0), longest side 20,
  /// centre of mass at (14, 14) (LeCun et al.'s framing; figures measured on the first
  /// 10 000 training images, the slant too: −0.1247). Also the slant of an MNIST model whose
  /// recorded profile predates slants (``Model/inputProfile()``).
  public static let mnist = DataProfile(
    width: 28, height: 28, background: 0, lightInk: true, contrast: 254, contrastRange: [247, 255], digitLike: true, inkBox: 20,
    inkBoxRange: [19, 20], centreX: 14.0, centreY: 14.0, centreTolerance: 0.7, inkFraction: 0.19,
    meanIntensity: 33.3, images: 0, slant: -0.1247)

  /// A photograph set of which nothing is known but the model's input size: only resized.
  public static func photos(width: Int, height: Int) -> DataProfile {
    DataProfile(width: width, height: height, background: 0, lightInk: true, contrast: 255, contrastRange: [0, 255],
                digitLike: false,
                inkBox: Double(max(width, height)), inkBoxRange: [0, Double(max(width, height))],
                centreX: Double(width - 1) / 2, centreY: Double(height - 1) / 2, centreTolerance: 0,
                inkFraction: 1, meanIntensity: 128, images: 0)
  }

  /// "28×28, white ink on black (0), ink box 20, centre (14.0, 14.0)" or "64×64 photographs".
  public var summary: String {
    guard digitLike else { return "\(width)×\(height) photographs (only resized)" }
    let ink = lightInk ? "light ink" : "dark ink"
    return "\(width)×\(height), \(ink) on a uniform background (\(Int(background.rounded()))), ink box \(Self.format(inkBox)), "
      + "centre of mass (\(Self.format(centreX)), \(Self.format(centreY)))"
  }

  static func format(_ x: Double) -> String { String(format: "%.1f", x) }

  static func median(_ values: [Double]) -> Double { quantile(values, 0.5) }

  /// The `q`-quantile (nearest rank) of `values`; 0 for none.
  static func quantile(_ values: [Double], _ q: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))]
  }
}
