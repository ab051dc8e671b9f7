import ArgumentParser
import FirstSpike
import Foundation

/// The options of a `train` run against the checkpoint's record of its latest run, and the
/// calibration after a model's last stage.
extension TrainCommand {
  /// The run's options. With `--resume` and a recorded run, every option not given is taken
  /// from the record, and one given with another value is refused (a resumed run must be the
  /// run it continues); `--epochs` may change the number of passes (said on stdout) and
  /// `--save-every` may change, neither changes what a pass computes.
  func resolvedRun(_ existing: (any Model)?) throws -> TrainingRun {
    let saved = resume ? existing?.lastRun : nil
    guard let stage = stage ?? saved?.stage else {
      throw FileProblem(path: checkpoint, reason: "the checkpoint records no earlier run to resume; give --stage")
    }
    if let saved {
      func same<T: Equatable>(_ given: T?, _ recorded: T?, _ option: String, _ text: (T?) -> String) throws {
        guard let given, given != recorded else { return }
        throw FileProblem(path: checkpoint, reason: "the interrupted run of stage \(saved.stage) used \(option) \(text(recorded)); "
          + "--resume continues it with the same options (leave out \(option) \(given), or train without --resume to start over)")
      }
      let limitText = { (v: Int?) in v.map(String.init) ?? "(none: the whole split)" }
      try same(self.stage, saved.stage, "--stage", { "\($0!)" })
      try same(limitOption.limit, saved.limit, "--limit", limitText)
      try same(testLimit, saved.testLimit, "--test-limit", limitText)
      try same(evalEvery, saved.evaluateEvery, "--eval-every", { "\($0!)" })
      if let epochs, epochs != saved.epochs {
        print("--epochs \(epochs): the run now ends after \(epochs) passes (it was started for \(saved.epochs.map(String.init) ?? "the model's own number"))")
      }
    }
    return TrainingRun(stage: stage, epochs: epochs ?? saved?.epochs, limit: limitOption.limit ?? saved?.limit,
                       testLimit: testLimit ?? saved?.testLimit, evaluateEvery: evalEvery ?? saved?.evaluateEvery ?? 1,
                       saveEvery: saveEvery ?? saved?.saveEvery ?? 10_000)
  }

  /// Fits the probability calibration of a model whose last stage just finished, on
  /// held-out training images, and saves it.
  func calibrateFinished(_ model: inout any Model, _ file: TrainingCheckpoint) throws {
    guard calibrationImages > 0, model.inferenceProblem(checkpoint: checkpoint) == nil else { return }
    let split = try dataOptions.load(.train, record: model.data, limit: nil).images
    let (images, description) = model.calibrationImages(from: split, count: calibrationImages)
    model.calibration = model.fitCalibration(on: images, fittedOn: description)
    try file.save(model)  // through the lock's checks: still the file this run wrote
    print("calibrated probabilities: \(model.calibration!.summary)")
  }
}
