import Foundation

/// Trains the trailing gradient layers of a single-spike model jointly (one stage), in
/// mini-batches, from the cached input of the first of them; resumable at any image.
///
/// ``GradientSpec/split(_:)`` divides the images into training images and validation images
/// (never trained on) that choose the kept weights. Within a batch the images are forwarded
/// with the same weights, each into its own gradient buffer (in parallel when `threads > 1`),
/// and the buffers are added to the batch's sum in image order, so the result does not
/// depend on the thread count, and a batch interrupted halfway (its partial sum is saved)
/// resumes to the same sum.
public struct GradientTrainer: Sendable {
  public var network: Network
  public var progress: StageProgress
  public let span: Range<Int>
  public let settings: GradientSpec
  let training: TrainingSpec
  let inputs: WaveCache
  /// Whether `inputs` are already pooled (no augmentation shifts them).
  let pooledInputs: Bool
  let labels: [Int]
  /// Indices (ascending) of the training and of the validation images in `inputs`.
  public let trainIndices: [Int]
  public let validationIndices: [Int]
  public var trainCount: Int { trainIndices.count }
  /// Weights of every layer of `span` after the best validated pass.
  public var bestWeights: [ConvWeights]?
  /// The optimiser's state and the partial batch sum (layouts: see ``GradientState``).
  public var state: GradientState
  public var threads = defaultThreadCount
  /// What only a gradient stage records (kept here, written into `progress` by ``saved``).
  public var gradient: GradientProgress
  var order: [Int] = []
  var passes: [BackpropPass] = []
  /// Per-image gradient buffers: image `i`'s layer `j` at `i · slotSize + offsets[j]`.
  var slots: [Float] = []

  /// - Parameters:
  ///   - inputs: for every image of the data set, the wave before the first gradient layer's
  ///     pooling (the encoder's, or the frozen layer below's output), or after it when
  ///     `pooledInputs`.
  ///   - progress, state, best: a saved run to resume, or nil to start the stage.
  public init(network: Network, span: Range<Int>, inputs: WaveCache, pooledInputs: Bool = false, labels: [Int],
              progress: StageProgress?,
              state: GradientState?, bestWeights: [ConvWeights]?, passes: Int? = nil, seed: UInt64, stage: Int) {
    let last = network.spec.layers[span.upperBound - 1].training
    guard let settings = last.gradient else { preconditionFailure("gradient layers without gradient settings") }
    self.network = network
    self.span = span
    self.settings = settings
    self.training = last
    self.inputs = inputs
    self.pooledInputs = pooledInputs
    self.labels = labels
    (self.trainIndices, self.validationIndices) = settings.split(inputs.count)
    var p = progress ?? StageProgress(stage: stage, trainingImages: inputs.count, passes: passes ?? last.passes,
                                      features: 0, training: last, seed: seed)
    if progress == nil {
      p.gradient = GradientProgress(rate: settings.optimizer.rate, features: span.map { network.spec.layers[$0].outChannels })
    }
    if let passes { p.passes = passes }
    self.gradient = p.gradient!
    p.gradient = nil
    self.progress = p
    self.state = state ?? GradientState()
    self.bestWeights = bestWeights
    if p.position > 0 { order = drawOrder(from: p.passGenerator).order }
  }

  /// The stage's progress as saved: ``progress`` with ``gradient``.
  public var saved: StageProgress {
    var p = progress
    p.gradient = gradient
    return p
  }

  /// The image order of a pass drawn from `g`, and the generator after the draws.
  func drawOrder(from g: SplitMix64) -> (order: [Int], generator: SplitMix64) {
    var g = g
    let order = training.shuffle ? g.permutation(trainCount).map { trainIndices[$0] } : trainIndices
    return (order, g)
  }

  /// Trains until the stage is finished (true), `shouldStop()` turns true, polled before every
  /// image, or `maxImages` images were trained in this call (false).
  public mutating func run(maxImages: Int? = nil, shouldStop: () -> Bool = { false },
                           report: (TrainingReport) -> Void = { _ in }) -> Bool {
    var done = 0
    var clock = ContinuousClock.now
    defer { progress.passSeconds = (progress.passSeconds ?? 0) + seconds(ContinuousClock.now - clock) }
    while !progress.finished {
      if trainCount == 0 {
        finishPass(clock: &clock, report: report)
        continue
      }
      if let maxImages, done >= maxImages { return false }
      if progress.position == 0 {
        progress.passGenerator = progress.generator
        (order, progress.generator) = drawOrder(from: progress.passGenerator)
        progress.passOutcomes = OutcomeCounts()
        gradient.passLoss = 0
      }
      var want = min(settings.batchSize - gradient.batchFill, trainCount - progress.position)
      if let maxImages { want = min(want, maxImages - done) }
      var go = 0
      while go < want && !shouldStop() { go += 1 }
      if go == 0 { return false }
      trainImages(go, report: report)
      done += go
      if gradient.batchFill == settings.batchSize || progress.position == trainCount {
        applyUpdate(fromSlot: go == 1 && settings.batchSize == 1)
      }
      if progress.position == trainCount { finishPass(clock: &clock, report: report) }
      if go < want { return false }
    }
    return true
  }

  /// The next `count` images of the pass, in parallel, summed into the batch in order.
  mutating func trainImages(_ count: Int, report: (TrainingReport) -> Void) {
    let indices = (0..<count).map { order[progress.position + $0] }
    let shifts = (0..<count).map { _ in drawShift() }
    let network = self.network, span = self.span, settings = self.settings, inputs = self.inputs, labels = self.labels
    let rate = gradient.rate
    let workers = max(1, min(threads, count))
    if passes.count < workers { passes += (passes.count..<workers).map { _ in BackpropPass(layers: span.count) } }
    let sizes = span.map { network.runWeights($0).storage.count }
    let offsets = sizes.indices.map { sizes[..<$0].reduce(0, +) }, slotSize = sizes.reduce(0, +)
    if slots.count < count * slotSize { slots = [Float](repeating: 0, count: count * slotSize) }
    var outcomes = [BackpropPass.Outcome](repeating: .init(), count: count)
    let pooled = pooledInputs
    passes.withUnsafeMutableBufferPointer { passBuf in
      slots.withUnsafeMutableBufferPointer { slotBuf in
        outcomes.withUnsafeMutableBufferPointer { outBuf in
          let ps = SharedBuffer(passBuf), ss = SharedBuffer(slotBuf), os = SharedBuffer(outBuf)
          parallelFor(workers, threads: workers) { w in
            for i in stride(from: w, to: count, by: workers) {
              let slot = ss.base + i * slotSize
              slot.update(repeating: 0, count: slotSize)
              let input = inputs.wave(indices[i]).shifted(rows: shifts[i].rows, columns: shifts[i].columns)
              os[i] = ps.base[w].train(network, span: span, input: input, pooled: pooled, label: labels[indices[i]],
                                       settings: settings, rate: rate, gradients: slot, offsets: offsets)
            }
          }
        }
      }
    }
    // The batch's sum starts as its first image's gradient, then adds the others in order
    // (a batch of one image is its gradient, used from its slot without a copy).
    let whole = gradient.batchFill == 0 && count == settings.batchSize
    if state.accumulated.count != span.count { state.accumulated = sizes.map { [Float](repeating: 0, count: $0) } }
    for i in 0..<count {
      if !(whole && count == 1) {
        for j in 0..<span.count {
          if gradient.batchFill == 0 {
            copy(slots, from: i * slotSize + offsets[j], into: &state.accumulated[j])
          } else {
            add(slots, from: i * slotSize + offsets[j], into: &state.accumulated[j])
          }
        }
      }
      record(outcomes[i], label: labels[indices[i]])
      progress.position += 1
      gradient.batchFill += 1
      report(.image(progress: progress))
    }
  }

  /// A random offset for data augmentation (none when `shift` is 0: nothing is drawn).
  mutating func drawShift() -> (rows: Int, columns: Int) {
    let s = settings.shift
    if s == 0 { return (0, 0) }
    let r = progress.generator.nextInt(below: 2 * s + 1) - s
    return (r, progress.generator.nextInt(below: 2 * s + 1) - s)
  }

  mutating func record(_ o: BackpropPass.Outcome, label: Int) {
    progress.imagesSeen += 1
    progress.passOutcomes.record(o.label == nil ? .silent : o.label == label ? .correct : .wrong)
    gradient.passLoss += Double(o.loss)
    for (j, fired) in o.fired.enumerated() {
      for f in fired.indices where fired[f] { gradient.fired[j][f] += 1 }
    }
  }

  /// Applies the batch's summed gradient (the accumulated sum, or with `fromSlot` the one
  /// image's gradient in the first slot) to every layer and empties the batch.
  mutating func applyUpdate(fromSlot: Bool) {
    gradient.updates += 1
    if state.moments.count != span.count { state.moments = [AdamMoments?](repeating: nil, count: span.count) }
    var offset = 0
    for (j, l) in span.enumerated() {
      let size = network.runWeights(l).storage.count, rate = gradient.rate, step = gradient.updates
      let settings = self.settings
      let update = { (w: inout [Float], g: UnsafeBufferPointer<Float>, m: inout AdamMoments?) in
        settings.optimizer.update(&w, gradient: g, rate: rate, step: step, weightDecay: settings.weightDecay, moments: &m)
      }
      if let pool = network.spec.layers[l].inputPool, pool.isAverage {
        let sum = fromSlot ? Array(slots[offset..<(offset + size)]) : state.accumulated[j]
        let g = network.weights[l].foldAveragePooledGradient(sum, block: pool.size)
        g.withUnsafeBufferPointer { update(&network.weights[l].storage, $0, &state.moments[j]) }
      } else if fromSlot {
        slots.withUnsafeBufferPointer {
          update(&network.weights[l].storage, UnsafeBufferPointer(rebasing: $0[offset..<(offset + size)]), &state.moments[j])
        }
      } else {
        state.accumulated[j].withUnsafeBufferPointer { update(&network.weights[l].storage, $0, &state.moments[j]) }
      }
      offset += size
    }
    network.refreshPooledWeights()
    gradient.batchFill = 0
  }

  mutating func finishPass(clock: inout ContinuousClock.Instant, report: (TrainingReport) -> Void) {
    let seconds = (progress.passSeconds ?? 0) + FirstSpike.seconds(ContinuousClock.now - clock)
    // Validation first: S4NN redraws dead neurons after its evaluation, for the next pass.
    let accuracy = validationAccuracy()
    clock = .now
    progress.passSeconds = 0
    var record = PassRecord(pass: progress.passesDone + 1, train: progress.passOutcomes, testAccuracy: nil, seconds: seconds)
    record.validationAccuracy = accuracy
    record.loss = trainCount > 0 ? gradient.passLoss / Double(trainCount) : nil
    if let accuracy, gradient.bestValidationAccuracy.map({ $0 <= accuracy }) ?? true {
      gradient.bestValidationAccuracy = accuracy
      gradient.bestPass = record.pass
      bestWeights = span.map { network.weights[$0] }
    }
    resetDeadFeatures()
    gradient.rate *= settings.rateDecay
    gradient.fired = gradient.fired.map { [Int](repeating: 0, count: $0.count) }
    progress.history.append(record)
    progress.passesDone += 1
    progress.position = 0
    progress.seconds += seconds
    report(.pass(record, progress: saved))
  }
}
