import Foundation
import Dispatch

/// Runs `body(i)` for `i in 0..<count`: serially when `threads <= 1`, otherwise on at most
/// `threads` cores (`DispatchQueue.concurrentPerform`).
///
/// Each index is one unit of work whatever the thread count, so a result written to slot `i`
/// does not depend on scheduling; callers write disjoint outputs only.
public func parallelFor(_ count: Int, threads: Int = defaultThreadCount, _ body: @Sendable (Int) -> Void) {
  if count <= 0 { return }
  if threads <= 1 || count == 1 {
    for i in 0..<count { body(i) }
    return
  }
  // concurrentPerform spreads its iterations over every core; with fewer threads asked for
  // than there are cores (a Slurm trial's share of a large node, `--threads 2` on a laptop),
  // `threads` workers each take every `threads`-th index instead. Which worker runs an index
  // never changes a result: bodies write disjoint outputs.
  if threads >= count || threads >= processorCount {
    DispatchQueue.concurrentPerform(iterations: count, execute: body)
  } else {
    DispatchQueue.concurrentPerform(iterations: threads) { w in
      for i in stride(from: w, to: count, by: threads) { body(i) }
    }
  }
}

/// The active processors, read once (``parallelFor(_:threads:_:)`` runs per mini-batch).
let processorCount = max(1, ProcessInfo.processInfo.activeProcessorCount)

/// The number of worker threads parallel loops use: the `FIRSTSPIKE_THREADS` environment
/// variable when set, else the number of active processors.
public let defaultThreadCount: Int = {
  if let s = getenvString("FIRSTSPIKE_THREADS"), let n = Int(s), n >= 1 { return n }
  return processorCount
}()

func getenvString(_ name: String) -> String? { ProcessInfo.processInfo.environment[name] }

/// A mutable buffer that parallel workers write disjoint slices of. The caller guarantees that
/// no two workers touch the same element and that the buffer outlives the loop.
public struct SharedBuffer<Element>: @unchecked Sendable {
  public let base: UnsafeMutablePointer<Element>
  public let count: Int
  public init(_ buffer: UnsafeMutableBufferPointer<Element>) {
    base = buffer.baseAddress!
    count = buffer.count
  }
  @inlinable public subscript(i: Int) -> Element {
    get { base[i] }
    nonmutating set { base[i] = newValue }
  }
}
