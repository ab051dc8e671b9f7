import Foundation

/// Speed of a rate-coded network on real images: the rows `firstspike bench` adds.
extension DiehlCook2015 {
  /// Times training (learning on, one image after another on the calling thread: the
  /// training path) on the first `trainImages` of `images`, as the median over `segments`
  /// segments of milliseconds per image, and parallel inference (learning off, all cores) on
  /// the first `testImages`, as the median of 3 runs. Trains a copy: `self` is unchanged.
  /// - Returns: rows named `"<name> training (STDP, 1 thread)"` and
  ///   `"<name> inference, <threads> threads"`.
  public func benchmark(name: String, images: [GrayImage], trainImages: Int, testImages: Int, segments: Int = 5,
                        seed: UInt64 = 0, progress: (String) -> Void = { _ in }) -> [BenchmarkResult.Row] {
    var rows: [BenchmarkResult.Row] = []
    let train = Array(images.prefix(trainImages)), test = Array(images.prefix(testImages))
    if !train.isEmpty {
      let label = "\(name) training (STDP, 1 thread)"
      progress(label)
      var learner = self, g = SplitMix64(seed: seed)
      let size = max(1, train.count / max(1, segments))
      var perSegment: [Double] = []
      for first in stride(from: 0, to: train.count, by: size) {
        let end = min(train.count, first + size), start = ContinuousClock.now
        for k in first..<end { _ = learner.train(on: train[k].pixels, generator: &g) }
        perSegment.append(FirstSpike.seconds(ContinuousClock.now - start) * 1000 / Double(end - first))
      }
      rows.append(.init(name: label, msPerImage: Benchmark.median(perSegment)))
    }
    if !test.isEmpty {
      let label = "\(name) inference, \(defaultThreadCount) threads"
      progress(label)
      var runs: [Double] = []
      for _ in 0..<3 {
        let start = ContinuousClock.now
        forEachResponseChunk(test, seed: seed) { _, _, _ in }
        runs.append(FirstSpike.seconds(ContinuousClock.now - start) * 1000 / Double(test.count))
      }
      rows.append(.init(name: label, msPerImage: Benchmark.median(runs)))
    }
    return rows
  }
}
