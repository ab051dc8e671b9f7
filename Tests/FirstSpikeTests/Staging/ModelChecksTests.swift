import FirstSpike
import FirstSpikeTestSupport
import Foundation
import Testing

/// The checks every kind gets through ``Model``: untrained stages, data that does not fit,
/// and what training records (the data profile) and clears (the calibration).
@Suite struct ModelChecksTests {
  @Test func untrainedStagesAreNamed() throws {
    var m = CountingModel()
    #expect(m.untrainedStageProblem?.hasPrefix("stage 1 of 2 (stage 1) has never been trained") == true)
    #expect(try StageRunner.train(&m, stage: 1, data: CountingModel.images(4), test: nil, path: temporaryPath("c.fspk"),
                                  resume: false, options: StageOptions(passes: 1), shouldStop: { false }, report: { _ in }))
    #expect(m.untrainedStageProblem?.hasPrefix("stage 2 of 2") == true)
    let mozafari = SingleSpikeModel(spec: TinyModels.mozafari, seed: 0, data: DataRecord(kind: "mnist", path: "-", classNames: []))
    #expect(mozafari.untrainedStageProblem?.hasPrefix("stage 1 of 3 (layer 1 (6→12, k 5), STDP") == true)
  }

  /// The runner measures the training images once (first stage) and forgets a calibration
  /// whenever weights change.
  @Test func trainingRecordsTheProfileAndClearsTheCalibration() throws {
    var m = CountingModel()
    m.calibration = ScoreCalibration.fit(scores: [[1, 0], [0, 1]], labels: [0, 1], fittedOn: "x")
    #expect(try StageRunner.train(&m, stage: 1, data: CountingModel.images(4), test: nil, path: temporaryPath("c.fspk"),
                                  resume: false, options: StageOptions(passes: 1), shouldStop: { false }, report: { _ in }))
    #expect(m.calibration == nil)
    let profile = try #require(m.data.profile)
    #expect(profile.width == 2 && profile.height == 2 && profile.images == 4)
  }

  @Test func dataOfOtherClassesOrSizesIsNamed() {
    let m = CountingModel()  // classes a, b; 2×2 input
    #expect(m.dataMismatch(CountingModel.images(3), path: "d") == nil)
    let other = LabeledImages(images: [GrayImage(width: 2, height: 2)], labels: [0], classNames: ["cup", "dog"])
    #expect(m.dataMismatch(other, path: "d") == "d has classes cup, dog, but the model was trained on a, b")
    let big = LabeledImages(images: [GrayImage(width: 3, height: 3)], labels: [0], classNames: ["a", "b"])
    #expect(m.dataMismatch(big, path: "d") == "d holds 3×3 images, but the model was trained on 2×2 images")
  }

  /// A decision layer must have exactly classes × featuresPerClass channels.
  @Test func decisionLayerMustMatchTheClasses() {
    var spec = TinyModels.mozafari  // 40 channels, 4 per class, 10 classes
    #expect(spec.readoutProblem == nil)
    spec.layers[2].outChannels = 60
    #expect(spec.readoutProblem?.hasPrefix("the decision layer (layer 3) has 60 channels, but 10 classes × 4 features per class need exactly 40") == true)
    spec.classNames = []
    #expect(spec.readoutProblem == nil)
  }
}
