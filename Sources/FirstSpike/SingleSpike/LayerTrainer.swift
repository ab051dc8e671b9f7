import Foundation

/// Trains one convolutional layer (one stage) with STDP or R-STDP, image by image, from the
/// cached pooled inputs of that layer; resumable at any image boundary.
public struct LayerTrainer: Sendable {
  public var network: Network
  public var progress: StageProgress
  /// Weights after the pass with the best test accuracy (R-STDP with evaluation).
  public var bestWeights: ConvWeights?
  public let layer: Int
  let training: TrainingSpec
  let inputs: WaveCache
  let labels: [Int]
  let testInputs: WaveCache?
  let testLabels: [Int]
  /// Evaluate on the test inputs after every `evaluateEvery` passes (and after the last).
  public var evaluateEvery = 1
  var stdp: STDP
  var order: [Int] = []
  var dropped: [Bool]?
  var output = ConvOutput()
  var events = SpikeEvents()
  let initialRates: RatePair
  let initialPunish: RatePair

  /// - Parameters:
  ///   - inputs: pooled, unpadded inputs of `layer` for every training image.
  ///   - test: cached inputs and labels to evaluate after each pass (R-STDP), or nil.
  ///   - progress: saved progress to resume from, or nil to start the stage.
  public init(network: Network, layer: Int, inputs: WaveCache, labels: [Int],
              test: (inputs: WaveCache, labels: [Int])?, progress: StageProgress?, bestWeights: ConvWeights?,
              passes: Int? = nil, seed: UInt64) {
    let spec = network.spec.layers[layer]
    self.network = network
    self.layer = layer
    self.training = spec.training
    self.inputs = inputs
    self.labels = labels
    self.testInputs = test?.inputs
    self.testLabels = test?.labels ?? []
    self.progress = progress ?? StageProgress(
      stage: layer + 1, trainingImages: inputs.count, passes: passes ?? spec.training.passes,
      features: spec.outChannels, training: spec.training, seed: seed)
    if let passes { self.progress.passes = passes }
    self.bestWeights = bestWeights
    self.stdp = STDP(lowerBound: spec.training.lowerBound, upperBound: spec.training.upperBound,
                     stabilizer: spec.training.stabilizer)
    self.stdp.weightsMayBeOutOfBounds = self.progress.weightsMayBeOutOfBounds
    self.initialRates = RatePair(spec.training.ltp, spec.training.ltd)
    self.initialPunish = RatePair(spec.training.punishLTP, spec.training.punishLTD)
    if self.progress.position > 0 {
      // Mid-pass: the order (and per-pass dropout) come from the pass's start state; the
      // saved generator, which per-image draws have moved on, is kept as it is.
      _ = drawPass(from: self.progress.passGenerator)
    }
  }

  /// Draws the current pass's image order and dropped features from `g`; returns the
  /// generator after these draws.
  mutating func drawPass(from g: SplitMix64) -> SplitMix64 {
    var g = g
    let n = inputs.count
    order = training.shuffle ? g.permutation(n) : Array(0..<n)
    if training.dropout > 0 && !training.dropoutPerImage {
      dropped = drawDropped(&g)
    } else {
      dropped = nil
    }
    return g
  }

  func drawDropped(_ g: inout SplitMix64) -> [Bool] {
    let features = network.spec.layers[layer].outChannels
    return (0..<features).map { _ in g.nextUniform() < Double(training.dropout) }
  }

  /// Trains until the stage's passes are done, `shouldStop()` turns true (checked after every
  /// image), or `maxImages` images have been trained in this call. Returns true when the
  /// stage is finished.
  public mutating func run(maxImages: Int? = nil, shouldStop: () -> Bool = { false },
                           report: (TrainingReport) -> Void = { _ in }) -> Bool {
    var done = 0
    var clock = ContinuousClock.now
    defer { progress.passSeconds = (progress.passSeconds ?? 0) + seconds(ContinuousClock.now - clock) }
    while !progress.finished {
      if inputs.count == 0 {
        finishPass(clock: &clock, report: report)
        continue
      }
      // Stop conditions come before a new pass is drawn, so that a run stopped at a pass
      // boundary resumes with the same order and dropout.
      if let maxImages, done >= maxImages { return false }
      if shouldStop() { return false }
      if progress.position == 0 {
        progress.passGenerator = progress.generator
        progress.generator = drawPass(from: progress.passGenerator)
        progress.passOutcomes = OutcomeCounts()
      }
      trainOne(order[progress.position])
      progress.position += 1
      done += 1
      report(.image(progress: progress))
      if progress.position == inputs.count { finishPass(clock: &clock, report: report) }
    }
    return true
  }

  mutating func finishPass(clock: inout ContinuousClock.Instant, report: (TrainingReport) -> Void) {
    let seconds = (progress.passSeconds ?? 0) + FirstSpike.seconds(ContinuousClock.now - clock)
    clock = .now
    progress.passSeconds = 0
    var record = PassRecord(pass: progress.passesDone + 1,
                            train: training.rule == .rstdp ? progress.passOutcomes : nil,
                            testAccuracy: nil, seconds: seconds)
    let last = progress.passesDone + 1 == progress.passes
    if training.rule == .rstdp, let testInputs, evaluateEvery > 0,
       last || (progress.passesDone + 1) % evaluateEvery == 0 {
      let accuracy = network.evaluateTop(layer: layer, inputs: testInputs, labels: testLabels).accuracy
      record.testAccuracy = accuracy
      if progress.bestTestAccuracy.map({ $0 <= accuracy }) ?? true {
        progress.bestTestAccuracy = accuracy
        progress.bestPass = record.pass
        bestWeights = network.weights[layer]
      }
    }
    progress.history.append(record)
    progress.passesDone += 1
    progress.position = 0
    progress.seconds += seconds
    report(.pass(record, progress: progress))
  }

  mutating func trainOne(_ index: Int) {
    train(pooledInput: inputs.wave(index), label: labels[index])
  }

  /// One training step on one image, given the pooled input of the layer.
  public mutating func train(pooledInput: SpikeWave, label: Int) {
    let spec = network.spec.layers[layer]
    var input = pooledInput
    if training.inhibitInput { InputInhibition.apply(to: &input) }
    if training.inputDropout > 0 { dropInputSpikes(&input) }
    let padded = input.padded(spec.inputPadding)
    if training.rule == .stdp && training.pointwiseInhibition, let θ = spec.threshold, θ >= 0 {
      // Inhibition and k-WTA decided while the potentials are built (stops once certain).
      let winners = convolveInhibitedWinners(padded, network.weights[layer], threshold: θ, winners: training.winners,
                                             radius: training.inhibitionRadius, into: &output, events: &events,
                                             exact: exact(padded))
      stdpUpdate(padded, winners: winners)
      progress.weightsMayBeOutOfBounds = stdp.weightsMayBeOutOfBounds
      return
    }
    // STDP, inhibition and k-WTA read spike times and potentials at the spike only.
    convolve(padded, network.weights[layer], threshold: spec.threshold, into: &output, events: &events,
             finalPotential: false)
    switch training.rule {
    case .stdp: stdpStep(padded)
    case .rstdp: rewardStep(padded, label: label)
    }
    progress.weightsMayBeOutOfBounds = stdp.weightsMayBeOutOfBounds
  }

  /// Exact re-comparison of this layer's near-tied potentials on the padded input. Built per
  /// call as a temporary, so no reference to the weights outlives the comparison and STDP
  /// updates them in place.
  func exact(_ padded: SpikeWave) -> ExactPotentials {
    ExactPotentials(input: padded, weights: network.weights[layer], onlyEqual: network.spec.layers[layer].threshold == nil)
  }

  /// Removes each input spike with probability `inputDropout`, drawing from the stage's
  /// generator (saved in the checkpoint, so a resumed run draws the same).
  mutating func dropInputSpikes(_ input: inout SpikeWave) {
    let p = Double(training.inputDropout)
    var g = progress.generator
    input.times.withUnsafeMutableBufferPointer { b in
      for i in b.indices where b[i] != SpikeWave.never {
        if g.nextUniform() < p { b[i] = SpikeWave.never }
      }
    }
    progress.generator = g
  }

  /// Pointwise inhibition → k-WTA → STDP, with the every-`doubleEvery`-images rate schedule
  /// (applied before that image's update, as SpykeTorch's `spk_cnt` counter does).
  mutating func stdpStep(_ padded: SpikeWave) {
    if training.pointwiseInhibition { output.inhibitPointwise(exact: exact(padded)) }
    stdpUpdate(padded, winners: output.kWinners(training.winners, radius: training.inhibitionRadius, exact: exact(padded)))
  }

  /// The rate schedule, then STDP on `winners` (their spike times are in `output`).
  mutating func stdpUpdate(_ padded: SpikeWave, winners: [Winner]) {
    progress.imagesSeen += 1
    RateSchedule(every: training.doubleEvery, maxLTP: training.maxLTP, ltdRatio: training.ltdRatio)
      .update(&progress.rates, imagesSeen: progress.imagesSeen)
    let times = winners.map { output.spikeTime[output.slot($0.feature, $0.row, $0.column)] }
    stdp.apply(to: &network.weights[layer], input: padded, winners: winners, outputTimes: times, rates: progress.rates)
  }

  /// The best neuron of class `label` (the decision restricted to that class's features and
  /// to the features not dropped) gets reward STDP, with the reward rates scaled by the
  /// punishment's adaptive factor. It is chosen from this image's output, computed before the
  /// punishment changed the winner's kernel (the output is not recomputed).
  mutating func rewardCorrectClass(_ padded: SpikeWave, label: Int) {
    guard case .decision(let perClass) = network.spec.readout else { return }
    let features = network.spec.layers[layer].outChannels
    let others = (0..<features).map { f in f / perClass != label || (dropped?[f] ?? false) }
    guard let best = network.decide(output, dropped: others, exact: exact(padded)) else { return }
    let t = output.spikeTime[output.slot(best.winner.feature, best.winner.row, best.winner.column)]
    let rate = RewardModulatedSTDP.correctClassRates(initialReward: initialRates, initialPunish: initialPunish,
                                                     currentPunish: progress.punishRates[best.winner.feature])
    let rates = [RatePair](repeating: rate, count: progress.rates.count)
    stdp.apply(to: &network.weights[layer], input: padded, winners: [best.winner], outputTimes: [t], rates: rates)
  }

  /// Decision → reward (STDP) or punishment (anti-STDP); adaptive rates after each batch.
  mutating func rewardStep(_ padded: SpikeWave, label: Int) {
    if training.dropout > 0 && training.dropoutPerImage { dropped = drawDropped(&progress.generator) }
    let decision = network.decide(output, dropped: dropped, exact: exact(padded))
    progress.imagesSeen += 1
    if let d = decision {
      let t = output.spikeTime[output.slot(d.winner.feature, d.winner.row, d.winner.column)]
      let correct = d.label == label
      progress.batch.record(correct ? .correct : .wrong)
      progress.passOutcomes.record(correct ? .correct : .wrong)
      stdp.apply(to: &network.weights[layer], input: padded, winners: [d.winner], outputTimes: [t],
                 rates: RewardModulatedSTDP.rates(correct: correct, reward: progress.rates, punish: progress.punishRates))
      if !correct && training.rewardCorrectOnError { rewardCorrectClass(padded, label: label) }
    } else {
      progress.batch.record(.silent)
      progress.passOutcomes.record(.silent)
    }
    let size = training.adaptiveBatch
    if size > 0 && (progress.batch.total == size || progress.position + 1 == inputs.count) {
      let decay = pow(training.passDecay, Float(progress.passesDone))  // exactly 1 without decay
      let adapted = RewardModulatedSTDP.adaptiveRates(
        initialReward: initialRates, initialPunish: initialPunish, batch: progress.batch,
        minimum: training.adaptiveMin, range: training.adaptiveRange, decay: decay)
      for f in progress.rates.indices {
        progress.rates[f] = adapted.reward
        progress.punishRates[f] = adapted.punish
      }
      progress.batch = OutcomeCounts()
    }
  }
}

/// What a trainer tells its caller as it goes.
public enum TrainingReport: Sendable {
  case image(progress: StageProgress)
  case pass(PassRecord, progress: StageProgress)
}
