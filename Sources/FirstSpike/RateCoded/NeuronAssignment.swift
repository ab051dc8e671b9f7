/// Labels of excitatory neurons from their average response per class, and the two
/// classifiers of Diehl & Cook (2015) built on them. Mirrors BindsNET
/// `evaluation.assign_labels`, `all_activity` and `proportion_weighting`.
///
///     rate[n][c]       = mean spike count of neuron n over the labelling images of class c
///     assignment[n]    = argmax_c rate[n][c]   (−1 for a neuron silent on every class)
///     proportion[n][c] = rate[n][c] / Σ_c' rate[n][c']
///
/// BindsNET assigns a silent neuron to class 0; here it belongs to no class.
public struct NeuronAssignment: Sendable, Equatable, Codable {
  public var classes: Int
  public var neurons: Int
  /// `rates[n * classes + c]`.
  public var rates: [Double]
  /// Class of each neuron, −1 if unassigned.
  public var assignments: [Int]
  /// `proportions[n * classes + c]`.
  public var proportions: [Double]

  /// The assignment from the summed spike counts per neuron and class and the number of
  /// labelling images of each class.
  public init(sums: ClassResponseSums) {
    let k = sums.classes, n = sums.neurons
    classes = k
    neurons = n
    rates = [Double](repeating: 0, count: n * k)
    proportions = rates
    assignments = [Int](repeating: -1, count: n)
    for j in 0..<n {
      var total = 0.0, best = 0.0
      for c in 0..<k where sums.images[c] > 0 {
        let r = Double(sums.counts[j * k + c]) / Double(sums.images[c])
        rates[j * k + c] = r
        total += r
        if r > best { best = r; assignments[j] = c }
      }
      if total > 0 { for c in 0..<k { proportions[j * k + c] = rates[j * k + c] / total } }
    }
  }

  /// Neurons assigned to each class.
  public var neuronsPerClass: [Int] {
    var m = [Int](repeating: 0, count: classes)
    for a in assignments where a >= 0 { m[a] += 1 }
    return m
  }

  /// "All activity": the class whose assigned neurons have the highest mean spike count;
  /// −1 when no assigned neuron fired. Ties go to the lower class.
  public func predictAllActivity(_ counts: [Int32]) -> Int {
    predict(counts) { _, _ in 1 }
  }

  /// "Proportion weighting": as all activity, each spike of neuron `n` weighted by
  /// `proportion[n][c]`.
  public func predictProportionWeighting(_ counts: [Int32]) -> Int {
    predict(counts) { j, c in proportions[j * classes + c] }
  }

  func predict(_ counts: [Int32], weight: (Int, Int) -> Double) -> Int {
    precondition(counts.count == neurons, "\(counts.count) counts for \(neurons) neurons")
    var score = [Double](repeating: 0, count: classes)
    for j in 0..<neurons where counts[j] > 0 && assignments[j] >= 0 {
      score[assignments[j]] += Double(counts[j]) * weight(j, assignments[j])
    }
    let perClass = neuronsPerClass
    var best = -1, bestScore = 0.0
    for c in 0..<classes where perClass[c] > 0 {
      let s = score[c] / Double(perClass[c])
      if s > bestScore { best = c; bestScore = s }
    }
    return best
  }
}
