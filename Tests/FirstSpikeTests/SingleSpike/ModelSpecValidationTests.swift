import FirstSpikeTestSupport
import Foundation
import Testing

@testable import FirstSpike

/// One validation pass for every spec, wherever it comes from: each absurd spec of the issue
/// (and more) is refused with the JSON path of the setting and the value found, before any
/// weight is allocated; every built-in is valid.
@Suite struct ModelSpecValidationTests {
  /// A spec change and the problem it must give.
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var path: String
    var message: String
    var edit: @Sendable (inout ModelSpec) -> Void
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(name: "negative input padding", path: "layers[0].inputPadding", message: "must be in 0...4096, got -1") { $0.layers[0].inputPadding = -1 },
    Case(name: "kernel 0", path: "layers[0].kernel", message: "must be ≥ 1, got 0") { $0.layers[0].kernel = 0 },
    Case(name: "negative kernel", path: "layers[1].kernel", message: "must be ≥ 1, got -3") { $0.layers[1].kernel = -3 },
    Case(name: "kernel 10 000", path: "layers[0].kernel", message: "the 28×28 input padded by 2 is smaller than the 10000×10000 kernel: no output position") { $0.layers[0].kernel = 10_000 },
    Case(name: "timeSteps 0", path: "encoder.timeSteps", message: "must be in 1...254, got 0") { $0.encoder.timeSteps = 0 },
    Case(name: "timeSteps 300", path: "encoder.timeSteps", message: "must be in 1...254, got 300") { $0.encoder.timeSteps = 300 },
    Case(name: "input width 0", path: "inputWidth", message: "must be in 1...4096, got 0") { $0.inputWidth = 0 },
    Case(name: "no encoder kernels", path: "encoder.kernels", message: "must hold at least one filter") { $0.encoder.kernels = [] },
    Case(name: "even filter size", path: "encoder.kernels[1].dog.size", message: "must be odd (the filter has a centre), got 4") { $0.encoder.kernels[1] = .dog(size: 4, sigma1: 1, sigma2: 2) },
    Case(name: "degenerate DoG", path: "encoder.kernels[0].dog", message: "the filter is degenerate: constant after removing its mean") { $0.encoder.kernels[0] = .dog(size: 3, sigma1: 1, sigma2: 1) },
    Case(name: "zero sigma", path: "encoder.kernels[0].dog.sigma2", message: "must be > 0, got 0.0") { $0.encoder.kernels[0] = .dog(size: 3, sigma1: 1, sigma2: 0) },
    Case(name: "no layers", path: "layers", message: "must hold at least one layer") { $0.layers = [] },
    Case(name: "channel chain", path: "layers[1].inChannels", message: "must equal the 12 channels of layers[0]'s output, got 30") { $0.layers[1].inChannels = 30 },
    Case(name: "first layer channels", path: "layers[0].inChannels", message: "must equal the 6 channels of the encoder's output, got 2") { $0.layers[0].inChannels = 2 },
    Case(name: "outChannels 1e9", path: "layers[0].outChannels", message: "must be in 1...65536, got 1000000000") { $0.layers[0].outChannels = 1_000_000_000 },
    Case(name: "passes 0", path: "layers[2].training.passes", message: "must be in 1...1000000, got 0") { $0.layers[2].training.passes = 0 },
    Case(name: "winners 0", path: "layers[0].training.winners", message: "must be in 1...12, got 0") { $0.layers[0].training.winners = 0 },
    Case(name: "dropout 2.0", path: "layers[2].training.dropout", message: "must be a probability in [0, 1], got 2.0") { $0.layers[2].training.dropout = 2 },
    Case(name: "input dropout -0.1", path: "layers[2].training.inputDropout", message: "must be a probability in [0, 1], got -0.1") { $0.layers[2].training.inputDropout = -0.1 },
    Case(name: "bounds reversed", path: "layers[2].training.lowerBound", message: "must be below upperBound (0.2), got 0.8") {
      $0.layers[2].training.lowerBound = 0.8
      $0.layers[2].training.upperBound = 0.2
    },
    Case(name: "NaN rate", path: "layers[0].training.ltp", message: "must be a finite number, got nan") { $0.layers[0].training.ltp = .nan },
    Case(name: "infinite threshold", path: "layers[1].threshold", message: "must be a finite number, got inf") { $0.layers[1].threshold = .infinity },
    Case(name: "negative weight std", path: "layers[0].weightStd", message: "must be ≥ 0, got -1.0") { $0.layers[0].weightStd = -1 },
    Case(name: "featuresPerClass 0", path: "readout.decision.featuresPerClass", message: "must be in 1...65536, got 0") { $0.readout = .decision(featuresPerClass: 0) },
    Case(name: "decision channels", path: "layers[2].outChannels", message: "must be classes × featuresPerClass = 10 × 4 = 40 for the decision readout, got 39") { $0.layers[2].outChannels = 39 },
    Case(name: "R-STDP below the top", path: "layers[0].training.rule", message: "R-STDP trains the decision layer: only the last layer of a model with a decision readout") { $0.layers[0].training.rule = .rstdp },
    Case(name: "pool window larger than input", path: "layers[1].inputPool.size", message: "layers[0]'s output (28×28, padded by 0) is smaller than the 40×40 window: no output position") { $0.layers[1].inputPool = PoolSpec(size: 40, stride: 1) },
    Case(name: "pool stride 0", path: "layers[1].inputPool.stride", message: "must be in 1...4096, got 0") { $0.layers[1].inputPool = PoolSpec(size: 2, stride: 0) },
    Case(name: "negative encoder padding", path: "encoder.padding", message: "must be in 0...4096, got -7") { $0.encoder.padding = -7 },
    Case(name: "lateral inhibition NaN", path: "encoder.lateralInhibition[1]", message: "must be a finite number, got nan") { $0.encoder.lateralInhibition = [0.1, .nan] },
  ]

  @Test(arguments: cases) func absurdSpecIsRefusedWithItsPath(_ c: Case) {
    var spec = TinyModels.mozafari
    c.edit(&spec)
    #expect(spec.problem == SpecProblem(c.path, c.message), "\(c.name): \(spec.problem.map(String.init(describing:)) ?? "accepted")")
  }

  @Test func builtInsAndTinyModelsAreValid() {
    for spec in [ModelSpec.mozafari2019, .mozafari2019Paper, .kheradpisheh2018, .shallowRSTDP, TinyModels.mozafari, TinyModels.kheradpisheh] {
      #expect(spec.problem == nil, "\(spec.name): \(String(describing: spec.problem))")
    }
    #expect(DiehlCook2015Spec.diehlCook2015(neurons: 400).problem == nil)
  }

  /// A spec file, a checkpoint's spec blob and a built-in with `--set` all go through the same
  /// pass, and each error names its source.
  @Test func everyEntryNamesItsSource() throws {
    var bad = TinyModels.mozafari
    bad.layers[0].inputPadding = -1
    let file = temporaryPath("m.json")
    try JSONEncoder().encode(bad).write(to: URL(fileURLWithPath: file))
    let record = DataRecord(kind: "mnist", path: "datasets/mnist", classNames: MNIST.classNames)
    #expect(throws: SpecError(source: file, problem: SpecProblem("layers[0].inputPadding", "must be in 0...4096, got -1"))) {
      _ = try ModelRegistry.newModel(specFile: file, seed: 1, data: record)
    }
    let checkpoint = temporaryPath("m.fspk")
    var archive = try SingleSpikeModel(spec: TinyModels.mozafari, seed: 1, data: record).archive()
    archive.setBlob(try CheckpointBlob(name: "spec", json: bad))
    try archive.write(to: checkpoint)
    #expect(throws: CheckpointError.invalidBlob(path: checkpoint, name: "spec", reason: "layers[0].inputPadding: must be in 0...4096, got -1")) {
      _ = try ModelRegistry.load(path: checkpoint)
    }
    let builtIn = try #require(ModelRegistry.builtIn("mozafari2019"))
    let set = try #require(SpecOverride(assignment: "layers[0].kernel=0"))
    #expect(throws: SpecError(source: "mozafari2019 with --set layers[0].kernel=0", problem: SpecProblem("layers[0].kernel", "must be ≥ 1, got 0"))) {
      _ = try builtIn.make(.improved, [set], 1, record)
    }
    let rate = try #require(ModelRegistry.builtIn("diehlcook2015"))
    let neurons = SpecOverride(path: "neurons", value: "0", option: "--neurons 0")
    #expect(throws: SpecError(source: "diehlcook2015 with --neurons 0", problem: SpecProblem("neurons", "must be in 1...1048576, got 0"))) {
      _ = try rate.make(.improved, [neurons], 1, record)
    }
  }

  /// Validation costs nothing like a model: the 24 GB spec of the issue is refused at once.
  @Test func absurdSizesAreRefusedBeforeAllocating() {
    var spec = ModelSpec.mozafari2019
    spec.layers[1].outChannels = 60_000
    spec.layers[2].inChannels = 60_000
    #expect(spec.problem?.path == "layers[2]")
    #expect(spec.problem?.message.hasPrefix("the model needs about 6.") == true, "\(String(describing: spec.problem))")
    #expect(spec.problem?.message.hasSuffix("GiB of weights and buffers, over the limit of 4.0 GiB") == true)
    #expect(spec.memoryEstimate.total > ModelSpec.maxMemoryBytes)
  }
  /// An average-pooled layer runs s²-times larger tied weights (`Layers/AveragePooling.swift`):
  /// the estimate counts them, so a spec whose tied weights alone pass 4 GiB is refused although
  /// its own weights (0.2 GB) are small.
  @Test func tiedWeightsOfAveragePoolingCountInTheEstimate() {
    var spec = ModelSpec.ttfsCNN
    spec.layers[0].outChannels = 1024
    spec.layers[1].inChannels = 1024
    spec.layers[1].outChannels = 2048
    spec.layers[1].inputPool = PoolSpec(size: 4, stride: 4, mode: .average)
    spec.layers[2].inputPool = nil
    spec.layers[2].inChannels = 2048
    spec.layers[2].kernel = 1
    let own = 4 * 5 * 5 * 2048 * 1024, tied = own * 16
    #expect(own * 5 < ModelSpec.maxMemoryBytes / 2 && tied < ModelSpec.maxMemoryBytes)
    #expect(spec.memoryEstimate.total >= 2 * tied)
    #expect(spec.problem?.path == "layers[1]", "\(String(describing: spec.problem))")
    #expect(spec.problem?.message.hasPrefix("the model needs about") == true)
  }
}
