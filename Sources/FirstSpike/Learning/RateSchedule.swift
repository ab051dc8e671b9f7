/// The STDP rate schedule of the SpykeTorch example scripts (Mozafari et al. 2019,
/// Kheradpisheh et al. 2018): a per-stage image counter; on every `every`-th image, before
/// that image's update,
///
///     a⁺ ← min(2·a⁺, maxLTP),   a⁻ ← ltdRatio · a⁺        for every feature
///
/// (`every` 500, `maxLTP` 0.15, `ltdRatio` −0.75 in the papers). `every` 0 turns it off.
public struct RateSchedule: Sendable, Equatable {
  public var every: Int
  public var maxLTP: Float
  public var ltdRatio: Float

  public init(every: Int, maxLTP: Float, ltdRatio: Float) {
    self.every = every
    self.maxLTP = maxLTP
    self.ltdRatio = ltdRatio
  }

  /// Applies the schedule for the `imagesSeen`-th image of the stage (1-based).
  public func update(_ rates: inout [RatePair], imagesSeen: Int) {
    guard every > 0 && imagesSeen % every == 0 else { return }
    for f in rates.indices {
      let ltp = min(2 * rates[f].ltp, maxLTP)
      rates[f] = RatePair(ltp, ltdRatio * ltp)
    }
  }
}
