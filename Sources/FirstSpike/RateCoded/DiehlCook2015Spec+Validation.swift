/// Checks of a spec read from a file, so that a damaged or hand-edited checkpoint gives a
/// one-line error instead of tripping a precondition in the simulator.
extension DiehlCook2015Spec {
  /// Most clock steps a presentation may have (a guard against absurd allocations).
  public static let maxSteps = 100_000

  /// The first thing wrong with the spec, or nil when it can be simulated:
  /// `inputs` a square `side²` ≥ 1, `neurons` ≥ 1, `dt` > 0, `1 ≤ time / dt ≤ maxSteps`,
  /// intensities such that even the last re-presentation
  /// (`intensity + maxRetries · intensityStep` Hz) stays at most one spike per step, positive
  /// time constants, non-negative refractory periods, `wmin ≤ wmax`, all values finite.
  public var problem: String? {
    let side = Int(Double(max(inputs, 0)).squareRoot().rounded())
    if inputs < 1 || side * side != inputs { return "inputs \(inputs) is not a square image (side² with side ≥ 1)" }
    if neurons < 1 { return "neurons \(neurons) must be 1 or more" }
    guard dt.isFinite && dt > 0, time.isFinite && time >= dt else { return "time \(time) ms and dt \(dt) ms need 0 < dt ≤ time" }
    if time / dt > Double(Self.maxSteps) { return "\(time / dt) steps per image exceed \(Self.maxSteps)" }
    guard minSpikes >= 0, maxRetries >= 0, maxRetries <= 1000 else { return "minSpikes \(minSpikes), maxRetries \(maxRetries) must lie in 0...1000" }
    let highest = intensity + Double(maxRetries) * intensityStep
    guard intensity.isFinite, intensity >= 0, intensityStep.isFinite, intensityStep >= 0, highest * dt / 1000 <= 1 else {
      return "intensity \(intensity) Hz + \(maxRetries) × \(intensityStep) Hz exceeds one spike per step of \(dt) ms"
    }
    for (name, p) in [("excitatory", excitatory), ("inhibitory", inhibitory)] {
      let values = [p.rest, p.reset, p.threshold, p.refractory, p.tcDecay]
      guard values.allSatisfy(\.isFinite), p.tcDecay > 0, p.refractory >= 0 else {
        return "\(name) neurons: tcDecay \(p.tcDecay) ms must be positive, refractory \(p.refractory) ms not negative"
      }
    }
    let scalars = [adaptation.thetaPlus, adaptation.tcDecay, tcTrace, stdp.nuPre, stdp.nuPost, norm, excWeight, inhWeight, initialWeight]
    guard scalars.allSatisfy(\.isFinite), adaptation.tcDecay > 0, tcTrace > 0 else {
      return "non-finite parameter, or tcDecay \(adaptation.tcDecay) ms / tcTrace \(tcTrace) ms not positive"
    }
    guard stdp.wmin.isFinite, stdp.wmax.isFinite, stdp.wmin <= stdp.wmax else { return "wmin \(stdp.wmin) above wmax \(stdp.wmax)" }
    return nil
  }
}
