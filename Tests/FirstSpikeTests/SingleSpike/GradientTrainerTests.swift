import FirstSpikeTestSupport
import Foundation
import Testing
@testable import FirstSpike

/// The gradient stage's trainer: it learns, it is deterministic, the thread count does not
/// change its result, and a run saved mid-batch and resumed equals an uninterrupted one.
@Suite struct GradientTrainerTests {
  /// S4NN with 24 hidden neurons (the rest as the paper's).
  static func smallS4NN(batch: Int = 1, loss: SpikeTimeLoss? = nil) -> ModelSpec {
    var spec = ModelSpec.s4nn
    spec.layers[0].outChannels = 24
    spec.layers[1].inChannels = 24
    spec.layers[1].training.gradient!.batchSize = batch
    spec.layers[1].training.gradient!.validationFraction = 0.25
    if let loss { spec.layers[1].training.gradient!.loss = loss }
    return spec
  }

  static let data = LabeledImages(try! MNIST.load(directory: RepositoryPaths.mnist, split: .train, verifyChecksums: false)).prefix(64)

  static func trainer(_ spec: ModelSpec, passes: Int = 2, threads: Int = 1) -> GradientTrainer {
    let model = SingleSpikeModel(spec: spec, seed: 5, data: DataRecord(kind: "mnist", path: "", classNames: []))
    let network = Network(spec: spec, weights: model.weights)
    let inputs = WaveCache(count: data.count, shape: network.encoderShape, timeSteps: spec.encoder.timeSteps) {
      network.encode(data.images[$0], scratch: &$1)
    }
    var t = GradientTrainer(network: network, span: 0..<2, inputs: inputs, labels: data.labels, progress: nil, state: nil,
                            bestWeights: nil, passes: passes, seed: 5, stage: 1)
    t.threads = threads
    return t
  }

  /// Both losses, from weights where the outputs do not all fire with the first hidden
  /// spikes (output weights in [0, 10) instead of [0, 48)).
  @Test(arguments: [SpikeTimeLoss.relativeTargets(gamma: 3), .softmax(temperature: 4)])
  func repeatedStepsOnOneImageLowerItsLoss(loss: SpikeTimeLoss) {
    var spec = Self.smallS4NN(loss: loss)
    spec.layers[1].weightInit = .uniform(low: 0, high: 10)
    var g = SplitMix64(seed: 3)
    var network = Network(spec: spec, generator: &g)
    let input = network.encode(Self.data.images[0]), label = Self.data.labels[0]
    var pass = BackpropPass(layers: 2)
    let settings = spec.layers[1].training.gradient!
    func step() -> Float {
      let sizes = [network.weights[0].storage.count, network.weights[1].storage.count]
      var grads = [Float](repeating: 0, count: sizes[0] + sizes[1])
      let o = grads.withUnsafeMutableBufferPointer {
        pass.train(network, span: 0..<2, input: input, pooled: false, label: label, settings: settings,
                   rate: 0.2, gradients: $0.baseAddress!, offsets: [0, sizes[0]])
      }
      var none: AdamMoments? = nil
      settings.optimizer.update(&network.weights[0].storage, gradient: Array(grads[0..<sizes[0]]), rate: 0.2, step: 1,
                                weightDecay: 0, moments: &none)
      settings.optimizer.update(&network.weights[1].storage, gradient: Array(grads[sizes[0]...]), rate: 0.2, step: 1,
                                weightDecay: 0, moments: &none)
      return o.loss
    }
    let first = step()
    var last = first
    for _ in 0..<40 { last = step() }
    #expect(last < first, "loss \(first) → \(last)")
    pass.forward(network, span: 0..<2, input: input)
    #expect(network.decide(pass.outputs[1])?.label == label)
  }

  @Test func sameSeedSameWeightsAndAnyThreadCount() {
    var a = Self.trainer(Self.smallS4NN(batch: 4)), b = Self.trainer(Self.smallS4NN(batch: 4), threads: 3)
    let fa = a.run(), fb = b.run()
    #expect(fa && fb)
    #expect(a.network.weights == b.network.weights)
    #expect(a.saved.history.map(\.train) == b.saved.history.map(\.train))
    #expect(a.saved.history.map(\.loss) == b.saved.history.map(\.loss))
    #expect(a.gradient == b.gradient)
    var c = Self.trainer(Self.smallS4NN(batch: 4))
    _ = c.run()
    #expect(c.network.weights == a.network.weights)
    #expect(a.network.weights != Self.trainer(Self.smallS4NN(batch: 4)).network.weights, "training changed nothing")
  }

  /// `spec` trained for 2 passes uninterrupted, and again stopped after `polls` images, stored
  /// into a model, written and read back as a checkpoint archive and resumed from what the
  /// archive holds (weights, progress, optimiser state, best-pass weights), as
  /// `GradientStageTrainer` resumes: the uninterrupted, the stopped and the resumed trainer,
  /// the first and last run to the end.
  static func stoppedAndResumed(_ spec: ModelSpec, after polls: Int) throws
    -> (whole: GradientTrainer, stopped: GradientTrainer, resumed: GradientTrainer)
  {
    var whole = trainer(spec)
    let finished = whole.run()
    #expect(finished)
    var stopped = trainer(spec)
    var seen = 0
    let done = stopped.run(shouldStop: { seen += 1; return seen > polls })
    #expect(!done)
    var model = SingleSpikeModel(spec: spec, seed: 5, data: DataRecord(kind: "mnist", path: "", classNames: []))
    let saved = GradientStageTrainerBox.store(stopped, into: &model)
    let reloaded = try SingleSpikeModel(archive: CheckpointArchive(decoding: saved.archive().encoded()))
    let best = (0..<2).allSatisfy { reloaded.bestWeights[$0] != nil } ? (0..<2).map { reloaded.bestWeights[$0]! } : nil
    var resumed = GradientTrainer(network: Network(spec: spec, weights: reloaded.weights), span: 0..<2,
                                  inputs: stopped.inputs, labels: stopped.labels, progress: reloaded.training[stage: 1],
                                  state: reloaded.gradientState, bestWeights: best, passes: 2, seed: 5, stage: 1)
    let resumedDone = resumed.run()
    #expect(resumedDone)
    return (whole, stopped, resumed)
  }

  /// Stopped mid-batch (Adam moments and the partial batch sum saved through a checkpoint
  /// archive), reloaded and resumed: the same weights, moments and records as without a stop.
  @Test func resumedMidBatchEqualsUninterrupted() throws {
    var spec = Self.smallS4NN(batch: 5, loss: .softmax(temperature: 4))
    spec.layers[1].training.gradient!.optimizer = .adam(rate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
    spec.layers[1].training.gradient!.shift = 1
    spec.layers[1].training.shuffle = true
    let (whole, stopped, resumed) = try Self.stoppedAndResumed(spec, after: 32)  // pass 1, image 32: batch 7, 2 of 5 images in
    #expect(stopped.gradient.batchFill == 2)
    #expect(resumed.network.weights == whole.network.weights)
    #expect(resumed.state == whole.state)
    #expect(resumed.saved.history.map(\.train) == whole.saved.history.map(\.train))
  }

  /// The s4nn preset's own settings (SGD, one image per update, S4NN's update order, the
  /// dead-neuron reset at the pass end) stopped in pass 2, saved, reloaded and resumed.
  @Test func s4nnSettingsResumedEqualUninterrupted() throws {
    let spec = Self.smallS4NN()
    #expect(spec.layers[1].training.gradient!.backpropagateUpdatedWeights)
    let (whole, stopped, resumed) = try Self.stoppedAndResumed(spec, after: 60)  // 48 images a pass: pass 2, image 12
    #expect(stopped.progress.passesDone == 1)
    #expect(resumed.network.weights == whole.network.weights)
    #expect(resumed.bestWeights == whole.bestWeights)
    #expect(resumed.saved.history.map(\.validationAccuracy) == whole.saved.history.map(\.validationAccuracy))
    #expect(resumed.saved.history.map(\.train) == whole.saved.history.map(\.train))
  }
}

/// What ``GradientStageTrainer/store(in:)`` writes, for a bare trainer.
enum GradientStageTrainerBox {
  static func store(_ t: GradientTrainer, into model: inout SingleSpikeModel) -> SingleSpikeModel {
    for l in t.span { model.weights[l] = t.network.weights[l] }
    model.training[stage: 1] = t.saved
    var state = t.state
    if t.gradient.batchFill == 0 { state.accumulated = [] }
    model.gradientState = state
    return model
  }
}
