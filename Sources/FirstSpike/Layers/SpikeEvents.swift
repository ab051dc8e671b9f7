internal import CFirstSpikeKernels

/// The spikes of a wave grouped by time step: the work list of event-driven convolution, and
/// the reusable scratch of ``convolve(_:_:threshold:into:events:)`` (no allocation per image
/// once the buffers have grown).
///
/// `start[t]..<start[t+1]` indexes the spikes of step `t` in `channel`, `row`, `column`
/// (each in ascending flat-index order; the lists may hold one unused slot when silent).
/// Building it is one counting-sort pass over the wave.
public struct SpikeEvents: Sendable {
  public var start: [Int] = []
  public var channel: [Int32] = []
  public var row: [Int32] = []
  public var column: [Int32] = []
  /// Per input cell `(row, column)`: how many channels fired there.
  var firedAtCell: [Int32] = []
  /// Smallest rectangle of cells holding every spike (empty ranges when silent).
  var boxRows = 0..<0
  var boxColumns = 0..<0
  /// Convolution scratch; ``uniqueScratch()`` hands it out.
  private var scratch = ConvScratch()
  /// Counting-sort cursors of ``fill(from:)``.
  private var next: [Int] = []

  public init() {}

  public init(_ wave: SpikeWave) {
    self.init()
    fill(from: wave)
  }

  public var count: Int { start.last ?? 0 }

  /// Rebuilds the lists from `wave`, reusing capacity (the C kernels `fs_list_spikes` and
  /// `fs_sort_spikes`; ``fillReference(from:)`` is their Swift twin).
  /// - Complexity: O(C · H · W / 8 + spikes): silent neurons are skipped eight at a time.
  public mutating func fill(from wave: SpikeWave) {
    let T = wave.timeSteps, H = wave.shape.height, W = wave.shape.width, plane = wave.shape.plane
    let channels = wave.shape.channels
    precondition(wave.times.count == channels * plane, "wave of \(wave.times.count) neurons for \(wave.shape)")
    resetCounts(timeSteps: T, plane: plane)
    let scratch = uniqueScratch()
    let firedChannel = scratch.firedIndices.reserve(wave.times.count)
    let firedCell = scratch.firedCells.reserve(wave.times.count)
    let (cellRow, cellColumn) = scratch.cellCoordinates(height: H, width: W)
    var n = 0
    wave.times.withUnsafeBufferPointer { times in
      start.withUnsafeMutableBufferPointer { counts in
        firedAtCell.withUnsafeMutableBufferPointer { cells in
          n = Int(fs_list_spikes(times.baseAddress, Int64(channels), Int64(plane), firedChannel, firedCell,
                                 counts.baseAddress! + 1, cells.baseAddress!))
        }
        for t in 0..<T { counts[t + 1] += counts[t] }
      }
    }
    setBox(height: H, width: W)
    wave.times.withUnsafeBufferPointer { times in
      sortSpikes(count: n) { next, ch, rw, cl in
        fs_sort_spikes(times.baseAddress, firedChannel, firedCell, Int64(n), Int64(plane), cellRow, cellColumn,
                       next, ch, rw, cl)
      }
    }
  }

  /// ``fill(from:)`` in Swift: the reference its C kernels are compared with.
  mutating func fillReference(from wave: SpikeWave) {
    let T = wave.timeSteps, W = wave.shape.width, plane = wave.shape.plane
    resetCounts(timeSteps: T, plane: plane)
    let scratch = uniqueScratch()
    let fired = scratch.firedIndices.reserve(wave.times.count)
    var n = 0
    wave.times.withUnsafeBufferPointer { times in
      start.withUnsafeMutableBufferPointer { counts in
        // Flat indices of the spikes, ascending, and the spikes per step.
        n = listSpikes(times, into: fired, counts: counts.baseAddress! + 1)
        for t in 0..<T { counts[t + 1] += counts[t] }
      }
    }
    firedAtCell.withUnsafeMutableBufferPointer { cells in
      for j in 0..<n { cells[Int(fired[j]) % plane] &+= 1 }
    }
    setBox(height: wave.shape.height, width: W)
    wave.times.withUnsafeBufferPointer { times in
      sortSpikes(count: n) { next, ch, rw, cl in
        for j in 0..<n {
          let i = Int(fired[j]), t = Int(times[i])
          let k = next[t]
          next[t] = k &+ 1
          let c = i / plane, rest = i - c * plane, r = rest / W
          ch[k] = Int32(truncatingIfNeeded: c)
          rw[k] = Int32(truncatingIfNeeded: r)
          cl[k] = Int32(truncatingIfNeeded: rest - r * W)
        }
      }
    }
  }

  /// Zeroes the spikes per step (`T + 1` slots: ``start``) and per cell for a new wave.
  private mutating func resetCounts(timeSteps T: Int, plane: Int) {
    start.removeAll(keepingCapacity: true)
    start.append(contentsOf: repeatElement(0, count: T + 1))
    firedAtCell.removeAll(keepingCapacity: true)
    firedAtCell.append(contentsOf: repeatElement(0, count: max(plane, 1)))
  }

  /// The spike box from ``firedAtCell``.
  private mutating func setBox(height H: Int, width W: Int) {
    var r0 = Int.max, r1 = -1, c0 = Int.max, c1 = -1
    firedAtCell.withUnsafeBufferPointer { cells in
      for r in 0..<H {
        for c in 0..<W where cells[r * W + c] > 0 {
          r0 = min(r0, r); r1 = max(r1, r); c0 = min(c0, c); c1 = max(c1, c)
        }
      }
    }
    boxRows = r1 < 0 ? 0..<0 : r0..<(r1 + 1)
    boxColumns = c1 < 0 ? 0..<0 : c0..<(c1 + 1)
  }

  /// Sizes the lists for `n` spikes, sets each step's cursor to its first slot (``start``
  /// holds the counts' prefix sums), and runs `body` with the cursors and the channel, row
  /// and column lists, which it fills by counting sort.
  private mutating func sortSpikes(count n: Int, _ body: (UnsafeMutablePointer<Int>, UnsafeMutablePointer<Int32>,
                                                          UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> Void) {
    // At least one slot each, so the lists always have a base address (``withPointers``).
    resize(&channel, max(n, 1))
    resize(&row, max(n, 1))
    resize(&column, max(n, 1))
    next.removeAll(keepingCapacity: true)
    next.append(contentsOf: start)
    next.withUnsafeMutableBufferPointer { next in
      channel.withUnsafeMutableBufferPointer { ch in
        row.withUnsafeMutableBufferPointer { rw in
          column.withUnsafeMutableBufferPointer { cl in
            body(next.baseAddress!, ch.baseAddress!, rw.baseAddress!, cl.baseAddress!)
          }
        }
      }
    }
  }
}

/// Writes the flat indices of the neurons of `times` that fire, ascending, to `out`, adds one
/// to `counts[t]` per spike at step `t`, and returns their number. Eight bytes at a time.
func listSpikes(_ times: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<Int32>,
                counts: UnsafeMutablePointer<Int>) -> Int {
  let total = times.count
  if total == 0 { return 0 }
  let raw = UnsafeRawPointer(times.baseAddress!)
  var n = 0, i = 0
  while i < total {
    if i + 8 <= total && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) == UInt64.max {
      i += 8
      continue
    }
    for j in i..<min(i + 8, total) where times[j] != SpikeWave.never {
      out[n] = Int32(truncatingIfNeeded: j)
      n &+= 1
      counts[Int(times[j])] &+= 1
    }
    i += 8
  }
  return n
}

extension SpikeEvents {
  /// The scratch buffers, replaced by fresh ones if another copy of this value shares them.
  mutating func uniqueScratch() -> ConvScratch {
    if !isKnownUniquelyReferenced(&scratch) { scratch = ConvScratch() }
    return scratch
  }
}

/// Sets `a.count` to `n` keeping capacity (contents unspecified).
@inline(__always)
func resize<T: BinaryInteger>(_ a: inout [T], _ n: Int) {
  if a.count > n {
    a.removeLast(a.count - n)
  } else if a.count < n {
    a.append(contentsOf: repeatElement(0, count: n - a.count))
  }
}

/// Raw views of a ``SpikeEvents``' lists (valid inside ``SpikeEvents/withPointers(_:)``).
struct EventPointers {
  let start: UnsafePointer<Int>
  let channel: UnsafePointer<Int32>
  let row: UnsafePointer<Int32>
  let column: UnsafePointer<Int32>
  /// Channels fired per input cell.
  let firedAtCell: UnsafePointer<Int32>
  let boxRows: Range<Int>
  let boxColumns: Range<Int>
}

extension SpikeEvents {
  func withPointers<R>(_ body: (EventPointers) -> R) -> R {
    start.withUnsafeBufferPointer { s in
      channel.withUnsafeBufferPointer { c in
        row.withUnsafeBufferPointer { r in
          column.withUnsafeBufferPointer { x in
            firedAtCell.withUnsafeBufferPointer { f in
              body(EventPointers(start: s.baseAddress!, channel: c.baseAddress!, row: r.baseAddress!, column: x.baseAddress!,
                                 firedAtCell: f.baseAddress!, boxRows: boxRows, boxColumns: boxColumns))
            }
          }
        }
      }
    }
  }
}
