extension Network {
  /// Evaluates the full network on `data` in parallel over images (results identical to a
  /// serial run: every image is independent and written to its own slot).
  public func evaluate(_ data: LabeledImages, threads: Int = defaultThreadCount) -> EvaluationReport {
    let n = data.count, L = spec.layers.count
    var predictions = [Int](repeating: -1, count: n)
    var spikes = [Int](repeating: 0, count: n * (L + 1))
    var events = [Int](repeating: 0, count: n * L)
    predictions.withUnsafeMutableBufferPointer { p in
      spikes.withUnsafeMutableBufferPointer { s in
        events.withUnsafeMutableBufferPointer { e in
          let pred = SharedBuffer(p), spk = SharedBuffer(s), ev = SharedBuffer(e)
          let chunk = 16
          parallelFor((n + chunk - 1) / chunk, threads: threads) { c in
            var scratch = ForwardScratch()
            for i in (c * chunk)..<min(n, (c + 1) * chunk) {
              let r = self.classify(data.images[i], scratch: &scratch)
              pred[i] = r.label ?? -1
              for l in 0...L { spk[i * (L + 1) + l] = r.spikes[l] }
              for l in 0..<L { ev[i * L + l] = r.events[l] }
            }
          }
        }
      }
    }
    return report(predictions: predictions, labels: data.labels, classes: spec.classNames.count,
                  spikes: spikes, events: events)
  }

  /// Evaluates only the top (decision) layer `layer` from cached pooled inputs.
  public func evaluateTop(layer: Int, inputs: WaveCache, labels: [Int], threads: Int = defaultThreadCount) -> EvaluationReport {
    let n = inputs.count
    var predictions = [Int](repeating: -1, count: n)
    predictions.withUnsafeMutableBufferPointer { p in
      let pred = SharedBuffer(p)
      let chunk = 64
      parallelFor((n + chunk - 1) / chunk, threads: threads) { c in
        var out = ConvOutput(), buffer = SpikeEvents()
        for i in (c * chunk)..<min(n, (c + 1) * chunk) {
          let wave = inputs.wave(i)
          self.run(layer: layer, pooledInput: wave, into: &out, events: &buffer)
          pred[i] = self.decide(out, exact: self.exactPotentials(layer: layer, pooledInput: wave))?.label ?? -1
        }
      }
    }
    return report(predictions: predictions, labels: labels, classes: spec.classNames.count, spikes: [], events: [])
  }

  func report(predictions: [Int], labels: [Int], classes: Int, spikes: [Int], events: [Int]) -> EvaluationReport {
    let n = predictions.count, L = spec.layers.count
    let k = max(classes, (labels.max() ?? -1) + 1)
    var confusion = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
    var correct = 0, silent = 0
    for i in 0..<n {
      if predictions[i] < 0 { silent += 1; continue }
      if predictions[i] == labels[i] { correct += 1 }
      if predictions[i] < k { confusion[labels[i]][predictions[i]] += 1 }
    }
    func mean(_ values: [Int], stride: Int, _ j: Int) -> Double {
      guard n > 0, values.count == n * stride else { return 0 }
      var s = 0
      for i in 0..<n { s += values[i * stride + j] }
      return Double(s) / Double(n)
    }
    return EvaluationReport(
      images: n, correct: correct, silent: silent, confusion: confusion, predictions: predictions,
      spikesPerImage: spikes.isEmpty ? [] : (0...L).map { mean(spikes, stride: L + 1, $0) },
      synapticEventsPerImage: events.isEmpty ? [] : (0..<L).map { mean(events, stride: L, $0) },
      denseMACsPerImage: denseMACs)
  }
}
