/// A rate-coded model (Diehl & Cook 2015) and everything its training has produced so far:
/// the network's state (input weights, adaptive thresholds θ), the training record, and the
/// neuron labels once stage 2 ran. Enough to continue stage 1 bit-identically where it stopped.
///
/// Stored in the same ``CheckpointArchive`` container as ``SingleSpikeModel`` (see
/// `docs/checkpoint-format.md`, "Rate-coded contents"): blob `kind` = `"rate-coded"`, JSON
/// blobs `rate-spec` (``DiehlCook2015Spec``), `rate-training` (``RateCodedTrainingRecord``),
/// `assignment` (``NeuronAssignment``, after stage 2), float32 tensors `exc.weight`
/// `[inputs, neurons]` (input-major, as ``DiehlCook2015/weights``) and `exc.theta` `[neurons]`.
/// Archive I/O is in `RateCodedModel+Archive.swift`, training in `+Training.swift`.
public struct RateCodedModel: Sendable, Equatable {
  /// The model name of ``DiehlCook2015Spec/diehlCook2015(neurons:)``.
  public static let modelName = "diehlcook2015"
  /// Stage 1: unsupervised STDP; stage 2: label assignment.
  public static let stageCount = 2

  public var model: DiehlCook2015
  public var training: RateCodedTrainingRecord
  /// Neuron labels (stage 2), nil before.
  public var assignment: NeuronAssignment?

  /// A new, untrained model: weights drawn from `seed` (see ``initialModel(spec:seed:)``).
  public init(spec: DiehlCook2015Spec, name: String = modelName, seed: UInt64, data: DataRecord) {
    self.model = Self.initialModel(spec: spec, seed: seed)
    self.training = RateCodedTrainingRecord(model: name, seed: seed, data: data)
  }

  public init(model: DiehlCook2015, training: RateCodedTrainingRecord, assignment: NeuronAssignment? = nil) {
    self.model = model
    self.training = training
    self.assignment = assignment
  }

  /// The untrained network of `seed`: weights `initialWeight · U[0, 1)` from `SplitMix64(seed)`.
  public static func initialModel(spec: DiehlCook2015Spec, seed: UInt64) -> DiehlCook2015 {
    var g = SplitMix64(seed: seed)
    return DiehlCook2015(spec: spec, generator: &g)
  }

  public var spec: DiehlCook2015Spec { model.spec }

  /// Stages trained to completion, counting from stage 1.
  public var completedStages: Int {
    guard training.stage1?.finished == true else { return 0 }
    return assignment != nil && training.stage2 != nil ? 2 : 1
  }

  /// Seed of the encoder generators of the labelling images (stage 2); image `k` uses
  /// ``DiehlCook2015/imageGenerator(seed:index:)`` with index `k`.
  public var labellingSeed: UInt64 { training.seed ^ 0x5851_F42D_4C95_7F2D }
  /// Seed of the encoder generators of evaluated and classified images.
  public var evaluationSeed: UInt64 { training.seed ^ 0x1405_7B7E_F767_814F }

  /// Side of the square input image, `√inputs` (checked on load).
  public var inputSide: Int { Int(Double(spec.inputs).squareRoot().rounded()) }

  /// `images` as network inputs: resized (bilinear) to `inputSide × inputSide` where they are
  /// of another size.
  public func inputImages(_ images: [GrayImage]) -> [GrayImage] {
    let side = inputSide
    return images.map { $0.width == side && $0.height == side ? $0 : $0.resized(width: side, height: side) }
  }

  /// Test accuracy and activity of both classifiers on `data` (learning off, θ fixed, in
  /// parallel; image `k` encoded from `(evaluationSeed, firstIndex + k)`, so the figures do
  /// not depend on the thread count, nor on the split being evaluated in shards).
  public func evaluate(_ data: LabeledImages, assignment: NeuronAssignment, firstIndex: Int = 0,
                       threads: Int = defaultThreadCount) -> DiehlCook2015Evaluation {
    let inputs = LabeledImages(images: inputImages(data.images), labels: data.labels, classNames: data.classNames)
    return model.evaluate(inputs, assignment: assignment, seed: evaluationSeed, firstIndex: firstIndex, threads: threads)
  }

  /// The proportion-weighting decision on one image (any size; resized to the input side).
  /// Every image is encoded from the same generator, `(evaluationSeed, 0)`, so an image's
  /// result does not depend on the other images classified with it.
  public func classify(_ image: GrayImage, assignment: NeuronAssignment) -> RateCodedClassification {
    var g = DiehlCook2015.imageGenerator(seed: evaluationSeed, index: 0)
    let response = model.respond(to: inputImages([image])[0].pixels, generator: &g)
    let counts = response.excitatory.spikeCounts()
    return RateCodedClassification(scores: assignment.proportionWeightingScores(counts),
                                   spikes: response.excitatory.spikeCount)
  }
}
