import Testing
@testable import FirstSpike

@Suite struct S1C1EncoderTests {
  static let presets: [(String, S1C1Encoder)] = [
    ("mozafari2019", .mozafari2019), ("kheradpisheh2018", .kheradpisheh2018), ("shallowTutorial", .shallowTutorial),
  ]

  /// The wave is the latency code of the intensities: T·(n/T) spikes (n if n < T), times < T.
  static func checkLatencyProperties(_ enc: S1C1Encoder, _ image: GrayImage, _ label: String) {
    let maps = enc.intensities(image)
    let wave = enc.encode(image)
    let n = maps.values.filter { $0 != 0 }.count
    let t = enc.timeSteps
    #expect(wave.shape == maps.shape, "\(label)")
    #expect(wave.spikeCount == (n >= t ? t * (n / t) : n), "\(label): n \(n)")
    #expect(wave.times.allSatisfy { $0 == SpikeWave.never || Int($0) < t }, "\(label)")
    for i in maps.values.indices where wave.times[i] != SpikeWave.never { #expect(maps.values[i] != 0, "\(label)") }
  }

  @Test func blankImageGivesNoSpikes() {
    for (name, enc) in Self.presets {
      let image = GrayImage(width: 28, height: 28)
      #expect(enc.encode(image).spikeCount == 0, "\(name)")
      #expect(enc.intensities(image).values.allSatisfy { $0 == 0 }, "\(name)")
    }
  }

  @Test func presetShapes() {
    let mnist = GrayImage(width: 28, height: 28)
    #expect(S1C1Encoder.mozafari2019.encode(mnist).shape == Shape3(6, 28, 28))
    #expect(S1C1Encoder.kheradpisheh2018.encode(mnist).shape == Shape3(2, 28, 28))
    #expect(S1C1Encoder.shallowTutorial.encode(GrayImage(width: 64, height: 64)).shape == Shape3(4, 62, 62))
    #expect(S1C1Encoder.kheradpisheh2018.filters.kernels == [.dog(size: 7, sigma1: 1, sigma2: 2), .dog(size: 7, sigma1: 2, sigma2: 1)])
  }

  @Test func constantAndRandomImagesFollowTheLatencyRule() {
    for (name, enc) in Self.presets {
      Self.checkLatencyProperties(enc, GrayImage(width: 28, height: 28, fill: 200), "\(name) constant")
      var g = SplitMix64(seed: 11)
      let noise = GrayImage(width: 28, height: 28, pixels: (0..<784).map { _ in UInt8(g.nextInt(below: 256)) })
      Self.checkLatencyProperties(enc, noise, "\(name) noise seed 11")
    }
  }

  /// A single bright pixel: only filter taps with 255·w ≥ 50 survive the threshold, all within
  /// the kernel radius of the pixel.
  @Test func singleBrightPixel() {
    var image = GrayImage(width: 28, height: 28)
    image[14, 14] = 255
    let enc = S1C1Encoder.mozafari2019
    let expected = enc.filters.kernels.map { k in k.weights.filter { Float(Double($0) * 255) >= 50 }.count }
    let maps = enc.intensities(image)
    let perChannel = (0..<6).map { c in maps.values[(c * 784)..<((c + 1) * 784)].filter { $0 != 0 }.count }
    #expect(perChannel == expected)
    let wave = enc.encode(image)
    for c in 0..<6 {
      for r in 0..<28 {
        for x in 0..<28 where wave.time(c, r, x) != nil { #expect(abs(r - 14) <= 6 && abs(x - 14) <= 6) }
      }
    }
    Self.checkLatencyProperties(enc, image, "single pixel")
  }

  /// Shallow tutorial on a 3×3 image: one output position, pointwise inhibition leaves one
  /// non-zero value (n = 1 < T), which fires at time 0.
  @Test func fewerValuesThanTimeStepsInTheShallowModel() {
    let image = GrayImage(width: 3, height: 3, pixels: [0, 0, 255, 0, 255, 0, 255, 0, 0])
    let enc = S1C1Encoder.shallowTutorial
    let maps = enc.intensities(image)
    #expect(maps.shape == Shape3(4, 1, 1) && maps.values.filter { $0 != 0 }.count == 1)
    let wave = enc.encode(image)
    #expect(wave.spikeCount == 1 && wave.times.contains(0))
  }

  @Test func shallowTutorialFiresAtMostOneFeaturePerPosition() {
    var g = SplitMix64(seed: 5)
    let image = GrayImage(width: 20, height: 16, pixels: (0..<320).map { _ in UInt8(g.nextInt(below: 256)) })
    let wave = S1C1Encoder.shallowTutorial.encode(image)
    let plane = wave.shape.plane
    for p in 0..<plane {
      #expect((0..<4).filter { wave.times[$0 * plane + p] != SpikeWave.never }.count <= 1, "seed 5")
    }
    Self.checkLatencyProperties(.shallowTutorial, image, "shallow seed 5")
  }

  /// Inhibition of the latency code keeps, per position, the earliest feature and, among
  /// simultaneous ones, the largest intensity (MozafariShallow inhibits its intensity wave);
  /// the seed-9 image has positions where that is not the lowest index.
  @Test func afterLatencyInhibitionKeepsEarliestThenStrongest() {
    let base = S1C1Encoder.mozafari2019
    let enc = S1C1Encoder(filters: base.filters, normalization: base.normalization, pointwiseInhibition: .afterLatency)
    var g = SplitMix64(seed: 9)
    let image = GrayImage(width: 28, height: 28, pixels: (0..<784).map { _ in UInt8(g.nextInt(below: 256)) })
    let full = base.encode(image), values = base.intensities(image).values, got = enc.encode(image)
    let plane = full.shape.plane, channels = full.shape.channels
    var notLowest = 0
    for p in 0..<plane {
      let fired = (0..<channels).filter { full.times[$0 * plane + p] != SpikeWave.never }
      let kept = (0..<channels).filter { got.times[$0 * plane + p] != SpikeWave.never }
      guard let t = fired.map({ full.times[$0 * plane + p] }).min() else {
        #expect(kept.isEmpty)
        continue
      }
      let first = fired.filter { full.times[$0 * plane + p] == t }
      let strongest = first.max { values[$0 * plane + p] < values[$1 * plane + p] }!
      #expect(kept == [strongest], "position \(p)")
      #expect(got.times[strongest * plane + p] == t)
      if strongest != first[0] { notLowest += 1 }
    }
    #expect(notLowest > 0, "no position where intensity and index order differ: the test would not tell the rules apart")
  }

  /// One scratch reused across images and sizes, and concurrent workers, give the same waves.
  @Test func scratchReuseAndParallelWorkersAgree() throws {
    let images = try (0..<3).map { try GoldenFile.load(index: $0).image }
      + [GrayImage(width: 30, height: 20, fill: 90), GrayImage(width: 28, height: 28)]
    let enc = S1C1Encoder.mozafari2019
    let serial = images.map { enc.encode($0) }
    var scratch = S1C1Encoder.Scratch()
    var wave = SpikeWave(shape: Shape3(1, 1, 1), timeSteps: 1)
    for (i, image) in images.enumerated() {
      enc.encode(image, into: &wave, scratch: &scratch)
      #expect(wave == serial[i], "image \(i)")
    }
    var parallel = [SpikeWave?](repeating: nil, count: images.count)
    parallel.withUnsafeMutableBufferPointer { buffer in
      let out = SharedBuffer(buffer)
      parallelFor(images.count, threads: 2) { i in out[i] = enc.encode(images[i]) }
    }
    #expect(parallel.map { $0! } == serial)
  }
}
