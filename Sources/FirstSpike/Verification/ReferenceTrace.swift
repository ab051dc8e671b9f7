/// The first stage of Mozafari et al. 2019 on one image, step by step, in the format of
/// SpykeTorch's golden vectors (`Tests/FirstSpikeTests/Fixtures/golden/README.md`), to check FirstSpike against the
/// reference simulator.
///
/// ``run(image:imageIndex:split:label:initialWeights:parameters:encoder:)`` runs FirstSpike's
/// own pipeline: S1C1 (``S1C1Encoder/mozafari2019``) → pad `p` → conv1 `[Cout, 6, k, k]` →
/// fire(θ) → pointwise inhibition → k-WTA(k, ρ) on the inhibited potentials → one STDP step
/// `ΔW = a·(W − lb)(ub − W)` (stabilizer on) from the given initial weights, and records every
/// intermediate result. The same type holds a parsed reference file (``init(contentsOf:)``),
/// so the two are compared field by field (``TraceComparison``).
///
/// Shapes (MNIST, conv1 of mozafari2019): S1C1 `[6, 28, 28]`, conv1 `[30, 28, 28]`, weights
/// `[30, 6, 5, 5]` row-major.
public struct ReferenceTrace: Sendable, Equatable {
  /// The settings of the traced stage; defaults are REFERENCE §5 (Mozafari 2019, stage 1).
  public struct Parameters: Sendable, Equatable {
    /// conv1 firing threshold θ (fires at the first `t` with potential > θ).
    public var threshold: Float = 15
    /// Zero padding of the S1C1 wave before conv1.
    public var padding: Int = 2
    /// k and inhibition radius ρ of k-WTA.
    public var winners: Int = 5
    public var radius: Int = 3
    /// STDP rates `a⁺`, `a⁻` (the same for every feature).
    public var ltp: Float = 0.004
    public var ltd: Float = -0.003
    public var stabilizer: Bool = true
    public var lowerBound: Float = 0
    public var upperBound: Float = 1

    public init() {}
  }

  /// MNIST index, split (`"test"` or `"train"`) and digit of the image.
  public var imageIndex: Int
  public var split: String
  public var label: Int
  public var parameters: Parameters
  /// conv1 weights before STDP, row-major `[Cout, Cin, k, k]` (`conv1_weight_init`).
  public var initialWeights: [Float]
  /// `[Cout, Cin, k, k]` of the weights.
  public var weightShape: [Int]
  /// Non-zero S1C1 intensities `n`, bin size `n / T`, and S1C1 spikes.
  public var nonzeroIntensities: Int
  public var binSize: Int
  public var spikeCount: Int
  /// S1C1 first-spike times (before the padding), `[6, 28, 28]`.
  public var s1c1: SpikeWave
  /// The intensities latency coding sorted (`s1c1_intensity`, a debug aid; nil if the file
  /// has none). Used to tell near-tied bin boundaries apart from real S1C1 differences.
  public var s1c1Intensities: FeatureMaps?
  /// conv1 after fire(θ): first-spike times and final thresholded potentials (0 where silent).
  public var thresholdedWave: SpikeWave
  public var thresholdedPotentials: FeatureMaps
  /// conv1 after pointwise inhibition.
  public var inhibitedWave: SpikeWave
  public var inhibitedPotentials: FeatureMaps
  /// k-WTA winners in selection order (conv1 output coordinates).
  public var winners: [Winner]
  /// conv1 weights after one STDP step, row-major `[Cout, Cin, k, k]`.
  public var weightsAfterSTDP: [Float]

  /// Runs the traced stage on `image`.
  /// - Parameters:
  ///   - initialWeights: row-major `[Cout, Cin, k, k]` with `weightShape`; `Cin` must equal
  ///     the encoder's channel count.
  /// - Complexity: one S1C1 encoding, one conv1 pass (O(input spikes · k² · Cout)), one STDP step.
  public static func run(
    image: GrayImage, imageIndex: Int, split: String, label: Int,
    initialWeights: [Float], weightShape: [Int], parameters: Parameters = Parameters(),
    encoder: S1C1Encoder = .mozafari2019
  ) -> ReferenceTrace {
    precondition(weightShape.count == 4 && weightShape[2] == weightShape[3],
                 "conv1 weight shape \(weightShape) is not [Cout, Cin, k, k]")
    let intensities = encoder.intensities(image)
    let nonzero = intensities.values.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
    let s1c1 = encoder.latency.encode(intensities)
    let input = s1c1.padded(parameters.padding)
    var weights = ConvWeights(inChannels: weightShape[1], outChannels: weightShape[0], kernel: weightShape[2])
    weights.setCanonical(initialWeights)

    var out = input.convolved(with: weights, threshold: parameters.threshold)
    let thresholdedWave = out.wave(), thresholdedPotentials = out.thresholdedPotentials()
    out.inhibitPointwise(exact: ExactPotentials(input: input, weights: weights))
    let winners = out.kWinners(parameters.winners, radius: parameters.radius,
                               exact: ExactPotentials(input: input, weights: weights))
    var stdp = STDP(lowerBound: parameters.lowerBound, upperBound: parameters.upperBound,
                    stabilizer: parameters.stabilizer)
    stdp.apply(to: &weights, input: input, winners: winners,
               outputTimes: winners.map { out.spikeTime[out.slot($0.feature, $0.row, $0.column)] },
               rates: Array(repeating: RatePair(parameters.ltp, parameters.ltd), count: weights.outChannels))

    return ReferenceTrace(
      imageIndex: imageIndex, split: split, label: label, parameters: parameters,
      initialWeights: initialWeights, weightShape: weightShape, nonzeroIntensities: nonzero,
      binSize: nonzero / encoder.timeSteps, spikeCount: s1c1.spikeCount, s1c1: s1c1, s1c1Intensities: intensities,
      thresholdedWave: thresholdedWave, thresholdedPotentials: thresholdedPotentials,
      inhibitedWave: out.wave(), inhibitedPotentials: out.thresholdedPotentials(),
      winners: winners, weightsAfterSTDP: weights.canonical())
  }

  /// Runs the traced stage with the image, weights and parameters of `reference` (its
  /// results are ignored): the FirstSpike side of a comparison.
  public static func run(like reference: ReferenceTrace, image: GrayImage, label: Int,
                         encoder: S1C1Encoder = .mozafari2019) -> ReferenceTrace {
    run(image: image, imageIndex: reference.imageIndex, split: reference.split, label: label,
        initialWeights: reference.initialWeights, weightShape: reference.weightShape,
        parameters: reference.parameters, encoder: encoder)
  }

  /// The potential of conv1 neuron `(f, row, column)` after step `t`,
  /// `Σ_{c,ky,kx} W[f,c,ky,kx]·[t_in(c, row+ky, column+kx) ≤ t]` over the padded S1C1 wave,
  /// summed in `Double` from the initial weights. Used to tell near-threshold disagreements.
  /// - Complexity: O(Cin · k²).
  public func potential(feature f: Int, row: Int, column: Int, step t: Int) -> Double {
    let (cin, k, p) = (weightShape[1], weightShape[2], parameters.padding)
    var sum = 0.0
    for c in 0..<cin {
      for ky in 0..<k {
        for kx in 0..<k {
          let y = row + ky - p, x = column + kx - p
          guard y >= 0, y < s1c1.shape.height, x >= 0, x < s1c1.shape.width,
            Int(s1c1.times[s1c1.shape.index(c, y, x)]) <= t
          else { continue }
          sum += Double(initialWeights[((f * cin + c) * k + ky) * k + kx])
        }
      }
    }
    return sum
  }
}
