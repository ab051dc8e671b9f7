/// One validation pass over a rate-coded spec, wherever it enters (a spec file, a checkpoint,
/// the built-in with `--neurons`, `--time` or `--set`), so that a damaged or hand-edited spec
/// gives a one-line error naming the JSON path instead of tripping a precondition in the
/// simulator or allocating terabytes.
extension DiehlCook2015Spec {
  /// Most clock steps a presentation may have (a guard against absurd allocations).
  public static let maxSteps = 100_000
  /// Largest input side (`inputs = side²`) and most excitatory neurons.
  public static let maxSide = 4096, maxNeurons = 1 << 20
  /// Cap on ``memoryEstimate``: 4 GiB.
  public static let maxMemoryBytes = 4 << 30

  /// Throws the first problem, naming its JSON path: `inputs` a square `side²` with
  /// `1 ≤ side ≤ maxSide`, `1 ≤ neurons ≤ maxNeurons`, `dt` > 0, `1 ≤ time / dt ≤ maxSteps`,
  /// intensities such that even the last re-presentation
  /// (`intensity + maxRetries · intensityStep` Hz) stays at most one spike per step, positive
  /// time constants, non-negative refractory periods, `wmin ≤ wmax`, all values finite, and
  /// the memory the model needs within ``maxMemoryBytes``.
  public func validate() throws(SpecProblem) {
    let c = SpecCheck("")
    let side = Int(Double(max(inputs, 0)).squareRoot().rounded())
    if inputs < 1 || side > Self.maxSide || side * side != inputs {
      throw c("inputs").fail("must be a square image side² with 1 ≤ side ≤ \(Self.maxSide), got \(inputs)")
    }
    try c("neurons").within(neurons, 1...Self.maxNeurons)
    try c("dt").positive(dt)
    try c("time").finite(time)
    if !(time >= dt) { throw c("time").fail("must be ≥ dt (\(dt) ms), got \(time)") }
    if time / dt > Double(Self.maxSteps) { throw c("time").fail("\(time / dt) steps of \(dt) ms per image exceed \(Self.maxSteps)") }
    try c("minSpikes").within(minSpikes, 0...1_000_000)
    try c("maxRetries").within(maxRetries, 0...1000)
    try c("intensity").nonNegative(intensity)
    try c("intensityStep").nonNegative(intensityStep)
    if (intensity + Double(maxRetries) * intensityStep) * dt / 1000 > 1 {
      throw c("intensity").fail("\(intensity) Hz + \(maxRetries) × \(intensityStep) Hz exceeds one spike per step of \(dt) ms")
    }
    for (name, p) in [("excitatory", excitatory), ("inhibitory", inhibitory)] {
      try c(name)("rest").finite(p.rest)
      try c(name)("reset").finite(p.reset)
      try c(name)("threshold").finite(p.threshold)
      try c(name)("refractory").nonNegative(p.refractory)
      try c(name)("tcDecay").positive(p.tcDecay)
    }
    try c("adaptation.thetaPlus").finite(adaptation.thetaPlus)
    try c("adaptation.tcDecay").positive(adaptation.tcDecay)
    try c("tcTrace").positive(tcTrace)
    try c("stdp.nuPre").finite(stdp.nuPre)
    try c("stdp.nuPost").finite(stdp.nuPost)
    try c("stdp.wmin").finite(stdp.wmin)
    try c("stdp.wmax").finite(stdp.wmax)
    if stdp.wmin > stdp.wmax { throw c("stdp.wmin").fail("must be ≤ stdp.wmax (\(stdp.wmax)), got \(stdp.wmin)") }
    for (key, value) in [("norm", norm), ("excWeight", excWeight), ("inhWeight", inhWeight), ("initialWeight", initialWeight)] {
      try c(key).finite(value)
    }
    if memoryEstimate > Self.maxMemoryBytes {
      throw c("neurons").fail("\(inputs) inputs × \(neurons) neurons need about \(ByteCount.text(memoryEstimate)), over the limit of \(ByteCount.text(Self.maxMemoryBytes))")
    }
  }

  /// Bytes the model needs, about: the weights three times (model, trainer, checkpoint
  /// encoding) and the per-neuron state (the sparse input rasters are small beside them).
  public var memoryEstimate: Int {
    (ByteCount(value: 4) * inputs * neurons * 3 + ByteCount(value: 64) * neurons).value
  }

  /// The first problem (`neurons: must be in 1...1048576, got 0`), or nil.
  public var problem: SpecProblem? {
    do { try validate() } catch { return error }
    return nil
  }
}
