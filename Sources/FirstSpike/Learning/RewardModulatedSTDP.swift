/// Reward-modulated STDP (Mozafari et al. 2018, 2019): the decision layer's winner is the
/// network's answer, and its kernel learns from the outcome.
///
/// - correct → STDP with the reward rates `(a⁺_r, a⁻_r)`;
/// - wrong → anti-STDP with the punishment rates `(a⁻_p, a⁺_p)`: synapses whose input fired at
///   or before the output get `a⁻_p < 0` (depressed), the others `a⁺_p > 0`;
/// - silent (no winner) → no change.
///
/// Both are ``STDP`` updates of one kernel with the rates of the outcome, so the update itself
/// is ``STDP/apply(to:input:winners:outputTimes:rates:)``. Mirrors SpykeTorch's
/// `MozafariMNIST2018.reward()` / `punish()` (`stdp3` / `anti_stdp3`).
public enum RewardModulatedSTDP {
  /// The per-feature rates the update of one decision uses.
  public static func rates(correct: Bool, reward: [RatePair], punish: [RatePair]) -> [RatePair] {
    correct ? reward : punish
  }

  /// Adaptive rates after a batch of decisions (Mozafari et al. 2019, §2.4): with `wrong` and
  /// `correct` the batch's fractions,
  ///
  ///     reward ← initialReward · (min + range · wrong)   · decay
  ///     punish ← initialPunish · (min + range · correct) · decay
  ///
  /// (`min` 0, `range` 1 in the paper; `decay` = passDecay^pass, exactly 1 without decay).
  /// Float32, in that order.
  public static func adaptiveRates(initialReward: RatePair, initialPunish: RatePair, batch: OutcomeCounts,
                                   minimum: Float, range: Float, decay: Float) -> (reward: RatePair, punish: RatePair) {
    let n = Float(batch.total)
    let wrong = Float(batch.wrong) / n, correct = Float(batch.correct) / n
    let r = (minimum + range * wrong) * decay
    let p = (minimum + range * correct) * decay
    return (RatePair(initialReward.ltp * r, initialReward.ltd * r),
            RatePair(initialPunish.ltp * p, initialPunish.ltd * p))
  }

  /// The rates that reward the correct class's best neuron after a wrong decision (a FirstSpike
  /// option, LVQ2-like: the nearest correct prototype moves towards the input): the initial
  /// reward rates scaled by the punishment's current adaptive factor,
  /// `initialReward · (punish.ltp / initialPunish.ltp)` (factor 1 when `initialPunish.ltp` is 0).
  public static func correctClassRates(initialReward: RatePair, initialPunish: RatePair,
                                       currentPunish: RatePair) -> RatePair {
    let scale = initialPunish.ltp != 0 ? currentPunish.ltp / initialPunish.ltp : 1
    return RatePair(initialReward.ltp * scale, initialReward.ltd * scale)
  }
}
