/// Reusable buffers of one convolution call, kept inside ``SpikeEvents`` so that a caller that
/// reuses its `SpikeEvents` allocates nothing per image. A reference type holding raw buffers
/// (no nested `withUnsafe…` closures in the kernels); ``SpikeEvents`` replaces it when shared,
/// so two copies of a `SpikeEvents` never write the same scratch.
final class ConvScratch: @unchecked Sendable {
  /// Per output position: the step it was last touched at, its run cursor in the step's
  /// offset list, where its runs start there, and its still-integrating feature blocks
  /// `lo..<hi` (blocks of 8 features; a block leaves once all its features have fired).
  var stamp = ScratchBuffer<Int32>()
  var cursor = ScratchBuffer<Int32>()
  var listStart = ScratchBuffer<Int32>()
  var lo = ScratchBuffer<Int32>()
  var hi = ScratchBuffer<Int32>()
  /// Output positions touched in the current step.
  var touched = ScratchBuffer<Int32>()
  /// Weight offsets `((ky·k + kx)·Cin + c)·Cp` of the runs of the current step / position, and
  /// tap-sum offsets for the complement path.
  var offsets = ScratchBuffer<Int32>()
  var minusOffsets = ScratchBuffer<Int32>()
  /// (position, weight offset) of each run of the current step, in event order.
  var pairPositions = ScratchBuffer<Int32>()
  var pairOffsets = ScratchBuffer<Int32>()
  /// Per tap `(ky, kx)`: output-position delta and weight offset (interior spikes).
  var tapPositions = ScratchBuffer<Int32>()
  var tapOffsets = ScratchBuffer<Int32>()
  /// Flat indices of the input spikes (`SpikeEvents.fill`).
  /// Channel and cell of each input spike (`SpikeEvents.fill`); the Swift reference keeps flat
  /// indices in `firedIndices`.
  var firedIndices = ScratchBuffer<Int32>()
  var firedCells = ScratchBuffer<Int32>()
  /// Row and column of every cell of a `coordinatesHeight × coordinatesWidth` plane.
  var cellRows = ScratchBuffer<Int32>()
  var cellColumns = ScratchBuffer<Int32>()
  var coordinatesHeight = -1, coordinatesWidth = -1
  /// Tap sums computed here when the weights' stored ones are stale.
  var tapSums = ScratchBuffer<Float>()
  /// The `Σ tapSums` of one window (complement path).
  var windowTotal = ScratchBuffer<Float>()
  /// Per cell of the spike box (row-major in the box), `Cin` channel slots: fired channels
  /// first, then the silent ones.
  var cellChannels = ScratchBuffer<Int32>()
  var cellSilent = ScratchBuffer<Int32>()
  /// Per output position of a layer without threshold: how its final potential is summed.
  var windowSums = ScratchBuffer<UInt8>()
  /// k-WTA during a training convolution: features already taken, positions blocked.
  var taken = ScratchBuffer<UInt8>()
  var blocked = ScratchBuffer<UInt8>()
  /// Per surviving position of a training convolution's step: its runner-up's potential.
  var runnerUp = ScratchBuffer<Float>()

  init() {}

  deinit {
    stamp.free(); cursor.free(); listStart.free(); lo.free(); hi.free(); touched.free()
    offsets.free(); minusOffsets.free(); pairPositions.free(); pairOffsets.free(); tapPositions.free(); tapOffsets.free(); firedIndices.free(); firedCells.free(); cellRows.free(); cellColumns.free(); tapSums.free(); windowTotal.free(); cellChannels.free(); cellSilent.free(); windowSums.free(); taken.free(); blocked.free(); runnerUp.free()
  }
}

/// A growable raw buffer; contents are unspecified after growing.
struct ScratchBuffer<Element> {
  private(set) var base: UnsafeMutablePointer<Element>?
  private(set) var capacity = 0

  /// A pointer to at least `n` elements.
  @inline(__always)
  mutating func reserve(_ n: Int) -> UnsafeMutablePointer<Element> {
    if n > capacity || base == nil { grow(n) }
    return base!
  }

  mutating func grow(_ n: Int) {
    base?.deallocate()
    capacity = max(n, 2 * capacity, 16)
    base = .allocate(capacity: capacity)
  }

  mutating func free() {
    base?.deallocate()
    base = nil
    capacity = 0
  }
}

extension ConvScratch {
  /// Sizes the per-position arrays for `positions` outputs with `blocks` feature blocks, all live.
  func prepareSteps(positions: Int, blocks: Int) {
    let stamp = self.stamp.reserve(positions), lo = self.lo.reserve(positions), hi = self.hi.reserve(positions)
    _ = cursor.reserve(positions)
    _ = listStart.reserve(positions)
    _ = touched.reserve(positions)
    stamp.update(repeating: -1, count: positions)
    lo.update(repeating: 0, count: positions)
    hi.update(repeating: Int32(blocks), count: positions)
  }

  /// Grows `offsets` / `minusOffsets` to at least `n` entries.
  func reserveOffsets(_ n: Int) {
    _ = offsets.reserve(n)
    _ = minusOffsets.reserve(n)
  }
}

extension ConvScratch {
  /// Row and column of every cell of an `H × W` plane (built when the geometry changes).
  func cellCoordinates(height H: Int, width W: Int) -> (rows: UnsafePointer<Int32>, columns: UnsafePointer<Int32>) {
    let rows = cellRows.reserve(max(H * W, 1)), columns = cellColumns.reserve(max(H * W, 1))
    if H != coordinatesHeight || W != coordinatesWidth {
      for r in 0..<H {
        for c in 0..<W {
          rows[r * W + c] = Int32(truncatingIfNeeded: r)
          columns[r * W + c] = Int32(truncatingIfNeeded: c)
        }
      }
      (coordinatesHeight, coordinatesWidth) = (H, W)
    }
    return (UnsafePointer(rows), UnsafePointer(columns))
  }
}
