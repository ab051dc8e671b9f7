import Foundation

/// How FirstSpike's trace of one image compares with the reference simulator's
/// (``ReferenceTrace/compared(to:)``), stage by stage, and the verdict.
///
/// Tolerances (from `Tests/FirstSpikeTests/Fixtures/golden/README.md`: float32 vs float64 rounding, not logic, is what
/// makes two correct implementations differ):
/// - spike times must be identical, except *acceptable* differences: an S1C1 neuron whose
///   intensity lies within a relative ``s1c1TieTolerance`` of both values at the bin boundary
///   it crossed; a conv1 neuron whose potential at the earlier of the two spike times lies within
///   ``thresholdTolerance`` of θ (near-threshold); after inhibition also any neuron at a
///   position that has a near-threshold neuron, or whose two best features at the earliest step
///   are within ``thresholdTolerance`` of each other (near-tie);
/// - potentials, compared where both spike times agree and the neuron fired:
///   `|Δ| / max(|reference|, 1) ≤` ``potentialTolerance``;
/// - k-WTA winners equal (same list, same order);
/// - weights after STDP: `max |Δ| ≤` ``weightTolerance``.
public struct TraceComparison: Sendable, Equatable {
  public static let thresholdTolerance: Double = 1e-3
  public static let s1c1TieTolerance: Float = 1e-5
  public static let potentialTolerance: Float = 1e-4
  public static let weightTolerance: Float = 1e-6

  /// Spike times of one stage: neurons compared, how many differ, how many of those are
  /// acceptable (near-threshold or near-tie).
  public struct SpikeTimes: Sendable, Equatable {
    public var neurons: Int
    public var differing: Int
    public var acceptable: Int
    public var isOK: Bool { differing == acceptable }
  }

  /// Largest absolute and relative difference `|Δ| / max(|reference|, 1)` over `compared` values.
  public struct Values: Sendable, Equatable {
    public var compared: Int = 0
    public var maxAbsolute: Float = 0
    public var maxRelative: Float = 0
    /// Values with `|Δ|` above the stage's tolerance.
    public var beyondTolerance: Int = 0
  }

  /// Image, labels and the S1C1 counts `(nonzero intensities, bin size, spikes)`.
  public var imageIndex: Int
  public var split: String
  public var label: Int
  public var referenceLabel: Int
  public var s1c1Counts: [Int]
  public var referenceS1C1Counts: [Int]
  public var s1c1: SpikeTimes
  public var thresholded: SpikeTimes
  public var inhibited: SpikeTimes
  public var thresholdedPotentials: Values
  public var inhibitedPotentials: Values
  public var winners: [Winner]
  public var referenceWinners: [Winner]
  public var weights: Values
  /// θ, k and ρ of the traced stage (for the report).
  public var parameters: ReferenceTrace.Parameters

  public var winnersEqual: Bool { winners == referenceWinners }

  /// The stages that fail their tolerance, one short phrase each (empty when OK).
  public var failures: [String] {
    var out: [String] = []
    if label != referenceLabel { out.append("label \(label) vs \(referenceLabel)") }
    if s1c1Counts != referenceS1C1Counts { out.append("S1C1 counts \(s1c1Counts) vs \(referenceS1C1Counts)") }
    if !s1c1.isOK { out.append("S1C1 spike times (\(s1c1.differing - s1c1.acceptable))") }
    if !thresholded.isOK { out.append("conv1 spike times (\(thresholded.differing - thresholded.acceptable))") }
    if !inhibited.isOK {
      out.append("inhibited conv1 spike times (\(inhibited.differing - inhibited.acceptable))")
    }
    for (name, v) in [("thresholded", thresholdedPotentials), ("inhibited", inhibitedPotentials)]
    where v.maxRelative > Self.potentialTolerance {
      out.append("\(name) potentials relative |Δ| \(short(v.maxRelative))")
    }
    if !winnersEqual { out.append("k-WTA winners") }
    if weights.maxAbsolute > Self.weightTolerance {
      out.append("weights after STDP |Δ| \(short(weights.maxAbsolute))")
    }
    return out
  }

  /// OK: every stage within its tolerance.
  public var isOK: Bool { failures.isEmpty }

  /// The one-screen report: a line per stage, then the verdict.
  public func report(referencePath: String) -> String {
    let p = parameters
    func times(_ s: SpikeTimes, _ what: String) -> String {
      "\(s.differing) of \(s.neurons) differ" + (s.differing > 0 ? " (\(s.acceptable) \(what): acceptable)" : "")
    }
    func values(_ v: Values) -> String {
      "max |Δ| \(short(v.maxAbsolute)), relative \(short(v.maxRelative)), over \(v.compared) neurons"
    }
    func row(_ name: String, _ text: String) -> String {
      "  " + name + String(repeating: " ", count: max(1, 32 - name.count)) + text
    }
    var lines = [
      "trace of MNIST \(split) image \(imageIndex) against \(referencePath)",
      row("label", label == referenceLabel ? "\(label), equal" : "\(label), reference \(referenceLabel)"),
      row("S1C1 nonzero / bin / spikes", "\(counts(s1c1Counts)), reference \(counts(referenceS1C1Counts))"),
      row("S1C1 spike times", times(s1c1, "at near-tied bin boundaries")),
      row("conv1 spike times, fire(\(short(p.threshold)))",
          times(thresholded, "within \(short(Float(Self.thresholdTolerance))) of θ")),
      row("conv1 spike times, inhibited", times(inhibited, "near θ or near-tied")),
      row("conv1 potentials, fired", values(thresholdedPotentials)),
      row("conv1 potentials, inhibited", values(inhibitedPotentials)),
      row("k-WTA winners (k \(p.winners), ρ \(p.radius))", winnersEqual ? "equal \(list(winners))" : "DIFFER"),
    ]
    if !winnersEqual {
      lines.append(row("  FirstSpike", list(winners)))
      lines.append(row("  reference", list(referenceWinners)))
    }
    lines.append(row("weights after STDP", "max |Δ| \(short(weights.maxAbsolute)), "
      + "\(weights.beyondTolerance) of \(weights.compared) beyond \(short(Self.weightTolerance))"))
    lines.append("verdict: " + (isOK ? "OK" : "DIFFERENT (" + failures.joined(separator: "; ") + ")"))
    return lines.joined(separator: "\n")
  }

  /// `%.3g`-style: 15 → "15", 2.67e-05 → "2.67e-05".
  private func short(_ x: Float) -> String { String(format: "%.3g", Double(x)) }
  private func counts(_ c: [Int]) -> String { c.map(String.init).joined(separator: "/") }
  private func list(_ w: [Winner]) -> String { "[" + w.map(\.description).joined(separator: ", ") + "]" }
}
