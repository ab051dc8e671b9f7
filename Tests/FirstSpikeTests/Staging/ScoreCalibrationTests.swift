import FirstSpikeTestSupport
import Foundation
import Testing

@testable import FirstSpike

@Suite struct ScoreCalibrationTests {
  @Test func softmaxIsAProbabilityAndKeepsTheOrder() {
    let s = [3.0, -1.0, 7.5, 7.5, 0]
    for t in [0.01, 1, 40] {
      let p = ScoreCalibration.softmax(s, temperature: t)
      #expect(abs(p.reduce(0, +) - 1) < 1e-12 && p.allSatisfy { $0 >= 0 })
      #expect(p[2] == p[3] && p[2] >= p[0] && p[0] >= p[4] && p[4] >= p[1])
      let shifted = ScoreCalibration.softmax(s.map { $0 + 1000 }, temperature: t)
      #expect(zip(p, shifted).allSatisfy { abs($0 - $1) < 1e-12 })
    }
    #expect(ScoreCalibration.softmax([0, 0, 0, 0], temperature: 2) == [0.25, 0.25, 0.25, 0.25])
  }

  /// Labels drawn from softmax(z / 2.5) of known scores: the fit recovers the temperature,
  /// and the fitted probabilities are calibrated on those images.
  @Test func fitRecoversAKnownTemperature() {
    var g = SplitMix64(seed: 5)
    var scores: [[Double]] = [], labels: [Int] = []
    for _ in 0..<6000 {
      let z = (0..<10).map { _ in 6 * g.nextUniform() }
      let p = ScoreCalibration.softmax(z, temperature: 2.5)
      var u = g.nextUniform(), k = 0
      while k < 9 && u > p[k] { u -= p[k]; k += 1 }
      scores.append(z)
      labels.append(k)
    }
    let fit = ScoreCalibration.fit(scores: scores, labels: labels, fittedOn: "synthetic")
    #expect(abs(fit.temperature - 2.5) < 0.2, "\(fit.temperature)")
    #expect(fit.calibrationError < 0.03 && abs(fit.accuracy - fit.meanConfidence) < 0.03, "\(fit.summary)")
    let worse = ScoreCalibration.negativeLogLikelihood(scores, labels: labels, temperature: 1)
    #expect(fit.negativeLogLikelihood < worse)
  }

  /// Unseen training images when enough are left after the trained ones; otherwise shifted
  /// views of the first ones (seeded, labels kept).
  @Test func calibrationImagesAreHeldOut() {
    let images = (0..<3000).map { i in GrayImage(width: 4, height: 4, pixels: (0..<16).map { UInt8(($0 * 7 + i) % 256) }) }
    let split = LabeledImages(images: images, labels: (0..<3000).map { $0 % 3 }, classNames: ["a", "b", "c"])
    let unseen = CalibrationImages.select(from: split, used: 1500, count: 800, seed: 0)
    #expect(unseen.images.images == Array(images[1500..<2300]) && unseen.description.contains("held-out"))
    let shifted = CalibrationImages.select(from: split, used: 2500, count: 800, seed: 0)
    #expect(shifted.images.count == 800 && shifted.images.labels == Array(split.labels[0..<800]))
    #expect(zip(shifted.images.images, images).allSatisfy { $0 != $1 } && shifted.description.contains("shifted"))
    #expect(CalibrationImages.select(from: split, used: 2500, count: 800, seed: 0).images.images == shifted.images.images)
    #expect(CalibrationImages.select(from: split, used: 40, count: 5000, seed: 0).images.count == 500)
  }

  /// A gradient stage's validation images were never trained on: calibration fits on them, as
  /// long as the stage trained on this very split; an untrained stage or another split falls
  /// back to ``CalibrationImages/select(from:used:count:seed:)``.
  @Test func gradientModelsCalibrateOnTheirValidationImages() {
    let n = 24_000
    let images = (0..<n).map { i in GrayImage(width: 4, height: 4, pixels: (0..<16).map { UInt8(($0 * 7 + i) % 256) }) }
    let split = LabeledImages(images: images, labels: (0..<n).map { $0 % 10 }, classNames: (0..<10).map(String.init))
    var model = SingleSpikeModel(spec: .s4nn, seed: 1, data: DataRecord(kind: "mnist", path: "", classNames: []))
    #expect(model.heldOutTrainingImages(of: n) == nil)
    model.training[stage: 1] = StageProgress(stage: 1, trainingImages: n, passes: 1, features: 10,
                                             training: ModelSpec.s4nn.layers[1].training, seed: 1)
    let held = validationSplit(n, fraction: 1.0 / 12).validation
    #expect(held.count == 2000)
    let chosen = model.calibrationImages(from: split, count: 5000)
    #expect(chosen.images.images == held.map { images[$0] } && chosen.images.labels == held.map { $0 % 10 })
    #expect(chosen.description == "2000 validation images held out of the labelled stages")
    #expect(model.calibrationImages(from: split, count: 500).images.count == 500)
    #expect(model.heldOutTrainingImages(of: n - 1) == nil)
    #expect(model.calibrationImages(from: split.prefix(n - 1), count: 800).description.contains("shifted"))
  }

  /// Every kind's class scores pick the class it decides (decision readout, SVM readout,
  /// proportion weighting), on shipped checkpoints and real test digits.
  @Test(arguments: ["mozafari2019", "kheradpisheh2018", "diehlcook2015-n100"])
  func classScoresAgreeWithTheDecision(name: String) throws {
    let model = try ModelRegistry.load(path: RepositoryPaths.checkpoints + "/\(name).fspk")
    let test = try MNIST.load(directory: RepositoryPaths.mnist, split: .test, verifyChecksums: false)
    let classifier = model.classifier()
    for i in 0..<12 {
      let d = classifier.classify(test.image(i))
      #expect(d.scores.count == 10)
      guard let label = d.label else { continue }
      #expect(d.scores.allSatisfy { $0 <= d.scores[label] }, "\(name) image \(i): \(d.scores)")
    }
  }
}
