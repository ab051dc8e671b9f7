import ArgumentParser
import FirstSpike

/// A half-open range of image indices written `A..<B` or `A...B` (inclusive) on the command line.
struct IndexRange: Equatable, CustomStringConvertible {
  var lowerBound: Int
  /// Exclusive.
  var upperBound: Int

  /// As the user wrote it.
  var text: String

  var count: Int { upperBound - lowerBound }
  var description: String { text }

  /// Parses `A..<B` or `A...B` with `0 ≤ A`, `A < B` (`A ≤ B` for `...`).
  static func parse(_ text: String) throws -> IndexRange {
    let bad = ValidationError(
      "expected A..<B or A...B with integers 0 ≤ A and a non-empty range, got '\(text)'")
    for (separator, inclusive) in [("..<", false), ("...", true)] {
      let parts = text.components(separatedBy: separator)
      guard parts.count == 2 else { continue }
      guard let a = Int(parts[0]), let b = Int(parts[1]), a >= 0, b < Int.max else { throw bad }
      let upper = inclusive ? b + 1 : b
      guard a < upper else { throw bad }
      return IndexRange(lowerBound: a, upperBound: upper, text: text)
    }
    throw bad
  }
}
