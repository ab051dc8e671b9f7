/// Testing and labelling: learning off, θ fixed, images simulated in parallel. Image `k` of a
/// set is encoded with its own generator drawn from `(seed, k)`, so results do not depend on
/// the number of threads or the order of work.
extension DiehlCook2015 {
  /// The encoder generator of image `index` for a run seeded `seed`.
  public static func imageGenerator(seed: UInt64, index: Int) -> SplitMix64 {
    var g = SplitMix64(seed: seed &+ UInt64(index) &* 0x2545_F491_4F6C_DD1D)
    return SplitMix64(seed: g.next())
  }

  /// Calls `body(first, counts, activity)` for consecutive chunks of `images`, where
  /// `counts[k * neurons + j]` is the spike count of excitatory neuron `j` on image
  /// `first + k` (learning off) and `activity[k]` = (input, excitatory, inhibitory) spikes.
  /// - Complexity: O(images · (steps · neurons + input spikes · neurons)) over all cores.
  public func forEachResponseChunk(_ images: [GrayImage], seed: UInt64, chunk: Int = 2048, threads: Int = defaultThreadCount,
                                   _ body: (Int, [Int32], [SIMD3<Int32>]) -> Void) {
    let n = spec.neurons
    var first = 0
    while first < images.count {
      let m = min(chunk, images.count - first)
      var counts = [Int32](repeating: 0, count: m * n)
      var activity = [SIMD3<Int32>](repeating: .zero, count: m)
      counts.withUnsafeMutableBufferPointer { c in
        activity.withUnsafeMutableBufferPointer { a in
          let cs = SharedBuffer(c), acts = SharedBuffer(a), start = first, model = self
          parallelFor(m, threads: threads) { k in
            var g = Self.imageGenerator(seed: seed, index: start + k)
            let r = model.respond(to: images[start + k].pixels, generator: &g)
            for j in r.excitatory.indices { cs[k * n + Int(j)] += 1 }
            acts[k] = SIMD3(Int32(r.input.spikeCount), Int32(r.excitatory.spikeCount), Int32(r.inhibitory.spikeCount))
          }
        }
      }
      body(first, counts, activity)
      first += m
    }
  }

  /// Labels every excitatory neuron by its mean response per class on `data`.
  public func assignLabels(_ data: LabeledImages, seed: UInt64) -> NeuronAssignment {
    let n = spec.neurons
    var sums = ClassResponseSums(neurons: n, classes: data.classNames.count)
    forEachResponseChunk(data.images, seed: seed) { first, counts, _ in
      for k in 0..<counts.count / n { sums.add(counts[k * n..<(k + 1) * n], label: data.labels[first + k]) }
    }
    return NeuronAssignment(sums: sums)
  }

  /// Accuracy on `data` of the all-activity and proportion-weighting classifiers.
  public func evaluate(_ data: LabeledImages, assignment: NeuronAssignment, seed: UInt64,
                       threads: Int = defaultThreadCount) -> DiehlCook2015Evaluation {
    let n = spec.neurons, classes = data.classNames.count
    var all = [Int](), proportion = [Int](), spikes = SIMD3<Double>.zero
    forEachResponseChunk(data.images, seed: seed, threads: threads) { _, counts, activity in
      for k in 0..<counts.count / n {
        let c = Array(counts[k * n..<(k + 1) * n])
        all.append(assignment.predictAllActivity(c))
        proportion.append(assignment.predictProportionWeighting(c))
        spikes += SIMD3<Double>(activity[k])
      }
    }
    let perImage = data.count > 0 ? spikes / Double(data.count) : .zero
    let events = [perImage.x * Double(n), perImage.y, perImage.z * Double(n - 1)]
    let dense = Double(spec.steps) * Double(spec.inputs * n + n + n * n)
    func report(_ p: [Int]) -> EvaluationReport {
      EvaluationReport(predictions: p, labels: data.labels, classes: classes,
                       spikesPerImage: [perImage.x, perImage.y, perImage.z],
                       synapticEventsPerImage: events, denseMACsPerImage: dense)
    }
    return DiehlCook2015Evaluation(allActivity: report(all), proportionWeighting: report(proportion))
  }
}

/// Test results of a ``DiehlCook2015`` network under both of its classifiers.
public struct DiehlCook2015Evaluation: Sendable, Codable {
  public var allActivity: EvaluationReport
  public var proportionWeighting: EvaluationReport
}

extension EvaluationReport {
  /// The report of `predictions` (−1 = silent) against `labels`; the confusion matrix has a
  /// row and column for every class, label and prediction (a model trained on more classes
  /// than the data set evaluated has).
  init(predictions: [Int], labels: [Int], classes: Int, spikesPerImage: [Double],
       synapticEventsPerImage: [Double], denseMACsPerImage: Double) {
    let classes = max(classes, (labels.max() ?? -1) + 1, (predictions.max() ?? -1) + 1)
    var confusion = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
    var correct = 0, silent = 0
    for (p, l) in zip(predictions, labels) {
      if p < 0 { silent += 1; continue }
      confusion[l][p] += 1
      if p == l { correct += 1 }
    }
    self.init(images: labels.count, correct: correct, silent: silent, confusion: confusion, predictions: predictions,
              spikesPerImage: spikesPerImage, synapticEventsPerImage: synapticEventsPerImage,
              denseMACsPerImage: denseMACsPerImage)
  }
}
