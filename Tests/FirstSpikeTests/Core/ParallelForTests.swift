import Foundation
import Testing
@testable import FirstSpike

/// ``parallelFor(_:threads:_:)`` runs every index once and never more bodies at a time than
/// the threads asked for (on a machine with more cores than that: the old loop used them all).
@Suite struct ParallelForTests {
  /// Counts the bodies running at once.
  final class Overlap: @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    private(set) var most = 0
    private(set) var seen: [Int] = []
    func enter(_ i: Int) { lock.withLock { running += 1; most = max(most, running); seen.append(i) } }
    func leave() { lock.withLock { running -= 1 } }
  }

  @Test(arguments: [1, 2, 3])
  func runsEachIndexOnceOnAtMostTheThreadsAskedFor(threads: Int) {
    let overlap = Overlap()
    parallelFor(24, threads: threads) { i in
      overlap.enter(i)
      usleep(2_000)
      overlap.leave()
    }
    #expect(overlap.seen.sorted() == Array(0..<24))
    #expect(overlap.most <= threads)
    #expect(overlap.most >= 1)
  }
}
