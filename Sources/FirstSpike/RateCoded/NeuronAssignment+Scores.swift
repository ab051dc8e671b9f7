/// The per-class scores behind the classifiers, for margins and explanations.
extension NeuronAssignment {
  /// Proportion-weighting score of every class,
  /// `score[c] = Σ_{n assigned to c} counts[n] · proportion[n][c] / (neurons assigned to c)`
  /// (0 for a class without neurons). ``predictProportionWeighting(_:)`` is the first class
  /// with the highest positive score.
  /// - Complexity: O(neurons + classes).
  public func proportionWeightingScores(_ counts: [Int32]) -> [Double] {
    precondition(counts.count == neurons, "\(counts.count) counts for \(neurons) neurons")
    var score = [Double](repeating: 0, count: classes)
    for j in 0..<neurons where counts[j] > 0 && assignments[j] >= 0 {
      let c = assignments[j]
      score[c] += Double(counts[j]) * proportions[j * classes + c]
    }
    let perClass = neuronsPerClass
    return (0..<classes).map { perClass[$0] > 0 ? score[$0] / Double(perClass[$0]) : 0 }
  }
}
