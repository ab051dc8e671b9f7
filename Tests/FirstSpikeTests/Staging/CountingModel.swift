import FirstSpike
import FirstSpikeTestSupport
import Foundation

/// A minimal third model kind for the runner's tests: stage 1 "learns" by summing image
/// indices over passes (resumable at any image), stage 2 is one step that records the sum.
/// Its checkpoint is one JSON blob. It shows that a kind needs nothing but ``Model``.
struct CountingModel: Model {
  struct State: Codable, Equatable {
    var sum = 0
    var position = 0
    var passesDone = 0
    var passes = 2
    var trainingImages = 0
    var started = false
    var total: Int?
  }

  static let kind = ModelKind(rawValue: "counting")
  var state = State()
  var data = DataRecord(kind: "synthetic", path: "-", classNames: ["a", "b"])
  var calibration: ScoreCalibration?
  var lastRun: TrainingRun?

  init() {}
  init(archive: CheckpointArchive) throws { state = try archive.decodeBlob(State.self, named: "state") }
  init(specJSON: Data, path: String, seed: UInt64, data: DataRecord) throws { self.data = data }
  func archive() throws -> CheckpointArchive {
    var a = CheckpointArchive()
    a.setBlob(try CheckpointBlob(name: ModelKind.blobName, json: Self.kind.rawValue))
    a.setBlob(try CheckpointBlob(name: "state", json: state))
    return a
  }

  var name: String { "counting" }
  var title: String { "counting model" }
  var specJSON: String { "{}" }
  var seed: UInt64 { 0 }
  var classNames: [String] { data.classNames }
  var inputWidth: Int { 2 }
  var inputHeight: Int { 2 }
  mutating func adopt(classNames: [String]) {}

  var stageCount: Int { 2 }
  var completedStages: Int { state.total != nil ? 2 : (state.started && state.passesDone >= state.passes ? 1 : 0) }
  func stageStatus(_ stage: Int) -> StageStatus? {
    if stage == 2 { return state.total.map { _ in StageStatus(trainingImages: state.trainingImages, finished: true, resumable: false, location: "-") } }
    guard state.started else { return nil }
    return StageStatus(trainingImages: state.trainingImages, finished: state.passesDone >= state.passes,
                       location: "pass \(state.passesDone + 1), image \(state.position)")
  }
  func stageSummary(_ stage: Int, passes: Int?) -> String { "stage \(stage)" }
  func stageUsesTestSet(_ stage: Int, options: StageOptions) -> Bool { false }
  mutating func restart(stage: Int) {
    if stage == 1 { state = State() }
  }
  func trainer(stage: Int, data: LabeledImages, test: LabeledImages?, options: StageOptions, resuming: Bool,
               report: (StageEvent) -> Void) throws -> Trainer {
    var s = state
    if stage == 1 && !resuming {
      s.started = true
      s.trainingImages = data.count
      s.passes = options.passes ?? 2
    }
    return Trainer(stage: stage, state: s)
  }

  var trainedImages: Int { state.passesDone * state.trainingImages + state.position }

  struct Trainer: StageTrainer {
    let stage: Int
    var state: State
    var imagesLeftInPass: Int { state.trainingImages - state.position }
    var savesWhenStopped: Bool { stage == 1 }
    mutating func run(maxImages: Int, shouldStop: () -> Bool, report: (StageEvent) -> Void) -> Bool {
      if stage == 2 {
        if shouldStop() { return false }
        state.total = state.sum
        return true
      }
      var done = 0
      while state.passesDone < state.passes {
        if done >= maxImages || shouldStop() { return false }
        state.sum += state.position
        state.position += 1
        done += 1
        if state.position == state.trainingImages {
          state.position = 0
          state.passesDone += 1
        }
      }
      return true
    }
    func store(in model: inout CountingModel) { model.state = state }
  }

  func inferenceProblem(checkpoint path: String) -> String? { nil }
  func evaluate(_ data: LabeledImages, firstIndex: Int, threads: Int) -> SingleSpikeEvaluation { fatalError("not used") }
  func classifier() -> any ImageClassifier { fatalError("not used") }
  func inspection() -> [String] { [] }
  func learningCurve() -> LearningCurveData? { nil }
  var featureLayers: [Int] { [] }
  func explain(_ image: GrayImage) throws -> ImageExplanation { throw DiagnosticsError("none") }
  func features(layer: Int?) throws -> FeatureSet { throw DiagnosticsError("none") }
  func benchmark(_ images: LabeledImages, options: BenchmarkOptions, source: String?, progress: (String) -> Void) -> BenchmarkReport {
    BenchmarkReport(text: "", rows: [])
  }

  /// `n` blank 2×2 images.
  static func images(_ n: Int) -> LabeledImages {
    LabeledImages(images: Array(repeating: GrayImage(width: 2, height: 2), count: n), labels: Array(repeating: 0, count: n),
                  classNames: ["a", "b"])
  }
}
