import ArgumentParser
import FirstSpike
import Foundation

/// `firstspike calibrate`: fits a checkpoint's probability calibration (and records what its
/// training images look like, for checkpoints that predate it).
struct CalibrateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "calibrate",
    abstract: "Fit the probabilities `classify` reports on held-out training images; record the training images' look.",
    discussion: """
      Runs the trained model on held-out training images and fits the temperature of a \
      softmax over its class scores (maximum likelihood), so that a probability means the \
      same for every model kind. Held-out: the validation images a gradient or validated \
      R-STDP stage held out, when there are at least 1000; else the training images after \
      the ones any stage trained on, when at least 1000 are left; otherwise the first 5000 training images, \
      each shifted by one pixel (views the network never saw). The weights are not touched, \
      so accuracies stay exactly as they were. A checkpoint without a training-data profile \
      (what classify normalises images to) gets one, measured on the training split. \
      `train` does both by itself when a model's last stage finishes.

      Examples:
        firstspike calibrate --checkpoint m.fspk
        firstspike calibrate --checkpoint m.fspk --check
      """)

  @OptionGroup var checkpointOption: CheckpointOption
  @OptionGroup var dataOptions: DataOptions
  @Flag(help: "Also report how well the probabilities match the accuracy on the test split (not used for fitting).")
  var check = false
  @OptionGroup var threadsOption: ThreadsOption

  func run() throws {
    let path = checkpointOption.checkpoint
    var model = try ModelRegistry.load(path: path)
    if let problem = model.inferenceProblem(checkpoint: path) ?? model.untrainedStageProblem {
      throw FileProblem(path: path, reason: problem)
    }
    let (split, loaded, note) = try dataOptions.load(.train, record: model.data, limit: nil, for: model, checkpoint: path)
    if model.data.identity == nil && loaded.path == model.data.path { model.data.identity = loaded.identity }
    print("data: \(note)")
    let hadProfile = model.data.profile != nil
    let fitted = model.calibrate(trainingSplit: split, threads: threadsOption.threads)
    try model.save(to: path)
    if !hadProfile, let profile = model.data.profile {
      print("training images: \(profile.summary) (measured on \(profile.images) images)")
    }
    print("calibrated: \(fitted.summary); checkpoint \(path)")
    guard check else { return }
    let test = try dataOptions.load(.test, record: model.data, limit: nil).images
    let scores = model.classScores(test.images, threads: threadsOption.threads)
    let r = ScoreCalibration.reliability(scores, labels: test.labels, temperature: fitted.temperature)
    print(String(format: "test split (%d images): accuracy %.2f%%, mean confidence %.2f%%, calibration error %.2f%%, log-loss %.4f",
                 test.count, 100 * r.accuracy, 100 * r.confidence, 100 * r.error,
                 ScoreCalibration.negativeLogLikelihood(scores, labels: test.labels, temperature: fitted.temperature)))
  }
}
