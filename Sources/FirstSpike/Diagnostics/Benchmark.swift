import Foundation

/// Per-stage speed of a network on real images: what `firstspike bench` prints.
public struct BenchmarkResult: Sendable {
  public struct Row: Sendable {
    public var name: String
    /// Median over segments of milliseconds per image.
    public var msPerImage: Double
    public var imagesPerSecond: Double { msPerImage > 0 ? 1000 / msPerImage : 0 }
  }
  public var rows: [Row] = []
  /// Mean synaptic events per image of each layer (inference pass).
  public var eventsPerLayer: [Double] = []
  /// Mean spikes per image: encoder output, then each layer's (pooled) input.
  public var inputSpikesPerLayer: [Double] = []
  /// Mean spikes per image of each layer's output.
  public var outputSpikesPerLayer: [Double] = []
  public var images = 0
  public var threads = 1
  /// Peak resident memory of the process, bytes.
  public var peakMemoryBytes = 0
}

/// Measures encoding, each training stage and inference image by image (serial, the training
/// path) and inference in parallel.
public enum Benchmark {
  public static func run(_ network: Network, data: LabeledImages, segments: Int = 5,
                         threads: Int = defaultThreadCount, progress: (String) -> Void = { _ in }) -> BenchmarkResult {
    var result = BenchmarkResult()
    result.images = data.count
    result.threads = threads
    let n = data.count, L = network.spec.layers.count
    func timed(_ name: String, _ body: (Int) -> Void) {
      progress(name)
      let seg = max(1, n / segments)
      var perSegment: [Double] = []
      var i = 0
      while i < n {
        let end = min(n, i + seg)
        let start = ContinuousClock.now
        for j in i..<end { body(j) }
        perSegment.append(seconds(ContinuousClock.now - start) * 1000 / Double(end - i))
        i = end
      }
      result.rows.append(.init(name: name, msPerImage: median(perSegment)))
    }

    var wave = SpikeWave(shape: Shape3(0, 0, 0), timeSteps: network.encoder.timeSteps)
    var scratch = S1C1Encoder.Scratch()
    timed("S1C1 encoding") { network.encoder.encode(data.images[$0], into: &wave, scratch: &scratch) }
    // The same on every core, images split between them (the encoding of a data set's cache).
    progress("S1C1 encoding, \(threads) threads")
    var encodings: [Double] = []
    let images = data.images, encoder = network.encoder, chunk = 64
    for _ in 0..<3 {
      let start = ContinuousClock.now
      parallelFor((n + chunk - 1) / chunk, threads: threads) { c in
        var wave = SpikeWave(shape: Shape3(0, 0, 0), timeSteps: encoder.timeSteps), scratch = S1C1Encoder.Scratch()
        for i in (c * chunk)..<min(n, (c + 1) * chunk) { encoder.encode(images[i], into: &wave, scratch: &scratch) }
      }
      encodings.append(seconds(ContinuousClock.now - start) * 1000 / Double(max(n, 1)))
    }
    result.rows.append(.init(name: "S1C1 encoding, \(threads) threads", msPerImage: median(encodings)))

    for layer in 0..<L {
      let rule = network.spec.layers[layer].training.rule.rawValue.uppercased(), images = data.images
      // From the image: a background thread computes the frozen layers' output while the
      // trainer consumes it (what `train` does in a stage's first pass).
      let cache = WaveCache(filling: n, shape: network.inputShape(layer: layer), timeSteps: network.encoder.timeSteps) {
        network.input(of: layer, image: images[$0], scratch: &$1)
      }
      var trainer = LayerTrainer(network: network, layer: layer, inputs: cache, labels: data.labels, test: nil,
                                 progress: nil, bestWeights: nil, seed: 1)
      timed("stage \(layer + 1) training (\(rule), from the image)") { trainer.train(pooledInput: cache.wave($0), label: data.labels[$0]) }
      var cached = LayerTrainer(network: network, layer: layer, inputs: cache, labels: data.labels, test: nil,
                                progress: nil, bestWeights: nil, seed: 1)
      timed("stage \(layer + 1) training (\(rule), frozen layers cached)") { cached.train(pooledInput: cache.wave($0), label: data.labels[$0]) }
    }

    var out = ConvOutput(), events = SpikeEvents()
    var inputSpikes = [Double](repeating: 0, count: L + 1)
    timed("inference, 1 thread") { i in
      _ = network.classify(data.images[i], output: &out, events: &events)
    }
    for i in 0..<n {
      var w = network.encode(data.images[i])
      inputSpikes[0] += Double(w.spikeCount)
      for l in 0..<L {
        let pooled = network.pooledInput(w, layer: l)
        if l > 0 { inputSpikes[l] += Double(pooled.spikeCount) }
        network.run(layer: l, pooledInput: pooled, into: &out, events: &events)
        w = out.wave()
      }
    }
    result.inputSpikesPerLayer = inputSpikes.prefix(L).map { $0 / Double(n) }
    progress("inference, \(threads) threads")
    var parallel: [Double] = []
    var report: EvaluationReport?
    for _ in 0..<3 {
      let start = ContinuousClock.now
      report = network.evaluate(data, threads: threads)
      parallel.append(seconds(ContinuousClock.now - start) * 1000 / Double(n))
    }
    result.rows.append(.init(name: "inference, \(threads) threads", msPerImage: median(parallel)))
    result.eventsPerLayer = report?.synapticEventsPerImage ?? []
    result.outputSpikesPerLayer = Array(report?.spikesPerImage.dropFirst() ?? [])
    result.peakMemoryBytes = peakResidentBytes()
    return result
  }

  static func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    if s.isEmpty { return 0 }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }
}

/// Seconds in a `Duration`.
public func seconds(_ d: Duration) -> Double {
  Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// Peak resident set size of this process (Linux `ru_maxrss` is in KiB).
public func peakResidentBytes() -> Int {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return usage.ru_maxrss * 1024
}
