import Foundation

extension Network {
  /// Binary SVM features of every image: the neurons of the last layer's wave, pooled by the
  /// readout's pooling, that fired. Computed in parallel; row `i` is image `i`.
  public func svmFeatures(_ data: LabeledImages, threads: Int = defaultThreadCount) -> SparseFeatureMatrix {
    guard case .svm(let pool, _, _, _) = spec.readout else { preconditionFailure("\(spec.name) has no SVM readout") }
    let L = spec.layers.count
    let last = outputShape(layer: L - 1)
    let dimension = Shape3(last.channels, (last.height + 2 * pool.padding - pool.size) / pool.stride + 1,
                           (last.width + 2 * pool.padding - pool.size) / pool.stride + 1).count
    let n = data.count
    var rows = [[Int32]](repeating: [], count: n)
    rows.withUnsafeMutableBufferPointer { buf in
      let out = SharedBuffer(buf)
      parallelFor((n + 31) / 32, threads: threads) { c in
        var conv = ConvOutput(), events = SpikeEvents()
        for i in (c * 32)..<min(n, (c + 1) * 32) {
          var wave = self.pooledInput(self.encode(data.images[i]), layer: 0)
          for l in 0..<L {
            self.run(layer: l, pooledInput: wave, into: &conv, events: &events)
            if l + 1 < L { wave = self.input(of: l + 1, from: conv) }
          }
          out[i] = conv.pooledWave(size: pool.size, stride: pool.stride, padding: pool.padding).firedIndices()
        }
      }
    }
    var matrix = SparseFeatureMatrix(dimension: dimension)
    matrix.reserveCapacity(rows: n, nonZeros: rows.reduce(0) { $0 + $1.count })
    for r in rows { matrix.append(columns: r) }
    return matrix
  }
}

extension ModelCheckpoint {
  /// The SVM stage: features of the frozen network, then one-vs-rest dual coordinate descent
  /// (resumable: the solver state is saved when stopped).
  mutating func trainSVM(data: LabeledImages, test: LabeledImages?, path: String, resume: Bool,
                         shouldStop: () -> Bool, report: (StageEvent) -> Void) throws -> Bool {
    guard case .svm(_, let c, let squaredHinge, _) = spec.readout else { preconditionFailure("no SVM readout") }
    if resume {
      guard let record = training.svm else { throw StageError.nothingToResume(path: path, stage: spec.stageCount) }
      if record.finished { throw StageError.alreadyFinished(path: path, stage: spec.stageCount) }
      if record.trainingImages != data.count {
        throw StageError.dataChanged(path: path, stage: spec.stageCount, started: record.trainingImages, now: data.count)
      }
    } else {
      svm = nil
      svmTrainer = nil
    }
    let start = ContinuousClock.now
    let network = Network(spec: spec, weights: weights)
    report(.caching(split: "train", count: data.count))
    let features = network.svmFeatures(data)
    let classes = max(spec.classNames.count, (data.labels.max() ?? 0) + 1)
    var trainer = svmTrainer ?? LinearSVMTrainer(
      parameters: .init(loss: squaredHinge ? .squaredHinge : .hinge, cost: Double(c), seed: training.seed),
      classes: classes, matrix: features, labels: data.labels)
    try trainer.checkCompatible(with: features, labels: data.labels)
    let finished = trainer.run(on: features, labels: data.labels, until: shouldStop)
    var record = training.svm ?? SVMStageRecord(trainingImages: data.count, finished: false, seconds: 0)
    record.seconds += seconds(ContinuousClock.now - start)
    if finished {
      let model = trainer.model()
      svm = model
      svmTrainer = nil
      record.finished = true
      record.trainAccuracy = model.accuracy(on: features, labels: data.labels)
      if let test {
        report(.caching(split: "test", count: test.count))
        record.testAccuracy = model.accuracy(on: network.svmFeatures(test), labels: test.labels)
      }
    } else {
      svmTrainer = trainer
    }
    training.svm = record
    try save(to: path)
    report(.saved(path: path))
    return finished
  }
}
