internal import CFirstSpikeKernels

/// Thresholded convolution by scatter: each input spike adds its weight runs straight into
/// the potentials of the positions it reaches, in spike order (channel, row, column within a
/// step), so a position's sum never depends on where the position is: two positions reading
/// identical input patches have bit-identical potentials at every step, and exact ties stay
/// ties (decided by the lowest flat index, as the reference decides them).
extension ConvKernel {
  var geometry: fs_conv_geometry {
    fs_conv_geometry(k: Int64(k), cin: Int64(cin), cout: Int64(cout), cp: Int64(cp), ho: Int64(ho), wo: Int64(wo))
  }

  /// Every neuron's first spike (θ ≥ 0). With `narrowing`, a block of 8 features stops
  /// integrating once all of them have fired (final potentials then incomplete). Returns the
  /// number of (input spike, in-bounds tap) pairs.
  mutating func scatterStepwise(threshold θ: Float, narrowing: Bool) -> (taps: Int, spikes: Int) {
    precondition(θ >= 0, "scatter firing needs θ ≥ 0, got \(θ)")
    let positions = ho * wo
    s.prepareSteps(positions: positions, blocks: blocks)
    let stamp = s.stamp.base!, lo = s.lo.base!, hi = s.hi.base!, touched = s.touched.base!
    var g = geometry
    var taps: Int64 = 0, spikes: Int64 = 0
    // Without narrowing every live range stays all blocks: the kernels are told so (nil).
    let liveLo = narrowing ? lo : nil, liveHi = narrowing ? hi : nil
    for t in 0..<T {
      let e0 = ev.start[t], e1 = ev.start[t + 1]
      if e0 == e1 { continue }
      let n = fs_scatter_step(&g, w, pot, pas, ev.channel, ev.row, ev.column, Int64(e0), Int64(e1), Int32(t),
                              stamp, liveLo, liveHi, touched, &taps)
      if n > 0 {
        spikes += fs_fire_touched(&g, pot, pas, st, touched, n, θ, UInt8(t), stamp, liveLo, liveHi, narrowing ? 1 : 0)
      }
    }
    // Positions no spike reached still hold stale values: they are 0.
    for pos in 0..<positions where stamp[pos] == FS_UNTOUCHED {
      (pot + pos * cp).update(repeating: 0, count: cp)
      (pas + pos * cp).update(repeating: 0, count: cp)
    }
    return (Int(taps), Int(spikes))
  }

  /// A training step's pointwise inhibition and k winners, decided while the potentials are
  /// built: a position stops integrating at its first firing step, where only its feature
  /// with the largest potential survives (lowest feature on ties); the survivors of each step
  /// enter k-WTA in order (larger potential, then lower flat index), after every survivor of
  /// the earlier steps; the convolution stops as soon as `k` winners are chosen, since later
  /// spikes cannot change them. Equal to `stepwise` + ``ConvOutput/inhibitPointwise()`` +
  /// ``ConvOutput/kWinners(_:radius:)`` (compared in tests). Spike times are recorded only for
  /// the surviving neurons up to the step of the last pick. With `exact`, a survivor whose
  /// runner-up's float32 potential may tie with its own, and picks among survivors that may
  /// tie, are decided by correctly rounded exact sums (``ExactPotentials``), as the unfused
  /// pipeline decides them.
  mutating func inhibitedWinners(threshold θ: Float, winners k: Int, radius ρ: Int,
                                 exact: ExactPotentials? = nil) -> (taps: Int, winners: [Winner]) {
    precondition(θ >= 0, "scatter firing needs θ ≥ 0, got \(θ)")
    let positions = ho * wo
    s.prepareSteps(positions: positions, blocks: blocks)
    if k <= 0 { return (0, []) }
    let stamp = s.stamp.base!, touched = s.touched.base!
    let winPos = s.pairPositions.reserve(positions), winFeature = s.pairOffsets.reserve(positions)
    let runnerUp = s.runnerUp.reserve(positions)
    var picker = WinnerPicker(features: cout, height: ho, width: wo, k: k, radius: ρ, scratch: s, exact: exact)
    var g = geometry
    var taps: Int64 = 0
    for t in 0..<T {
      let e0 = ev.start[t], e1 = ev.start[t + 1]
      if e0 == e1 { continue }
      let n = fs_scatter_step(&g, w, pot, pas, ev.channel, ev.row, ev.column, Int64(e0), Int64(e1), Int32(t),
                              stamp, nil, nil, touched, &taps)  // live ranges: all blocks
      if n == 0 { continue }
      let found = Int(fs_fire_inhibited(&g, pot, pas, st, touched, n, θ, UInt8(t), stamp, winPos, winFeature, runnerUp))
      if let exact {
        for i in 0..<found where runnerUp[i] > θ && exact.mayTie(runnerUp[i], pas[Int(winPos[i]) * cp + Int(winFeature[i])]) {
          refineSurvivor(i, positions: winPos, features: winFeature, threshold: θ, step: UInt8(t), exact: exact)
        }
      }
      if found > 0 && picker.offer(positions: winPos, features: winFeature, count: found, potentials: pas, cp: cp,
                                   step: UInt8(t)) {
        break
      }
    }
    return (Int(taps), picker.winners)
  }
}

extension ConvKernel {
  /// Re-decides survivor `i` of this step among the features above θ whose potential may tie
  /// with its own: the largest correctly rounded exact sum wins, then the lowest feature.
  func refineSurvivor(_ i: Int, positions: UnsafeMutablePointer<Int32>, features: UnsafeMutablePointer<Int32>,
                      threshold θ: Float, step t: UInt8, exact: ExactPotentials) {
    let pos = Int(positions[i]), base = pos * cp, old = Int(features[i])
    let top = pot[base + old], (r, x) = (pos / wo, pos % wo)
    var best = old, bestValue = exact.value(feature: old, row: r, column: x, step: t)
    for f in 0..<cout where f != old && pot[base + f] > θ && exact.mayTie(pot[base + f], top) {
      let v = exact.value(feature: f, row: r, column: x, step: t)
      if v > bestValue || (v == bestValue && f < best) { (best, bestValue) = (f, v) }
    }
    if best == old { return }
    st[base + old] = SpikeWave.never
    pas[base + old] = 0
    st[base + best] = t
    pas[base + best] = pot[base + best]
    features[i] = Int32(best)
  }
}

/// k-WTA fed step by step with the surviving neurons of each step.
struct WinnerPicker {
  let features: Int, height: Int, width: Int, k: Int, radius: Int
  var winners: [Winner] = []
  let taken: UnsafeMutablePointer<UInt8>
  let blocked: UnsafeMutablePointer<UInt8>
  var order: [Candidate] = []
  /// Near ties among one step's survivors are ordered by exact sums (``ExactPotentials``).
  let exact: ExactPotentials?

  init(features: Int, height: Int, width: Int, k: Int, radius: Int, scratch s: ConvScratch,
       exact: ExactPotentials? = nil) {
    self.exact = exact
    self.features = features
    self.height = height
    self.width = width
    self.k = k
    self.radius = radius
    taken = s.taken.reserve(features)
    blocked = s.blocked.reserve(height * width)
    taken.update(repeating: 0, count: features)
    blocked.update(repeating: 0, count: height * width)
    winners.reserveCapacity(k)
  }

  /// Offers one step's survivors; returns true once `k` winners are chosen.
  mutating func offer(positions: UnsafePointer<Int32>, features f: UnsafePointer<Int32>, count: Int,
                      potentials pas: UnsafePointer<Float>, cp: Int, step: UInt8) -> Bool {
    let plane = height * width
    order.removeAll(keepingCapacity: true)
    for i in 0..<count {
      let pos = Int(positions[i]), feature = Int(f[i])
      if taken[feature] != 0 || blocked[pos] != 0 { continue }
      order.append(Candidate(time: step, potential: pas[pos * cp + feature], index: Int32(feature * plane + pos)))
    }
    if order.count > 1 {
      order.sort(by: Candidate.precedes)
      if let exact { ConvOutput.refineNearTies(&order, exact, plane: plane, width: width) }
    }
    for c in order {
      let feature = Int(c.index) / plane, pos = Int(c.index) - feature * plane
      if taken[feature] != 0 || blocked[pos] != 0 { continue }
      let r = pos / width, x = pos - r * width
      winners.append(Winner(feature: feature, row: r, column: x))
      if winners.count == k { return true }
      taken[feature] = 1
      if radius > 0 {
        for y in max(0, r - radius)...min(height - 1, r + radius) {
          for xx in max(0, x - radius)...min(width - 1, x + radius) { blocked[y * width + xx] = 1 }
        }
      }
    }
    return false
  }
}
