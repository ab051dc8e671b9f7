/// The shallow files' end-to-end comparison: FirstSpike from the PNG against the file's
/// `exact_arithmetic_variant` (exact Gabor sums, ties → lowest feature, stable sort, float64
/// conv: FirstSpike's own rules, NOT SpykeTorch output) and against SpykeTorch's decision.
extension DeepTrace {
  mutating func exactVariant(_ net: Network, image: GrayImage) throws(TraceError) {
    let v = try reference.nested("diagnostics").nested("exact_arithmetic_variant")
    let T = timeSteps, shape = net.encoder.outputShape(height: image.height, width: image.width)
    let storedLatency = try v.wave("latency_spike_time", timeSteps: T, shape: shape)
    let storedPool = try v.wave("pool_spike_time", timeSteps: T, shape: net.inputShape(layer: 0))
    let storedConv = try v.floats("conv_potential", shape: [T, net.outputShape(layer: 0).count])

    // 1. The variant is FirstSpike's rules on ToTensor's float32(k/255) inputs, stage by stage.
    guard let replay = ShallowExactVariant(image: image, kernels: net.encoder.filters.kernels, timeSteps: T) else {
      throw TraceError.badValue(path: reference.path, key: "diagnostics.exact_arithmetic_variant",
                                expected: "Gabor kernels whose products fit the exact fixed-point replay")
    }
    table.compareTimes("exact variant: latency = FirstSpike's rules on float32(k/255)", replay.latency.signedTimes,
                       storedLatency.signedTimes)
    table.compareTimes("exact variant: pool of its latency", net.pooledInput(storedLatency, layer: 0).signedTimes,
                       storedPool.signedTimes)
    table.comparePotentials("exact variant: conv of its pool", stepPotentials(net, layer: 0, input: storedPool), storedConv)

    // 2. FirstSpike end to end (from the pixels k) against the variant.
    let encoded = net.encode(image), pooled = net.pooledInput(encoded, layer: 0)
    let latencyDiffs = table.compareTimes("end to end vs exact variant: latency", encoded.signedTimes,
                                          storedLatency.signedTimes) { differing in
      InputRounding(net: net, image: image, replay: replay).explain(differing, ours: encoded, theirs: storedLatency)
    }
    let lat = Set(latencyDiffs)
    let p = net.spec.layers[0].inputPool!
    table.compareTimes("end to end vs exact variant: pool", pooled.signedTimes, storedPool.signedTimes) { differing in
      // Pooling is exact (row above): a pooled cell can only differ through a latency neuron of its window.
      differing.allSatisfy { n in
        let c = n / pooled.shape.plane, oy = (n % pooled.shape.plane) / pooled.shape.width, ox = n % pooled.shape.width
        return (0..<p.size).contains { dy in (0..<p.size).contains { dx in
          let y = oy * p.stride + dy - p.padding, x = ox * p.stride + dx - p.padding
          return y >= 0 && y < shape.height && x >= 0 && x < shape.width && lat.contains(shape.index(c, y, x))
        } }
      } ? ["\(differing.count) pooled neurons of the variant's pool differ, each over a latency neuron listed above"] : nil
    }
    let ours = stepPotentials(net, layer: 0, input: pooled)
    let agree = withinTolerance(ours, storedConv)
    table.add("end to end vs exact variant: conv potentials", "\(ours.count)",
              agree ? "within " + DeepTolerance.text : "differ (FirstSpike's conv of the variant's own pool agrees, row above): they follow from the pool",
              agree ? .agrees : lat.isEmpty ? .differs : .explained)
    var out = ConvOutput(), events = SpikeEvents()
    net.run(layer: 0, pooledInput: pooled, into: &out, events: &events)
    let d = net.decide(out, exact: net.exactPotentials(layer: 0, pooledInput: pooled))
    table.compareValue("end to end vs exact variant: winner feature, class", [d?.winner.feature ?? -1, d?.label ?? -1],
                       [try v.int("winner_feature"), try v.int("class")]) { "feature \($0[0]), class \($0[1])" }
    try checkDecision(d, reference.nested("decision"), shape: out.shape, perClass: 10, prefix: "end to end: decision")
  }
}

/// Why FirstSpike's latency code of the pixels `k` and the variant's of `fl(k/255)` differ: the
/// two sums of a neuron lie within `2⁻²⁴·(Σ|w|·k + v)` of each other (pixel units: the rounding
/// of the inputs and of FirstSpike's float32 intensity `v`), so wherever two values are that
/// close only rounding orders them.
struct InputRounding {
  let net: Network
  let gabor: FeatureMaps, inhibited: FeatureMaps, bound: [Double]
  let replay: ShallowExactVariant

  init(net: Network, image: GrayImage, replay: ShallowExactVariant) {
    self.net = net
    self.replay = replay
    gabor = net.encoder.filters.apply(image)
    inhibited = net.encoder.intensities(image)
    let k = net.encoder.filters.kernelSize, s = gabor.shape
    var bound = [Double](repeating: 0, count: s.count)
    for f in 0..<s.channels {
      let w = net.encoder.filters.kernels[f]
      for r in 0..<s.height {
        for c in 0..<s.width {
          var a = 0.0
          for ky in 0..<k { for kx in 0..<k { a += abs(Double(w[ky, kx])) * Double(image[r + ky, c + kx]) } }
          bound[s.index(f, r, c)] = 0x1p-24 * (a + Double(gabor.values[s.index(f, r, c)]))
        }
      }
    }
    self.bound = bound
  }

  func close(_ a: Int, _ b: Int) -> Bool {
    abs(Double(gabor.values[a]) - Double(gabor.values[b])) <= bound[a] + bound[b]
  }

  /// One line per position whose surviving orientation differs, one per latency neuron that
  /// moves a bin, when every difference is within rounding; nil otherwise.
  func explain(_ differing: [Int], ours: SpikeWave, theirs: SpikeWave) -> [String]? {
    let s = gabor.shape, plane = s.plane
    var lines: [String] = [], changed = Set<Int>()
    for pos in 0..<plane {
      let a = (0..<s.channels).first { inhibited.values[$0 * plane + pos] != 0 } ?? -1, b = replay.survivors[pos]
      if a == b { continue }
      guard a >= 0, b >= 0, close(a * plane + pos, b * plane + pos) else { return nil }
      changed.insert(pos)
      let (va, vb) = (gabor.values[a * plane + pos], gabor.values[b * plane + pos])
      lines.append("position (\(pos / s.width), \(pos % s.width)): orientations \(a) and \(b) "
        + (va == vb ? "tie exactly on the pixels (FirstSpike keeps the lower, \(a))" : "are \(abs(va - vb)) apart on the pixels, within rounding (FirstSpike keeps \(a))")
        + "; the variant's sums of float32(k/255) part them and keep \(b)")
    }
    func key(_ n: Int, _ v: Double) -> (Double, Int) { (-v, n) }
    for n in differing where !changed.contains(n % plane) {
      // Every neuron whose order relative to n differs between the two value sets must be
      // within rounding of n, or sit at a position listed above.
      let vn = Double(inhibited.values[n]), rn = replay.inhibited(n)
      var flips = 0
      for m in 0..<s.count where m != n {
        let vm = Double(inhibited.values[m]), rm = replay.inhibited(m)
        if vm == 0 && rm == 0 { continue }
        let oursFirst = key(m, vm) < key(n, vn), theirsFirst = rm != rn ? rm > rn : m < n
        if oursFirst == theirsFirst { continue }
        guard changed.contains(m % plane) || close(m, n) else { return nil }
        flips += 1
      }
      let t = ours.times[n], u = theirs.times[n]
      lines.append("latency neuron [\(n / plane), \((n % plane) / s.width), \(n % s.width)]: FirstSpike \(t == SpikeWave.never ? -1 : Int(t)), "
        + "variant \(u == SpikeWave.never ? -1 : Int(u)): \(flips) neurons change order with it, each within rounding or at a position above")
    }
    return lines
  }
}
