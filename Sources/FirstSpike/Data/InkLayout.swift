/// Where the ink of an image is: the background (from the border), which way the ink goes
/// (lighter or darker than the background), how strong it is, and its bounding box and centre
/// of mass. What ``DataProfile`` measures over a training set and ``InputNormalization``
/// measures on a user's image.
///
/// A pixel's **ink strength** is how far it lies from the background on the ink side
/// (`v − background` for light ink, `background − v` for dark ink, 0 on the other side). A pixel
/// is **ink** when its strength exceeds ``inkThreshold`` × ``contrast``.
public struct InkLayout: Sendable, Equatable {
  /// Ink pixels: strength above this fraction of the contrast.
  public static let inkThreshold = 0.1

  /// Median of the outermost ring of pixels.
  public var background: Double
  /// Median absolute deviation of the ring from ``background`` (0 for a clean background).
  public var borderSpread: Double
  /// Whether the ink is lighter than the background (MNIST: white on black).
  public var lightInk: Bool
  /// The 99.5th percentile of the ink strength: the ink's level above (or below) the background.
  public var contrast: Double
  /// Fraction of the pixels that are ink.
  public var inkFraction: Double
  /// Bounding box of the ink pixels; nil when there are none.
  public var box: InkBox?
  /// Centre of mass of the ink strength, in pixel-index coordinates (x = column, y = row);
  /// nil when there is no ink.
  public var centre: (x: Double, y: Double)?
  /// Slant of the ink: the strength-weighted regression of column on row, `μ₁₁ / μ₀₂`
  /// (columns per row, positive when the ink leans to the lower right, as `\`); nil when
  /// there is no ink or it lies in one row.
  public var slant: Double?

  public static func == (a: InkLayout, b: InkLayout) -> Bool {
    a.background == b.background && a.borderSpread == b.borderSpread && a.lightInk == b.lightInk
      && a.contrast == b.contrast && a.inkFraction == b.inkFraction && a.box == b.box
      && a.centre?.x == b.centre?.x && a.centre?.y == b.centre?.y && a.slant == b.slant
  }

  /// Measures `image`; `lightInk` nil guesses the ink side: the side of the background on
  /// which the image's extreme levels (0.5th and 99.5th percentiles) lie farther.
  /// - Complexity: O(width · height).
  public init(_ image: GrayImage, lightInk: Bool? = nil) {
    let border = Self.ring(image)
    let bg = Self.percentile(Self.histogram(border), 0.5)
    background = bg
    borderSpread = Self.percentile(Self.histogram(border.map { UInt8(min(255, abs(Double($0) - bg).rounded())) }), 0.5)
    let all = Self.histogram(image.pixels)
    let light = lightInk ?? (Self.percentile(all, 0.995) - bg >= bg - Self.percentile(all, 0.005))
    self.lightInk = light
    func strength(_ v: UInt8) -> Double { max(0, light ? Double(v) - bg : bg - Double(v)) }
    var strengths = [Int](repeating: 0, count: 256)
    for v in 0..<256 where all[v] > 0 { strengths[Int(strength(UInt8(v)))] += all[v] }
    contrast = Self.percentile(strengths, 0.995)
    let cut = Self.inkThreshold * contrast
    var count = 0, sx = 0.0, sy = 0.0, sxy = 0.0, syy = 0.0, total = 0.0
    var x0 = Int.max, y0 = Int.max, x1 = -1, y1 = -1
    for y in 0..<image.height {
      for x in 0..<image.width {
        let s = strength(image[y, x])
        guard s > 0 else { continue }
        sx += s * Double(x)
        sy += s * Double(y)
        sxy += s * Double(x) * Double(y)
        syy += s * Double(y) * Double(y)
        total += s
        if contrast > 0 && s > cut {
          count += 1
          (x0, y0, x1, y1) = (min(x0, x), min(y0, y), max(x1, x), max(y1, y))
        }
      }
    }
    inkFraction = image.pixels.isEmpty ? 0 : Double(count) / Double(image.pixels.count)
    box = x1 >= 0 ? InkBox(x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1) : nil
    centre = total > 0 && box != nil ? (sx / total, sy / total) : nil
    if let c = centre {
      let mu02 = syy / total - c.y * c.y, mu11 = sxy / total - c.x * c.y
      slant = mu02 > 1e-9 ? mu11 / mu02 : nil
    } else {
      slant = nil
    }
  }

  /// The outermost ring of pixels (every pixel of an image two pixels wide or high).
  static func ring(_ image: GrayImage) -> [UInt8] {
    let (w, h) = (image.width, image.height)
    if w <= 2 || h <= 2 { return image.pixels }
    var out: [UInt8] = []
    out.reserveCapacity(2 * (w + h))
    for x in 0..<w { out.append(image[0, x]); out.append(image[h - 1, x]) }
    for y in 1..<(h - 1) { out.append(image[y, 0]); out.append(image[y, w - 1]) }
    return out
  }

  /// Counts of each level.
  static func histogram(_ values: [UInt8]) -> [Int] {
    var counts = [Int](repeating: 0, count: 256)
    for v in values { counts[Int(v)] += 1 }
    return counts
  }

  /// The smallest level at or below which a fraction `q` of the counted values lie (0 when
  /// nothing is counted).
  static func percentile(_ counts: [Int], _ q: Double) -> Double {
    let n = counts.reduce(0, +)
    guard n > 0 else { return 0 }
    let rank = max(1, Int((q * Double(n)).rounded(.up)))
    var seen = 0
    for (v, c) in counts.enumerated() {
      seen += c
      if seen >= rank { return Double(v) }
    }
    return 255
  }
}

/// A rectangle of pixels: top-left `(x, y)` (column, row) and size.
public struct InkBox: Sendable, Equatable, Codable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }
  /// The longer side.
  public var longestSide: Int { max(width, height) }
}
