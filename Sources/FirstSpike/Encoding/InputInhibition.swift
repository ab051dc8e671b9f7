/// Pointwise (feature) inhibition of an encoder's output: at each position `(r, x)` only one
/// feature survives.
///
/// - On intensities (SpykeTorch tutorial, one time step before latency coding): the feature with
///   the largest value survives, ties → lowest feature index; all others become 0. A position
///   whose largest value is ≤ 0 becomes all 0 (nothing fires there).
/// - On a spike wave: the earliest-firing feature survives; among simultaneous earliest
///   features, the largest intensity when the intensities are given (MozafariShallow's
///   encoder inhibits its intensity wave), then the lowest feature index (a 0-1 wave, as
///   KheradpishehDeep's stage-2 input); all others never fire.
///
/// Mirrors SpykeTorch `functional.pointwise_inhibition` on a single step / on a 0-1 wave.
/// - Complexity: O(C · H · W).
public enum InputInhibition {
  /// Keeps only the largest value of each position across features.
  public static func apply(to maps: inout FeatureMaps) {
    let (c, plane) = (maps.shape.channels, maps.shape.plane)
    if c == 0 { return }
    maps.values.withUnsafeMutableBufferPointer { v in
      for p in 0..<plane {
        var best = 0
        for f in 1..<c where v[f * plane + p] > v[best * plane + p] { best = f }
        let keep = v[best * plane + p] > 0
        for f in 0..<c where f != best || !keep { v[f * plane + p] = 0 }
      }
    }
  }

  /// Keeps only the earliest spike of each position across features; among features firing
  /// at that earliest step, the one with the largest value in `intensities` when given (the
  /// reference inhibits the latency code's intensity wave, whose values are the intensities),
  /// then the lowest feature index.
  public static func apply(to wave: inout SpikeWave, intensities: FeatureMaps? = nil) {
    let (c, plane) = (wave.shape.channels, wave.shape.plane)
    if c == 0 { return }
    if let intensities {
      precondition(intensities.shape == wave.shape, "intensities \(intensities.shape) for a wave of \(wave.shape)")
    }
    let values = intensities?.values ?? []
    wave.times.withUnsafeMutableBufferPointer { t in
      for p in 0..<plane {
        var best = 0
        for f in 1..<c {
          let a = t[f * plane + p], b = t[best * plane + p]
          if a < b || (a == b && a != SpikeWave.never && !values.isEmpty && values[f * plane + p] > values[best * plane + p]) {
            best = f
          }
        }
        for f in 0..<c where f != best { t[f * plane + p] = SpikeWave.never }
      }
    }
  }

  /// Inhibited copy of `maps`.
  public static func applied(to maps: FeatureMaps) -> FeatureMaps {
    var out = maps
    apply(to: &out)
    return out
  }

  /// Inhibited copy of `wave`.
  public static func applied(to wave: SpikeWave) -> SpikeWave {
    var out = wave
    apply(to: &out)
    return out
  }
}
