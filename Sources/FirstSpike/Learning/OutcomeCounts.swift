/// Counts of decisions: correct, wrong and silent (no winner).
public struct OutcomeCounts: Codable, Sendable, Equatable {
  public var correct = 0
  public var wrong = 0
  public var silent = 0
  public init() {}
  public var total: Int { correct + wrong + silent }
  /// Fraction correct; silent images count as wrong.
  public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }
  public mutating func record(_ outcome: Outcome) {
    switch outcome {
    case .correct: correct += 1
    case .wrong: wrong += 1
    case .silent: silent += 1
    }
  }
}

/// The result of one decision.
public enum Outcome: Sendable { case correct, wrong, silent }
