/// The decision of a rate-coded network on one image (proportion weighting).
public struct RateCodedClassification: Sendable, Equatable {
  /// Predicted class, nil when no assigned neuron fired (silent).
  public var label: Int?
  /// Winner's score minus the best other class's (0 when silent); see
  /// ``NeuronAssignment/proportionWeightingScores(_:)``.
  public var margin: Double
  /// Proportion-weighting score of every class.
  public var scores: [Double]
  /// Excitatory spikes in the (last) presentation.
  public var spikes: Int

  /// The decision from per-class scores: the first class with the highest positive score.
  public init(scores: [Double], spikes: Int) {
    var best = -1, bestScore = 0.0
    for (c, s) in scores.enumerated() where s > bestScore {
      best = c
      bestScore = s
    }
    let other = scores.enumerated().filter { $0.offset != best }.map(\.element).max() ?? 0
    self.label = best >= 0 ? best : nil
    self.margin = best >= 0 ? bestScore - other : 0
    self.scores = scores
    self.spikes = spikes
  }
}
