import Foundation

/// Brings an image a user hands `classify` to the form of the training images
/// (``DataProfile``), and says what it did.
///
/// `auto`, for a profile of sparse ink on a uniform background (digits):
/// 1. transparency is composited onto white when the ink is dark, onto black when it is light
///    (so black ink on a transparent web canvas stays visible);
/// 2. an image already like the training images (same frame, polarity, background and ink
///    level, ink box and centre of mass within the training set's ranges) is left exactly as
///    it is;
/// 3. otherwise the ink is brought to the training polarity (inverted if needed) and levels
///    (background → the training background, the ink's level → the training ink level, the
///    border's noise removed), cropped to its bounding box, sheared to the training slant
///    (when the profile has one and the ink's differs by 1 / ink box or more), fitted into the training ink box
///    keeping its aspect ratio (area-averaged when it shrinks, bilinear when it grows) and
///    placed in the frame with its centre of mass on the training centre, as MNIST was made.
///
/// For other profiles (photographs) `auto` composites onto the training background and
/// resizes (area-averaged when shrinking, bilinear when growing). `none` does what FirstSpike
/// always did: the luma as read, alpha ignored, a bilinear resize to the frame.
public enum InputNormalization {
  public enum Mode: String, Sendable, CaseIterable {
    case auto, none
  }

  /// Whether to bring the ink to the training polarity.
  public enum Polarity: String, Sendable, CaseIterable {
    /// Detected from the image (border against ink).
    case auto
    /// Never invert.
    case keep
    /// Always invert.
    case invert
  }

  /// The image as the network will see it, what was done, and what looked wrong.
  public struct Result: Sendable {
    /// Of the profile's frame size.
    public var image: GrayImage
    /// What was done, in order, e.g. `["inverted", "ink 184×201 → 18×20, centred"]`; empty when
    /// the image was used as it is.
    public var steps: [String]
    /// Ways in which the image is unlike the training images (no ink, …).
    public var warnings: [String]
  }

  /// Images whose ink varies by less than this (of 255) have no ink to speak of.
  public static let minimumContrast = 12.0

  public static func apply(_ input: GrayAlphaImage, profile: DataProfile, mode: Mode = .auto,
                           polarity: Polarity = .auto) -> Result {
    let (w, h) = (profile.width, profile.height)
    guard mode == .auto else {
      let g = input.gray
      let resized = g.width != w || g.height != h
      return Result(image: g.resized(width: w, height: h),
                    steps: resized ? ["resized from \(g.width)×\(g.height) to \(w)×\(h)"] : [], warnings: [])
    }
    var steps: [String] = [], warnings: [String] = []
    var image = composite(input, profile: profile, steps: &steps)
    let layout = InkLayout(image)
    if layout.contrast < minimumContrast || layout.box == nil {
      warnings.append(String(format: "no ink: the image is nearly uniform (contrast %.0f of 255)", layout.contrast))
      return Result(image: resize(image, profile, &steps), steps: steps, warnings: warnings)
    }
    guard profile.digitLike else { return Result(image: resize(image, profile, &steps), steps: steps, warnings: warnings) }
    let invert = polarity == .invert || (polarity == .auto && layout.lightInk != profile.lightInk)
    if polarity == .auto && !invert && looksLikeTraining(image, layout, profile) {
      return Result(image: image, steps: steps, warnings: warnings)
    }
    if invert {
      image = image.inverted()
      steps.append("inverted")
    }
    image = levelled(image, profile: profile, lightInk: invert ? !layout.lightInk : layout.lightInk, steps: &steps)
    image = framed(image, profile: profile, steps: &steps)
    let fraction = InkLayout(image, lightInk: profile.lightInk).inkFraction
    if fraction > max(2.5 * profile.inkFraction, 0.05) {
      warnings.append(String(format: "unlike the training images: ink covers %.0f%% of the frame (training images: %.0f%%)",
                             100 * fraction, 100 * profile.inkFraction))
    }
    return Result(image: image, steps: steps, warnings: warnings)
  }

  /// Composites a transparent image onto white (dark ink) or black (light ink); photographs
  /// onto the training background.
  static func composite(_ input: GrayAlphaImage, profile: DataProfile, steps: inout [String]) -> GrayImage {
    guard let alpha = input.alpha else { return input.gray }
    var inkSum = 0.0, weight = 0.0
    for (g, a) in zip(input.gray.pixels, alpha) {
      inkSum += Double(g) * Double(a)
      weight += Double(a)
    }
    let onto: Double
    if profile.digitLike {
      onto = weight == 0 || inkSum / weight < 128 ? 255 : 0
    } else {
      onto = profile.background.rounded()
    }
    var out = input.gray
    for i in out.pixels.indices {
      let a = Double(alpha[i]) / 255
      out.pixels[i] = UInt8(min(255, max(0, (a * Double(input.gray.pixels[i]) + (1 - a) * onto).rounded())))
    }
    steps.append("alpha composited onto \(onto == 255 ? "white" : onto == 0 ? "black" : "gray \(Int(onto))")")
    return out
  }

  /// Same frame, polarity, background and ink level, ink box and centre within the training
  /// ranges: nothing to do.
  static func looksLikeTraining(_ image: GrayImage, _ layout: InkLayout, _ p: DataProfile) -> Bool {
    guard image.width == p.width, image.height == p.height, layout.lightInk == p.lightInk,
          abs(layout.background - p.background) <= 8, p.contrastRange.count == 2,
          layout.contrast >= p.contrastRange[0] - 0.1 * p.contrast, layout.contrast <= p.contrastRange[1] + 0.1 * p.contrast,
          let box = layout.box, let c = layout.centre, p.inkBoxRange.count == 2 else { return false }
    let side = Double(box.longestSide)
    let distance = ((c.x - p.centreX) * (c.x - p.centreX) + (c.y - p.centreY) * (c.y - p.centreY)).squareRoot()
    return side >= p.inkBoxRange[0] - 1 && side <= p.inkBoxRange[1] + 1 && distance <= p.centreTolerance + 0.5
  }

  /// Maps the background to the training background and the ink level to the training ink
  /// level; ink weaker than the border's noise becomes background.
  static func levelled(_ image: GrayImage, profile p: DataProfile, lightInk: Bool, steps: inout [String]) -> GrayImage {
    let layout = InkLayout(image, lightInk: lightInk)
    let noise = min(0.5 * layout.contrast, 3 * 1.4826 * layout.borderSpread + 2)
    let gain = p.contrast / max(1, layout.contrast - noise)
    var out = image
    for i in out.pixels.indices {
      let v = Double(image.pixels[i])
      let s = max(0, (lightInk ? v - layout.background : layout.background - v) - noise) * gain
      out.pixels[i] = UInt8(min(255, max(0, (p.lightInk ? p.background + s : p.background - s).rounded())))
    }
    let target = p.lightInk ? p.background + p.contrast : p.background - p.contrast
    let inkLevel = lightInk ? layout.background + layout.contrast : layout.background - layout.contrast
    if abs(layout.background - p.background) > 2 || abs(inkLevel - target) > 4 || noise > 2 {
      steps.append(String(format: "levels %.0f–%.0f → %.0f–%.0f", layout.background, inkLevel, p.background, target))
    }
    return out
  }

  /// Crops to the ink, fits it into the training ink box (aspect kept) and puts its centre of
  /// mass on the training centre of a training-sized frame.
  static func framed(_ image: GrayImage, profile p: DataProfile, steps: inout [String]) -> GrayImage {
    let layout = InkLayout(image, lightInk: p.lightInk)
    guard var box = layout.box else { return resize(image, p, &steps) }
    var crop = image.cropped(row: box.y, column: box.x, width: box.width, height: box.height)
    if let target = p.slant, let slant = layout.slant, let c = layout.centre,
       (1 / max(1, p.inkBox)...maxShear).contains(abs(slant - target)) {
      // Shear rows about the centre of mass so that the ink's slant becomes the training
      // slant; skipped when that would move the top or bottom of the fitted ink box by less
      // than half a pixel, and for ink nearly in one row, whose slant is no stroke's (a
      // shear of more than `maxShear` columns per row, past 76°, would widen the canvas by
      // as much times the ink's height).
      let sheared = crop.sheared(by: slant - target, aboutRow: c.y - Double(box.y), fill: fill(p))
      let inner = InkLayout(sheared, lightInk: p.lightInk)
      if let b = inner.box {
        crop = sheared.cropped(row: b.y, column: b.x, width: b.width, height: b.height)
        box = b
        steps.append(String(format: "slant %.2f → %.2f", slant, target))
      }
    }
    let scale = p.inkBox / Double(box.longestSide)
    let w = max(1, min(p.width, Int((Double(box.width) * scale).rounded())))
    let h = max(1, min(p.height, Int((Double(box.height) * scale).rounded())))
    let fitted = scale < 1 ? crop.areaResized(width: w, height: h) : crop.resized(width: w, height: h)
    let c = InkLayout(fitted, lightInk: p.lightInk).centre ?? (Double(w - 1) / 2, Double(h - 1) / 2)
    let row = Int((p.centreY - c.y).rounded()), column = Int((p.centreX - c.x).rounded())
    steps.append("ink \(box.width)×\(box.height) → \(w)×\(h), centred")
    return fitted.placed(onCanvas: p.width, p.height, row: min(max(row, 0), p.height - h),
                         column: min(max(column, 0), p.width - w), fill: fill(p))
  }

  /// The largest shear ``framed(_:profile:steps:)`` applies, in columns per row.
  static let maxShear = 4.0

  /// The training background as a pixel level.
  static func fill(_ p: DataProfile) -> UInt8 { UInt8(min(255, max(0, p.background.rounded()))) }

  /// Resized to the frame: area-averaged when shrinking, bilinear when growing.
  static func resize(_ image: GrayImage, _ p: DataProfile, _ steps: inout [String]) -> GrayImage {
    guard image.width != p.width || image.height != p.height else { return image }
    steps.append("resized \(image.width)×\(image.height) → \(p.width)×\(p.height)")
    let shrinks = image.width >= p.width && image.height >= p.height
    return shrinks ? image.areaResized(width: p.width, height: p.height) : image.resized(width: p.width, height: p.height)
  }
}
