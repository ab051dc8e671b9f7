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
    return report(predictions: predictions, labels: labels, classes: spec.classNames.count, spikes: nil, events: nil)
  }

  /// The report of per-image predictions, spikes (`L + 1` per image) and events (`L` per
  /// image); nil: not counted.
  func report(predictions: [Int], labels: [Int], classes: Int, spikes: [Int]?, events: [Int]?) -> EvaluationReport {
    let n = predictions.count, L = spec.layers.count
    func totals(_ values: [Int]?, stride: Int) -> [Int] {
      guard let values, values.count == n * stride else { return [] }
      var sums = [Int](repeating: 0, count: stride)
      for i in 0..<n {
        for j in 0..<stride { sums[j] += values[i * stride + j] }
      }
      return sums
    }
    let tally = EvaluationTally(predictions: predictions, labels: labels, classes: classes,
                                spikes: totals(spikes, stride: L + 1), events: totals(events, stride: L))
    return EvaluationReport(tally: tally, predictions: predictions, denseMACsPerImage: denseMACs)
  }
}
