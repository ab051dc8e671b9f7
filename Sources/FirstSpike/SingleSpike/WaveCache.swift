internal import CFirstSpikeKernels
import Foundation
import Synchronization

/// Spike waves of many images of one shape in one contiguous buffer (one byte per neuron):
/// the frozen lower layers' output, computed once per data set and reused by every pass of a
/// stage instead of re-running the encoder and lower layers.
///
/// Filled either eagerly on all cores (``init(count:shape:timeSteps:threads:_:)``), or lazily
/// (``init(filling:shape:timeSteps:_:)``): a background thread computes the entries in index
/// order while the caller already reads them, and a reader that reaches an entry nobody has
/// started computes it itself (and, while the filler is busy with the entry it needs, a later
/// free one). Every entry is `make(i, &scratch)` (the scratch only holds
/// reusable buffers), whoever computes it, so the contents never depend on the schedule.
/// Copies share the buffer (it is written once per entry).
public struct WaveCache: Sendable {
  public let shape: Shape3
  public let timeSteps: Int
  public let count: Int
  let store: WaveStore
  let handle: FillHandle?

  /// Computes `make(i)` for `i in 0..<count` in parallel now; every wave must have `shape`.
  public init(count: Int, shape: Shape3, timeSteps: Int, threads: Int = defaultThreadCount,
              _ make: @escaping @Sendable (Int, inout ForwardScratch) -> SpikeWave) {
    self.shape = shape
    self.timeSteps = timeSteps
    self.count = count
    store = WaveStore(count: count, size: shape.count, shape: shape, make: make)
    handle = nil
    let store = self.store, chunk = 64
    parallelFor((count + chunk - 1) / chunk, threads: threads) { c in
      var scratch = ForwardScratch()
      for i in (c * chunk)..<min(count, (c + 1) * chunk) { store.compute(i, &scratch) }
    }
  }

  /// Starts filling in the background; ``wave(_:)`` returns entry `i` as soon as it is ready.
  public init(filling count: Int, shape: Shape3, timeSteps: Int,
              _ make: @escaping @Sendable (Int, inout ForwardScratch) -> SpikeWave) {
    self.shape = shape
    self.timeSteps = timeSteps
    self.count = count
    store = WaveStore(count: count, size: shape.count, shape: shape, make: make)
    handle = count > 0 ? FillHandle(store) : nil
  }

  /// Wave `i` (computed here first if no thread has started it).
  public func wave(_ i: Int) -> SpikeWave {
    precondition(i >= 0 && i < count, "wave \(i) of a cache of \(count)")
    store.ensure(i)
    let n = shape.count
    return SpikeWave(shape: shape, timeSteps: timeSteps, times: Array(UnsafeBufferPointer(start: store.bytes + i * n, count: n)))
  }

  /// Bytes held.
  public var byteCount: Int { count * shape.count }
}

/// The buffer and per-entry states of a ``WaveCache`` (0 free, 1 being computed, 2 ready).
final class WaveStore: @unchecked Sendable {
  let count: Int, size: Int, shape: Shape3
  let bytes: UnsafeMutablePointer<UInt8>
  let states: UnsafeMutablePointer<UInt8>
  let make: @Sendable (Int, inout ForwardScratch) -> SpikeWave
  /// Set when no cache value refers to the store any more: the filler stops.
  let cancelled = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
  /// Buffers for readers that compute an entry themselves.
  let spare = Mutex<[ForwardScratch]>([])

  init(count: Int, size: Int, shape: Shape3, make: @escaping @Sendable (Int, inout ForwardScratch) -> SpikeWave) {
    self.count = count
    self.size = size
    self.shape = shape
    self.make = make
    let (total, overflow) = count.multipliedReportingOverflow(by: size)
    precondition(count >= 0 && size >= 0 && !overflow, "a cache of \(count) waves of \(size) neurons")
    bytes = .allocate(capacity: max(1, total))
    states = .allocate(capacity: max(1, count))
    states.initialize(repeating: 0, count: max(1, count))
    cancelled.initialize(to: 0)
  }

  deinit {
    bytes.deallocate()
    states.deallocate()
    cancelled.deallocate()
  }

  /// Computes entry `i` if nobody has claimed it; returns whether this call did.
  @discardableResult
  func compute(_ i: Int, _ scratch: inout ForwardScratch) -> Bool {
    guard fs_compare_exchange(states + i, 0, 1) != 0 else { return false }
    let wave = make(i, &scratch)
    precondition(wave.shape == shape, "cached wave \(wave.shape), expected \(shape)")
    wave.times.withUnsafeBufferPointer { (bytes + i * size).update(from: $0.baseAddress!, count: size) }
    fs_store_release(states + i, 2)
    return true
  }

  /// How far past a busy entry a waiting reader looks for a free one to compute.
  static let helpAhead = 8

  /// Returns once entry `i` is ready, computing it here when nobody has started it. While
  /// another thread computes `i`, the reader computes the next free entry after it instead of
  /// waiting (the filler skips entries already claimed), so a reader that is faster than the
  /// filler adds its own core to the filling: both threads then produce entries.
  func ensure(_ i: Int) {
    if fs_load_acquire(states + i) == 2 { return }
    var scratch: ForwardScratch? = nil
    defer { if let scratch { spare.withLock { $0.append(scratch) } } }
    func computeHere(_ j: Int) -> Bool {
      if scratch == nil { scratch = spare.withLock { $0.popLast() } ?? ForwardScratch() }
      return compute(j, &scratch!)
    }
    if fs_load_acquire(states + i) == 0 { _ = computeHere(i) }
    var next = i + 1
    while fs_load_acquire(states + i) != 2 {
      while next < min(count, i + 1 + Self.helpAhead) && fs_load_acquire(states + next) != 0 { next += 1 }
      if next < min(count, i + 1 + Self.helpAhead) && computeHere(next) { continue }
      sched_yield()
    }
  }

  /// The background filler's loop: every free entry in index order, until done or cancelled.
  func fill() {
    var scratch = ForwardScratch()
    for i in 0..<count {
      if fs_load_acquire(cancelled) != 0 { return }
      compute(i, &scratch)
    }
  }
}

/// Owns the background filler of a lazily filled cache; when the last cache value holding it
/// goes away, the filler stops after its current entry.
final class FillHandle: Sendable {
  let store: WaveStore
  init(_ store: WaveStore) {
    self.store = store
    let thread = Thread { [store] in store.fill() }
    thread.stackSize = 1 << 22
    thread.start()
  }
  deinit { fs_store_release(store.cancelled, 1) }
}
