import Foundation

/// Trains a ``DiehlCook2015`` network image by image (unsupervised: labels are not used),
/// resumable at any image boundary.
///
/// A pass draws its image order from the progress generator (when shuffling), then every
/// image is Poisson-encoded from the continuing generator and presented with learning on.
/// The resumable state is `model` (weights, θ) and `progress`.
public struct DiehlCook2015Trainer: Sendable {
  public var model: DiehlCook2015
  public var progress: RateCodedProgress
  let images: [GrayImage]
  var order: [Int]

  /// - Parameters:
  ///   - images: the training images (`spec.inputs` pixels each).
  ///   - progress: saved progress to resume from, or nil to start.
  public init(model: DiehlCook2015, images: [GrayImage], passes: Int = 1, shuffle: Bool = true,
              seed: UInt64, progress: RateCodedProgress? = nil) {
    let progress = progress ?? RateCodedProgress(trainingImages: images.count, passes: passes, shuffle: shuffle, seed: seed)
    precondition(progress.trainingImages == images.count,
                 "progress of \(progress.trainingImages) images per pass for \(images.count) images")
    self.model = model
    self.progress = progress
    self.images = images
    self.order = progress.position > 0 ? progress.passOrder() : []
  }

  /// Trains until all passes are done, `shouldStop()` turns true (checked before every
  /// image), or `maxImages` images have been trained in this call. Returns true when
  /// training is finished.
  public mutating func run(maxImages: Int? = nil, shouldStop: () -> Bool = { false },
                           report: (RateCodedTrainingReport) -> Void = { _ in }) -> Bool {
    var done = 0
    var clock = ContinuousClock.now
    while !progress.finished {
      if images.isEmpty {
        finishPass(report: report)
        continue
      }
      // Stop before starting a pass, so a run stopped at a pass boundary resumes there.
      if let maxImages, done >= maxImages { return false }
      if shouldStop() { return false }
      if progress.position == 0 { startPass() }
      let spikes = trainOne(order[progress.position])
      progress.position += 1
      done += 1
      progress.seconds += FirstSpike.seconds(ContinuousClock.now - clock)
      clock = .now
      report(.image(spikes: spikes, progress: progress))
      if progress.position == images.count { finishPass(report: report) }
    }
    return true
  }

  mutating func startPass() {
    progress.passGenerator = progress.generator
    order = progress.passOrder()
    if progress.shuffle {
      // Advance the continuing generator past the order's draws.
      var g = progress.passGenerator
      _ = g.permutation(images.count)
      progress.generator = g
    }
    progress.passSpikes = 0
    progress.passPresentations = 0
  }

  /// Presents image `index` with learning on; returns its excitatory spike count.
  mutating func trainOne(_ index: Int) -> Int {
    let r = model.train(on: images[index].pixels, generator: &progress.generator)
    progress.imagesSeen += 1
    progress.passSpikes += r.excitatory.spikeCount
    progress.passPresentations += r.presentations
    return r.excitatory.spikeCount
  }

  mutating func finishPass(report: (RateCodedTrainingReport) -> Void) {
    let start = progress.history.reduce(0) { $0 + $1.seconds }
    let record = PassRecord(pass: progress.passesDone + 1, train: nil, testAccuracy: nil,
                            seconds: progress.seconds - start)
    progress.history.append(record)
    progress.passesDone += 1
    progress.position = 0
    report(.pass(record, progress: progress))
  }
}

/// What a ``DiehlCook2015Trainer`` tells its caller as it goes.
public enum RateCodedTrainingReport: Sendable {
  /// An image was trained; `spikes` excitatory spikes in its (last) presentation.
  case image(spikes: Int, progress: RateCodedProgress)
  case pass(PassRecord, progress: RateCodedProgress)
}
