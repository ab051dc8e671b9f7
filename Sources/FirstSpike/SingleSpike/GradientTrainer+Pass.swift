/// The end-of-pass work of a gradient stage: S4NN's dead-neuron reset and the validation run.
extension GradientTrainer {
  /// Features of the hidden gradient layers that fired on fewer than `deadNeuronReset` of the
  /// pass's images get new initial weights (drawn from the stage's generator, features in
  /// ascending order) and, with Adam, zero moments.
  mutating func resetDeadFeatures() {
    let fraction = settings.deadNeuronReset
    guard fraction > 0, span.count > 1, trainCount > 0 else { return }
    for j in 0..<(span.count - 1) {
      let l = span.lowerBound + j, layer = network.spec.layers[l]
      let dead = gradient.fired[j].indices.filter { Double(gradient.fired[j][$0]) < fraction * Double(trainCount) }
      if dead.isEmpty { continue }
      let fresh = layer.initialWeights(generator: &progress.generator)
      var w = network.weights[l]
      for f in dead {
        for c in 0..<w.inChannels {
          for ky in 0..<w.kernel {
            for kx in 0..<w.kernel {
              let o = w.offset(f, c, ky, kx)
              w.storage[o] = fresh.storage[o]
              state.moments[j]?.m[o] = 0
              state.moments[j]?.v[o] = 0
            }
          }
        }
      }
      network.weights[l] = w
    }
    network.refreshPooledWeights()
  }

  /// Accuracy of the current weights on the validation images (nil when there are none), in
  /// parallel (the count does not depend on the thread count).
  func validationAccuracy() -> Double? {
    let n = validationIndices.count
    guard n > 0 else { return nil }
    var correct = [Bool](repeating: false, count: n)
    let network = self.network, span = self.span, inputs = self.inputs, labels = self.labels, held = validationIndices
    let pooled = pooledInputs
    correct.withUnsafeMutableBufferPointer { buf in
      let out = SharedBuffer(buf)
      let chunk = 64
      parallelFor((n + chunk - 1) / chunk, threads: threads) { c in
        var pass = BackpropPass(layers: span.count)
        for i in (c * chunk)..<min(n, (c + 1) * chunk) {
          pass.forward(network, span: span, input: inputs.wave(held[i]), pooled: pooled)
          out[i] = network.decide(pass.outputs[span.count - 1])?.label == labels[held[i]]
        }
      }
    }
    return Double(correct.filter { $0 }.count) / Double(n)
  }
}

/// What a gradient stage keeps beyond weights and ``StageProgress``: per layer of the stage,
/// Adam's moments (layer storage layout) and, while a batch is half done, its partial sum
/// (the layout of ``Network/runWeights(_:)``). Saved as tensors in the checkpoint.
public struct GradientState: Sendable, Equatable {
  public var moments: [AdamMoments?] = []
  public var accumulated: [[Float]] = []
  public init(moments: [AdamMoments?] = [], accumulated: [[Float]] = []) {
    self.moments = moments
    self.accumulated = accumulated
  }
}

/// `out[i] = g[start + i]` for every `i`.
func copy(_ g: [Float], from start: Int, into out: inout [Float]) {
  precondition(start + out.count <= g.count, "copying \(out.count) values from \(start) of \(g.count)")
  out.withUnsafeMutableBufferPointer { o in
    g.withUnsafeBufferPointer { g in o.baseAddress!.update(from: g.baseAddress! + start, count: o.count) }
  }
}

/// `sum[i] += g[start + i]` for every `i`, in index order.
func add(_ g: [Float], from start: Int, into sum: inout [Float]) {
  precondition(start + sum.count <= g.count, "adding \(sum.count) values from \(start) of \(g.count)")
  sum.withUnsafeMutableBufferPointer { s in
    g.withUnsafeBufferPointer { g in
      let g = g.baseAddress! + start
      for i in 0..<s.count { s[i] += g[i] }
    }
  }
}

extension SpikeWave {
  /// The wave moved by `rows` and `columns` cells (positive: down and right); neurons moved in
  /// from outside never fire.
  public func shifted(rows dy: Int, columns dx: Int) -> SpikeWave {
    if dy == 0 && dx == 0 { return self }
    var out = SpikeWave(shape: shape, timeSteps: timeSteps)
    let H = shape.height, W = shape.width
    if abs(dy) >= H || abs(dx) >= W { return out }
    for c in 0..<shape.channels {
      for y in max(0, dy)..<min(H, H + dy) {
        for x in max(0, dx)..<min(W, W + dx) {
          out.times[(c * H + y) * W + x] = times[(c * H + y - dy) * W + x - dx]
        }
      }
    }
    return out
  }
}
