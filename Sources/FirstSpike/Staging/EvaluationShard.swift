import Foundation

/// Shard `index` of `count` of a split: the contiguous images
/// `index · n / count ..< (index + 1) · n / count` of its `n` images (`evaluate --shard I/N`).
public struct ShardSelection: Sendable, Equatable, CustomStringConvertible {
  public var index: Int
  public var count: Int

  public init(index: Int, count: Int) {
    precondition(count >= 1 && (0..<count).contains(index), "shard \(index) of \(count)")
    self.index = index
    self.count = count
  }

  /// Parses `I/N` (0 ≤ I < N), or `auto/N` with I from the scheduler's task index
  /// (``SchedulerTask``) in `environment`.
  public static func parse(_ text: String, environment: [String: String]) throws -> ShardSelection {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let n = Int(parts[1]), n >= 1, n <= 1_000_000 else {
      throw ShardError(reason: "--shard expects I/N (0 ≤ I < N, N from 1 to 1000000) or auto/N, got '\(text)'")
    }
    let index: Int
    if parts[0] == "auto" {
      guard let i = try SchedulerTask.index(environment: environment) else {
        throw ShardError(reason: "--shard auto/\(n): neither \(SchedulerTask.variables.joined(separator: " nor ")) is set")
      }
      index = i
    } else {
      guard let i = Int(parts[0]) else { throw ShardError(reason: "--shard expects I/N or auto/N, got '\(text)'") }
      index = i
    }
    guard (0..<n).contains(index) else { throw ShardError(reason: "--shard \(text): shard index \(index) is not below \(n)") }
    return ShardSelection(index: index, count: n)
  }

  /// The images of this shard among `total`.
  public func range(total: Int) -> Range<Int> {
    // ⌊total · i / count⌋ without forming total · i: total = q · count + r.
    func bound(_ i: Int) -> Int { total / count * i + total % count * i / count }
    return bound(index)..<bound(index + 1)
  }

  public var description: String { "\(index)/\(count)" }
}

/// A shard option or shard file that cannot be used.
public struct ShardError: FirstSpikeError, Equatable {
  public var reason: String
  public init(reason: String) { self.reason = reason }
  public var description: String { reason }
}
