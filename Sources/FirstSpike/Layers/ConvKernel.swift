internal import CFirstSpikeKernels

/// One call of ``convolve(_:_:threshold:into:events:finalPotential:)`` over raw buffers: the
/// geometry, the inputs, the outputs (position-major `[H·W][Cp]`) and the scratch.
struct ConvKernel {
  let k: Int, cin: Int, cout: Int, cp: Int
  /// Input height/width, output height/width, time steps.
  let inH: Int, inW: Int, ho: Int, wo: Int, T: Int
  let w: UnsafePointer<Float>
  let times: UnsafePointer<UInt8>
  let pot: UnsafeMutablePointer<Float>
  let st: UnsafeMutablePointer<UInt8>
  let pas: UnsafeMutablePointer<Float>
  let ev: EventPointers
  let s: ConvScratch
  /// The weights' tap sums when current, else computed into the scratch on first need.
  var tapSums: UnsafePointer<Float>?
  let weights: ConvWeights

  var blocks: Int { cp / 8 }
  /// `stamp` of a position whose feature blocks have all fired (no more runs needed).
  static let dead = Int32.min
  /// `stamp` of a position no spike has reached yet (``ConvScratch/prepareSteps(positions:blocks:)``).
  static let untouched: Int32 = -1

  /// Thresholded firing, step by step, by gathering: each step's runs are listed, grouped by
  /// output position, and summed position by position, the potentials in registers, then
  /// fired. Returns the number of (input spike, in-bounds tap) pairs and of spikes.
  /// With `narrowing`, a block of 8 features stops integrating once all of them have fired.
  /// With θ ≥ 0 a position's runs are added to its potential one at a time in spike order,
  /// as ``scatterStepwise(threshold:narrowing:)`` adds them (the same float sums, spike times
  /// and potentials: a position first reached is cleared then, and one never reached at the
  /// end), which is cheaper when `Cp` is wide (one load and store of the potentials per
  /// position and step instead of per run); with θ < 0 (potentials cleared beforehand) a step's
  /// runs are summed first and the sum added.
  mutating func stepwise(threshold θ: Float, narrowing: Bool) -> (taps: Int, spikes: Int) {
    let positions = ho * wo
    s.prepareSteps(positions: positions, blocks: blocks)
    let stamp = s.stamp.base!, cursor = s.cursor.base!, listStart = s.listStart.base!
    let lo = s.lo.base!, hi = s.hi.base!, touched = s.touched.base!
    // Tap (ky, kx) in row-major order: position delta −(ky·wo + kx), weight offset (ky·k + kx)·Cin·Cp.
    let tapPos = s.tapPositions.reserve(k * k), tapOff = s.tapOffsets.reserve(k * k)
    for ky in 0..<k {
      for kx in 0..<k {
        tapPos[ky * k + kx] = Int32(-(ky * wo + kx))
        tapOff[ky * k + kx] = Int32((ky * k + kx) * cin * cp)
      }
    }
    var taps = 0, spikes = 0
    for t in 0..<T {
      let e0 = ev.start[t], e1 = ev.start[t + 1]
      if e0 == e1 { continue }
      // Pass 1: list (position, weight offset) of every run reaching a still-integrating
      // position, counting the runs per position. `stamp[pos]` is the step it was last
      // touched at, −1 before, `dead` once all its feature blocks have fired.
      var nTouched = 0, nPairs = 0
      let pairCap = (e1 - e0) * k * k
      let pairPos = s.pairPositions.reserve(pairCap), pairOff = s.pairOffsets.reserve(pairCap)
      let step = Int32(t)
      @inline(__always) func visit(_ pos: Int, _ off: Int) {
        let sp = stamp[pos]
        if sp != step {
          if sp == ConvKernel.dead { return }
          if sp == ConvKernel.untouched {
            (pot + pos * cp).update(repeating: 0, count: cp)
            (pas + pos * cp).update(repeating: 0, count: cp)
          }
          stamp[pos] = step
          cursor[pos] = 0
          touched[nTouched] = Int32(truncatingIfNeeded: pos)
          nTouched &+= 1
        }
        cursor[pos] &+= 1
        pairPos[nPairs] = Int32(truncatingIfNeeded: pos)
        pairOff[nPairs] = Int32(truncatingIfNeeded: off)
        nPairs &+= 1
      }
      for e in e0..<e1 {
        let c = Int(ev.channel[e]), y = Int(ev.row[e]), x = Int(ev.column[e])
        if y >= k - 1 && y < ho && x >= k - 1 && x < wo {
          // Every tap in bounds: the precomputed (position, offset) deltas.
          taps += k * k
          let p0 = y * wo + x, o0 = c * cp
          for j in 0..<(k * k) { visit(p0 &+ Int(tapPos[j]), o0 &+ Int(tapOff[j])) }
          continue
        }
        let ky0 = max(0, y - ho + 1), ky1 = min(k - 1, y), kx0 = max(0, x - wo + 1), kx1 = min(k - 1, x)
        if ky0 > ky1 || kx0 > kx1 { continue }
        taps += (ky1 - ky0 + 1) * (kx1 - kx0 + 1)
        for ky in ky0...ky1 {
          let rowBase = (y - ky) * wo + x
          let tapBase = ((ky * k) * cin + c) * cp
          for kx in kx0...kx1 { visit(rowBase - kx, tapBase + kx * cin * cp) }
        }
      }
      if nTouched == 0 { continue }
      var total: Int32 = 0
      for i in 0..<nTouched {
        let pos = Int(touched[i])
        listStart[pos] = total
        total &+= cursor[pos]
        cursor[pos] = listStart[pos]
      }
      // Pass 2: group the offsets by position (counting sort, order kept within a position).
      let offsets = s.offsets.reserve(Int(total))
      for i in 0..<nPairs {
        let pos = Int(pairPos[i])
        offsets[Int(cursor[pos])] = pairOff[i]
        cursor[pos] &+= 1
      }
      // Sum each position's runs over its live blocks, then fire.
      for i in 0..<nTouched {
        let pos = Int(touched[i]), b0 = Int(lo[pos]), b1 = Int(hi[pos])
        let base = pos * cp, start = Int(listStart[pos])
        let runs = Int64(Int(cursor[pos]) - start), n = Int64(8 * (b1 - b0))
        let o = base + 8 * b0
        if θ >= 0 {
          let fired = fs_gather_accumulate_fire(pot + o, pas + o, st + o, w + 8 * b0, offsets + start, runs, n, θ, UInt8(t))
          spikes += Int(fired)
          if fired == 0 || !narrowing { continue }
        } else {
          fs_gather_add(pot + o, w + 8 * b0, offsets + start, runs, n)
          fire(base: base, features: (8 * b0)..<min(8 * b1, cout), threshold: θ, step: UInt8(t))
          if !narrowing { continue }
        }
        var n0 = b0, n1 = b1
        while n0 < n1 && blockFired(base: base, block: n0) { n0 += 1 }
        while n1 > n0 && blockFired(base: base, block: n1 - 1) { n1 -= 1 }
        lo[pos] = Int32(n0)
        hi[pos] = Int32(n1)
        if n0 >= n1 { stamp[pos] = ConvKernel.dead }
      }
    }
    // Positions no spike reached still hold stale values: they are 0.
    for pos in 0..<positions where stamp[pos] == ConvKernel.untouched {
      (pot + pos * cp).update(repeating: 0, count: cp)
      (pas + pos * cp).update(repeating: 0, count: cp)
    }
    return (taps, spikes)
  }

  @inline(__always)
  func fire(base: Int, features: Range<Int>, threshold θ: Float, step: UInt8) {
    for f in features where st[base + f] == SpikeWave.never && pot[base + f] > θ {
      st[base + f] = step
      pas[base + f] = pot[base + f]
    }
  }

  /// Whether every real feature of block `block` at `base` has fired.
  @inline(__always)
  func blockFired(base: Int, block: Int) -> Bool {
    if 8 * block + 8 <= cout {
      // A byte 0xFF (never) in the 8 times ⇔ a zero byte in their complement.
      let x = ~UnsafeRawPointer(st + base + 8 * block).loadUnaligned(as: UInt64.self)
      return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 == 0
    }
    for f in (8 * block)..<cout where st[base + f] == SpikeWave.never { return false }
    return true
  }
}
