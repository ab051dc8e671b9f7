/// `body(i)` for `i in 0..<count`, in parallel (``parallelFor(_:threads:_:)``), in index order;
/// the result does not depend on `threads`.
public func parallelMap<T: Sendable>(_ count: Int, threads: Int = defaultThreadCount, _ body: @Sendable (Int) -> T) -> [T] {
  var results = [T?](repeating: nil, count: count)
  results.withUnsafeMutableBufferPointer { buffer in
    let out = SharedBuffer(buffer)
    parallelFor(count, threads: threads) { out[$0] = body($0) }
  }
  return results.map { $0! }
}
