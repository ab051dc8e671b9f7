/// SpykeTorch's k-WTA as it computes it (`sf.get_k_winners`), to explain the picks where it and
/// FirstSpike's rule part: a float32 score per fired neuron, `Σ` over its spiking steps of
/// `fl(p + v)`, `p` its potential at its first spike and `v = fl(max p · T)`, accumulated step
/// by step in float32; the largest score wins, equal scores → lowest flat index. The score
/// ranks earlier spikes first (each step adds `v`), then larger potentials, but potentials a
/// few ulps apart can round to one score. FirstSpike compares the potentials themselves
/// (`docs/semantics.md` §4.5, a documented FirstSpike rule).
enum SpykeTorchKWTA {
  /// Scores of every neuron, flat `(feature, row, column)`; 0 where it did not fire.
  static func scores(_ out: ConvOutput) -> [Float] {
    let T = out.timeSteps, plane = out.shape.plane
    var maxP: Float = 0
    for pos in 0..<plane {
      for f in 0..<out.shape.channels where out.spikeTime[pos * out.paddedOut + f] != SpikeWave.never {
        maxP = max(maxP, out.potentialAtSpike[pos * out.paddedOut + f])
      }
    }
    let v = maxP * Float(T)
    var total = [Float](repeating: 0, count: out.shape.count)
    for pos in 0..<plane {
      for f in 0..<out.shape.channels {
        let s = pos * out.paddedOut + f, t = out.spikeTime[s]
        if t == SpikeWave.never { continue }
        let x = out.potentialAtSpike[s] + v
        var sum: Float = 0
        for _ in Int(t)..<T { sum += x }
        total[f * plane + pos] = sum
      }
    }
    return total
  }

  /// The winners `sf.get_k_winners(pot, k, ρ, spk)` picks on `out`.
  static func winners(_ out: ConvOutput, k: Int, radius ρ: Int) -> [Winner] {
    var total = scores(out)
    let plane = out.shape.plane, H = out.shape.height, W = out.shape.width
    var picked: [Winner] = []
    for _ in 0..<k {
      var best = 0
      for i in total.indices where total[i] > total[best] { best = i }
      if total[best] == 0 { break }
      let f = best / plane, r = (best % plane) / W, c = best % W
      picked.append(Winner(feature: f, row: r, column: c))
      for pos in 0..<plane { total[f * plane + pos] = 0 }
      if ρ > 0 {
        for g in 0..<out.shape.channels {
          for y in max(0, r - ρ)..<min(H, r + ρ + 1) {
            for x in max(0, c - ρ)..<min(W, c + ρ + 1) { total[g * plane + y * W + x] = 0 }
          }
        }
      }
    }
    return picked
  }

  /// Lines naming each pick where FirstSpike's winners `ours` and the reference's `theirs`
  /// part, when the reference's list is exactly SpykeTorch's score rule replayed on FirstSpike's
  /// own potentials and the first differing pick is a score tie that FirstSpike's potentials
  /// break; nil otherwise (then the difference is not explained).
  static func explain(ours: [Winner], theirs: [Winner], out: ConvOutput, k: Int, radius ρ: Int) -> [String]? {
    guard winners(out, k: k, radius: ρ) == theirs, let i = ours.indices.first(where: { $0 < theirs.count && ours[$0] != theirs[$0] }) else {
      return nil
    }
    let score = scores(out), plane = out.shape.plane, W = out.shape.width
    let a = ours[i], b = theirs[i]
    let ia = a.feature * plane + a.row * W + a.column, ib = b.feature * plane + b.row * W + b.column
    let sa = out.slot(a.feature, a.row, a.column), sb = out.slot(b.feature, b.row, b.column)
    let (pa, pb) = (out.potentialAtSpike[sa], out.potentialAtSpike[sb])
    guard score[ia] == score[ib], ib < ia, out.spikeTime[sa] == out.spikeTime[sb], pa > pb else { return nil }
    var lines = ["k-WTA pick \(i + 1) of \(theirs.count): \(a) (p \(pa)) and \(b) (p \(pb)) both fire at step "
      + "\(out.spikeTime[sa]); SpykeTorch's float32 score Σ(p + 15·max p) rounds both to \(score[ia]) and takes the lower "
      + "flat index \(b); FirstSpike's rule (earliest spike, then the larger potential, docs/semantics.md §4.5) takes \(a)"]
    if i + 1 < ours.count {
      lines.append("k-WTA picks \(i + 2)…\(ours.count) follow from pick \(i + 1) (SpykeTorch's score rule replayed on "
        + "FirstSpike's potentials gives the reference's list exactly)")
    }
    return lines
  }
}
