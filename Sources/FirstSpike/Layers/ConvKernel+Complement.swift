internal import CFirstSpikeKernels

extension ConvKernel {
  /// No threshold: the final potential of every position by the cheaper of the direct and the
  /// complement sums, then `pot > 0` fires at `T−1`. Returns the (spike, in-bounds tap) pairs.
  mutating func finalOnly() -> Int {
    var taps = 0
    for t in 0..<T {
      for e in ev.start[t]..<ev.start[t + 1] {
        let y = Int(ev.row[e]), x = Int(ev.column[e])
        taps += max(0, min(k - 1, y) - max(0, y - ho + 1) + 1) * max(0, min(k - 1, x) - max(0, x - wo + 1) + 1)
      }
    }
    if ev.start[T] == 0 { return 0 }
    listCellChannels()
    // Each window's sum: none (no input fired), direct (summed below, tap by tap) or the
    // complement (summed here, window by window).
    let positions = ho * wo
    let sum = s.windowSums.reserve(positions)
    var anyDirect = false
    for oy in 0..<ho {
      for ox in 0..<wo {
        let pos = oy * wo + ox
        sum[pos] = WindowSum.none
        guard let n = windowRuns(row: oy, column: ox) else { continue }
        if n.direct <= n.complement {
          sum[pos] = WindowSum.direct
          (pot + pos * cp).update(repeating: 0, count: cp)
          anyDirect = true
        } else {
          complementPotential(row: oy, column: ox, runs: n.complement)
          sum[pos] = WindowSum.complement
        }
      }
    }
    if anyDirect { directSumsByTap(sum) }
    let last = UInt8(T - 1)
    for pos in 0..<positions where sum[pos] != WindowSum.none {
      let base = pos * cp
      for f in 0..<cout where pot[base + f] > 0 {
        st[base + f] = last
        pas[base + f] = pot[base + f]
      }
    }
    return taps
  }

  /// How ``finalOnly()`` sums a window (`ConvScratch.windowSums`).
  enum WindowSum {
    static let none: UInt8 = 0, direct: UInt8 = 1, complement: UInt8 = 2
  }

  /// The direct sums of the windows marked `direct` (potentials zeroed), tap by tap: for each
  /// tap `(ky, kx)`, every such window adds the runs of its cell's fired channels. The weights
  /// of one tap (`Cin · Cp` floats) are read by every window while they are in cache, instead
  /// of each window reading all `k²` taps' in turn (mozafari2019's conv3: 200 KB a tap, 5 MB
  /// in all). A window's terms are added one at a time in the order a window-by-window sum
  /// lists them (tap, then fired channel), so its float sum does not depend on the loop order.
  func directSumsByTap(_ sum: UnsafePointer<UInt8>) {
    let r0 = ev.boxRows.lowerBound, r1 = ev.boxRows.upperBound
    let c0 = ev.boxColumns.lowerBound, c1 = ev.boxColumns.upperBound, bw = ev.boxColumns.count
    let cells = ev.boxRows.count * bw
    // Per box cell, the run offset `c · Cp` of each fired channel (listed first by listCellChannels).
    let channels = s.cellChannels.base!, runs = s.offsets.reserve(cells * cin)
    for cell in 0..<cells {
      let nf = Int(ev.firedAtCell[(r0 + cell / bw) * inW + c0 + cell % bw])
      for j in 0..<nf { runs[cell * cin + j] = channels[cell * cin + j] &* Int32(cp) }
    }
    for ky in 0..<k {
      for kx in 0..<k {
        let tapWeights = w + (ky * k + kx) * cin * cp
        // The windows whose cell at this tap lies in the spike box.
        let oy0 = max(0, r0 - ky), oy1 = min(ho, r1 - ky), ox0 = max(0, c0 - kx), ox1 = min(wo, c1 - kx)
        if oy0 >= oy1 || ox0 >= ox1 { continue }
        for oy in oy0..<oy1 {
          let y = oy + ky
          for ox in ox0..<ox1 where sum[oy * wo + ox] == WindowSum.direct {
            let x = ox + kx, nf = Int(ev.firedAtCell[y * inW + x])
            if nf == 0 { continue }
            let cell = (y - r0) * bw + (x - c0)
            fs_gather_accumulate(pot + (oy * wo + ox) * cp, tapWeights, runs + cell * cin, Int64(nf), Int64(cp))
          }
        }
      }
    }
  }

  /// The runs of window `(oy, ox)`'s direct sum (fired inputs) and of its complement sum (a
  /// tap sum and the silent inputs per cell of the spike box), nil when no input fired.
  func windowRuns(row oy: Int, column ox: Int) -> (direct: Int, complement: Int)? {
    let r0 = ev.boxRows.lowerBound, c0 = ev.boxColumns.lowerBound
    let ky0 = max(0, r0 - oy), ky1 = min(k, ev.boxRows.upperBound - oy)
    let kx0 = max(0, c0 - ox), kx1 = min(k, ev.boxColumns.upperBound - ox)
    if ky0 >= ky1 || kx0 >= kx1 { return nil }
    var direct = 0, complement = 0
    for ky in ky0..<ky1 {
      for kx in kx0..<kx1 {
        let n = Int(ev.firedAtCell[(oy + ky) * inW + ox + kx])
        direct += n
        complement += 1 + cin - n
      }
    }
    return direct == 0 ? nil : (direct, complement)
  }

  /// Whether a window's complement sum (one tap sum plus the silent inputs per cell) lists
  /// fewer runs than its direct sum (the fired inputs), on average over the spike box.
  func complementIsCheaper() -> Bool {
    let cells = ev.boxRows.count * ev.boxColumns.count
    let fired = ev.start[T]
    return cells + (cells * cin - fired) < fired
  }

  /// After ``stepwise(threshold:narrowing:)``: rebuilds the final potential of every position that
  /// stopped integrating some block, by the complement sum.
  mutating func completeFinalPotentials() {
    let lo = s.lo.base!, hi = s.hi.base!
    var listed = false
    for pos in 0..<(ho * wo) where lo[pos] > 0 || Int(hi[pos]) < blocks {
      if !listed {
        listCellChannels()
        listed = true
      }
      if let n = windowRuns(row: pos / wo, column: pos % wo) {
        complementPotential(row: pos / wo, column: pos % wo, runs: n.complement)
      }
      // Potentials never decrease: keep `pot[T−1] ≥ pot[t_spike]` exact despite rounding.
      let base = pos * cp
      for f in 0..<cout where st[base + f] != SpikeWave.never { pot[base + f] = max(pot[base + f], pas[base + f]) }
    }
  }

  /// Writes `pot[T−1]` of output position `(oy, ox)`, all `Cp` features, by the complement
  /// sum `Σ tapSums − Σ silent inputs` over the window's cells inside the spike box (`runs`
  /// terms: ``windowRuns(row:column:)``); a result within rounding of 0
  /// (`≤ (runs) · ε · Σ tapSums`) is set to 0.
  mutating func complementPotential(row oy: Int, column ox: Int, runs: Int) {
    let r0 = ev.boxRows.lowerBound, c0 = ev.boxColumns.lowerBound, bw = ev.boxColumns.count
    let ky0 = max(0, r0 - oy), ky1 = min(k, ev.boxRows.upperBound - oy)
    let kx0 = max(0, c0 - ox), kx1 = min(k, ev.boxColumns.upperBound - ox)
    s.reserveOffsets(runs)
    let plus = s.offsets.base!, minus = s.minusOffsets.base!, channels = s.cellChannels.base!
    var np = 0, nm = 0
    for ky in ky0..<ky1 {
      for kx in kx0..<kx1 {
        let y = oy + ky, x = ox + kx, tap = ky * k + kx
        let nf = Int(ev.firedAtCell[y * inW + x])
        let list = channels + ((y - r0) * bw + (x - c0)) * cin
        plus[np] = Int32(tap * cp)
        np += 1
        for j in nf..<cin {
          minus[nm] = Int32((tap * cin + Int(list[j])) * cp)
          nm += 1
        }
      }
    }
    let dst = pot + (oy * wo + ox) * cp
    dst.update(repeating: 0, count: cp)
    // Σ tapSums − Σ silent: the small silent sum is accumulated on its own, then subtracted.
    fs_gather_add(dst, currentTapSums(), plus, Int64(np), Int64(cp))
    let total = s.windowTotal.reserve(cp)
    total.update(from: dst, count: cp)
    fs_gather_sub(dst, w, minus, Int64(nm), Int64(cp))
    // Weights are ≥ 0, so the exact sum is ≥ 0; a difference within the rounding error of
    // the window's total (np + nm terms) is the exact 0 of a window whose fired inputs all
    // have zero weight, and must not fire.
    let tolerance = Float(np + nm) * Float.ulpOfOne
    for f in 0..<cp where dst[f] <= tolerance * total[f] { dst[f] = 0 }
  }

  /// The tap sums, computed into the scratch when the weights' are stale.
  mutating func currentTapSums() -> UnsafePointer<Float> {
    if let tapSums { return tapSums }
    let ts = s.tapSums.reserve(k * k * cp)
    weights.computeTapSums(into: ts)
    tapSums = UnsafePointer(ts)
    return UnsafePointer(ts)
  }

  /// Lists, for every cell of the spike box, its fired channels then its silent ones.
  /// - Complexity: O(Cin · box cells).
  func listCellChannels() {
    let r0 = ev.boxRows.lowerBound, c0 = ev.boxColumns.lowerBound, bh = ev.boxRows.count, bw = ev.boxColumns.count
    let cells = bh * bw
    let channels = s.cellChannels.reserve(cells * cin)
    let silent = s.cellSilent.reserve(cells)
    let plane = inH * inW
    for cell in 0..<cells {
      // `silent[cell]` counts silent channels listed so far (they go after the fired ones).
      silent[cell] = 0
    }
    let fired = s.cursor.reserve(cells)
    for cell in 0..<cells { fired[cell] = 0 }
    for c in 0..<cin {
      for by in 0..<bh {
        let row = times + c * plane + (r0 + by) * inW + c0
        for bx in 0..<bw {
          let cell = by * bw + bx
          let nf = Int(ev.firedAtCell[(r0 + by) * inW + c0 + bx])
          if row[bx] != SpikeWave.never {
            channels[cell * cin + Int(fired[cell])] = Int32(c)
            fired[cell] += 1
          } else {
            channels[cell * cin + nf + Int(silent[cell])] = Int32(c)
            silent[cell] += 1
          }
        }
      }
    }
  }
}
