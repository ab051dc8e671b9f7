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
  /// Image `i` of `images` is image `firstIndex + i` of its set: its encoder draws from
  /// `(seed, firstIndex + i)`, so a set evaluated in parts responds as the whole set does.
  /// - Complexity: O(images · (steps · neurons + input spikes · neurons)) over all cores.
  public func forEachResponseChunk(_ images: [GrayImage], seed: UInt64, firstIndex: Int = 0, chunk: Int = 2048,
                                   threads: Int = defaultThreadCount, _ body: (Int, [Int32], [SIMD3<Int32>]) -> Void) {
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
            var g = Self.imageGenerator(seed: seed, index: firstIndex + start + k)
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

  /// Accuracy on `data` of the all-activity and proportion-weighting classifiers; image `i`
  /// of `data` is image `firstIndex + i` of its set (see ``forEachResponseChunk``).
  public func evaluate(_ data: LabeledImages, assignment: NeuronAssignment, seed: UInt64, firstIndex: Int = 0,
                       threads: Int = defaultThreadCount) -> DiehlCook2015Evaluation {
    let n = spec.neurons, classes = data.classNames.count
    var all = [Int](), proportion = [Int](), spikes = [0, 0, 0]
    forEachResponseChunk(data.images, seed: seed, firstIndex: firstIndex, threads: threads) { _, counts, activity in
      for k in 0..<counts.count / n {
        let c = Array(counts[k * n..<(k + 1) * n])
        all.append(assignment.predictAllActivity(c))
        proportion.append(assignment.predictProportionWeighting(c))
        for j in 0..<3 { spikes[j] += Int(activity[k][j]) }
      }
    }
    func tally(_ p: [Int]) -> EvaluationTally {
      EvaluationTally(predictions: p, labels: data.labels, classes: classes, spikes: spikes, events: [])
    }
    return DiehlCook2015Evaluation(allActivity: report(tally(all), predictions: all),
                                   proportionWeighting: report(tally(proportion), predictions: proportion))
  }

  /// The report of a tally of this network: spikes per image of (input, excitatory,
  /// inhibitory) neurons; synaptic events derived from them (every input spike reaches every
  /// excitatory neuron, every inhibitory spike every other excitatory neuron); the dense
  /// equivalent runs every connection every step.
  public func report(_ tally: EvaluationTally, predictions: [Int] = []) -> EvaluationReport {
    Self.report(tally, size: RateCodedSize(spec), predictions: predictions)
  }

  /// ``report(_:predictions:)`` for a network of `size`.
  public static func report(_ tally: EvaluationTally, size: RateCodedSize, predictions: [Int] = []) -> EvaluationReport {
    let n = size.neurons
    let perImage = EvaluationTally.perImage(tally.spikes, images: tally.images)
    let events = perImage.count == 3 ? [perImage[0] * Double(n), perImage[1], perImage[2] * Double(n - 1)] : []
    let dense = Double(size.steps) * Double(size.inputs * n + n + n * n)
    return EvaluationReport(tally: tally, predictions: predictions, spikesPerImage: perImage,
                            synapticEventsPerImage: events, denseMACsPerImage: dense)
  }
}

/// Test results of a ``DiehlCook2015`` network under both of its classifiers.
public struct DiehlCook2015Evaluation: Sendable {
  public var allActivity: EvaluationReport
  public var proportionWeighting: EvaluationReport
}

/// What a rate-coded report's figures depend on besides its tally.
public struct RateCodedSize: Codable, Sendable, Equatable {
  public var inputs: Int
  public var neurons: Int
  /// Simulation steps per image.
  public var steps: Int

  public init(_ spec: DiehlCook2015Spec) {
    inputs = spec.inputs
    neurons = spec.neurons
    steps = spec.steps
  }
}
