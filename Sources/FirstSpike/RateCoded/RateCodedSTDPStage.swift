import Foundation

/// Stage 1 of a rate-coded model: unsupervised STDP over the training images
/// (``DiehlCook2015Trainer``; labels are not used), in shuffled order, resumable at any image.
public struct RateCodedSTDPStage: StageTrainer {
  var trainer: DiehlCook2015Trainer

  /// - Parameters:
  ///   - passes: passes of a new run (default 1); a resumed run keeps its own.
  init(model: RateCodedModel, data: LabeledImages, passes: Int?, resuming: Bool) {
    trainer = DiehlCook2015Trainer(model: model.model, images: model.inputImages(data.images),
                                   passes: max(1, passes ?? 1), seed: model.training.seed,
                                   progress: resuming ? model.training.stage1 : nil)
  }

  public var imagesLeftInPass: Int { trainer.progress.trainingImages - trainer.progress.position }
  public var savesWhenStopped: Bool { true }

  public mutating func run(maxImages: Int, shouldStop: () -> Bool, report: (StageEvent) -> Void) -> Bool {
    trainer.run(maxImages: maxImages, shouldStop: shouldStop) { event in
      switch event {
      case .image(_, let p):
        report(.image(StageTick(stage: 1, passesDone: p.passesDone, passes: p.passes, position: p.position,
                                images: p.trainingImages,
                                metric: ("%.1f spikes/image", Double(p.passSpikes) / Double(max(1, p.position))))))
      case .pass(let r, let p):
        let n = Double(max(1, p.trainingImages))
        report(.pass(r, summary: String(format: "pass %d/%d: %.1f s, %.1f excitatory spikes and %.2f presentations per image",
                                        r.pass, p.passes, r.seconds, Double(p.passSpikes) / n, Double(p.passPresentations) / n)))
      }
    }
  }

  public func store(in model: inout RateCodedModel) {
    model.model = trainer.model
    model.training.stage1 = trainer.progress
  }
}

/// Stage 2 of a rate-coded model: labels every excitatory neuron by its mean response per
/// class on the training images (encoder seeds from ``RateCodedModel/labellingSeed``), then
/// evaluates the test split when given. One step: stopped before its test evaluation, nothing
/// is saved (run it again).
public struct LabelAssignmentStage: StageTrainer {
  let model: RateCodedModel
  let data: LabeledImages
  let test: LabeledImages?
  var record: LabelAssignmentRecord?
  var labels: NeuronAssignment?

  init(model: RateCodedModel, data: LabeledImages, test: LabeledImages?) {
    self.model = model
    self.data = data
    self.test = test
  }

  public var imagesLeftInPass: Int { data.count }
  public var savesWhenStopped: Bool { false }

  public mutating func run(maxImages: Int, shouldStop: () -> Bool, report: (StageEvent) -> Void) -> Bool {
    let start = ContinuousClock.now
    report(.preparing("running the network on \(data.count) train images…"))
    let inputs = LabeledImages(images: model.inputImages(data.images), labels: data.labels, classNames: data.classNames)
    let labels = model.model.assignLabels(inputs, seed: model.labellingSeed)
    if shouldStop() { return false }
    var record = LabelAssignmentRecord(labellingImages: data.count, afterImages: model.training.stage1?.imagesSeen ?? 0,
                                       assignment: labels, seconds: 0)
    if let test, test.count > 0 {
      report(.preparing("running the network on \(test.count) test images…"))
      record.testImages = test.count
      record.testAccuracy = RateCodedAccuracy(model.evaluate(test, assignment: labels))
    }
    record.seconds = seconds(ContinuousClock.now - start)
    let assigned = record.neuronsPerClass.reduce(0, +)
    report(.result("labels from \(record.labellingImages) images: \(assigned) neurons assigned (per class \(record.neuronsPerClass.map(String.init).joined(separator: " "))), \(record.unassigned) unassigned; \(String(format: "%.1f", record.seconds)) s"))
    if let a = record.testAccuracy, let k = record.testImages {
      report(.result(String(format: "test accuracy on %d images: %.2f%% by proportion weighting, %.2f%% by all activity",
                            k, 100 * a.proportionWeighting, 100 * a.allActivity)))
    }
    self.labels = labels
    self.record = record
    return true
  }

  public func store(in m: inout RateCodedModel) {
    guard let record, let labels else { return }
    m.assignment = labels
    m.training.stage2 = record
    m.training.history.append(record)
  }
}
