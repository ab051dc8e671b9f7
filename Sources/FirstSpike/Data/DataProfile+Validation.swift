/// What a profile read from a checkpoint must satisfy before `classify` frames an image with
/// it: sizes and levels any measured profile has (``DataProfile/init(measuring:)`` only
/// produces such values), so a crafted file cannot make the normalisation allocate a huge
/// canvas or convert an out-of-range coordinate.
extension DataProfile {
  /// Largest |slant| a profile may record (columns per row; MNIST's median is −0.125).
  public static let maxSlant = 64.0

  /// Why this cannot be a training-data profile, or nil.
  public var problem: String? {
    let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
    if width < 1 || height < 1 || overflow || pixels > PNGFile.defaultMaxPixels {
      return "frame \(width)×\(height) is not 1…\(PNGFile.defaultMaxPixels) pixels"
    }
    let side = Double(max(width, height))
    let checks: [(String, [Double], ClosedRange<Double>)] = [
      ("background", [background], 0...255), ("contrast", [contrast], 0...255),
      ("contrastRange", contrastRange, 0...255), ("meanIntensity", [meanIntensity], 0...255),
      ("inkBox", [inkBox], 0...side), ("inkBoxRange", inkBoxRange, 0...side),
      ("centreX", [centreX], 0...Double(width)), ("centreY", [centreY], 0...Double(height)),
      ("centreTolerance", [centreTolerance], 0...(2 * side)), ("inkFraction", [inkFraction], 0...1),
      ("slant", slant.map { [$0] } ?? [], -Self.maxSlant...Self.maxSlant),
    ]
    for (name, values, range) in checks {
      if let bad = values.first(where: { !range.contains($0) }) { return "\(name) \(bad) outside \(range)" }
    }
    for (name, pair) in [("contrastRange", contrastRange), ("inkBoxRange", inkBoxRange)] where pair.count != 2 || pair[0] > pair[1] {
      return "\(name) \(pair) is not an ascending pair"
    }
    if images < 0 { return "images \(images) is negative" }
    return nil
  }
}
