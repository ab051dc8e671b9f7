import FirstSpikeTestSupport
import Testing
@testable import FirstSpike

/// The encoder's C kernels (filter correlation, local normalisation, rank latency coding)
/// against their Swift references, on every instruction-set clone this CPU runs: the
/// intensities bit for bit and the spike times exactly, on real MNIST images through every
/// built-in encoder and on random inputs (ties, zeros, −0, negative values, planes smaller than
/// the normalisation window, fewer non-zero values than time steps). Serialized: the clone is
/// process-wide.
@Suite(.serialized) struct EncoderKernelTests {
  static var clones: [KernelClone] { KernelClone.allCases.filter(\.isSupported) }

  static func onEveryClone(_ body: (KernelClone) throws -> Void) rethrows {
    let previous = KernelClone.active
    defer { KernelClone.select(previous) }
    for clone in clones {
      #expect(KernelClone.select(clone), "\(clone) not selected")
      try body(clone)
    }
  }

  /// Every stage by its Swift reference.
  static func reference(_ e: S1C1Encoder, _ image: GrayImage) -> (FeatureMaps, SpikeWave) {
    var scratch = FilterBank.Scratch()
    var maps = FeatureMaps(shape: Shape3(0, 0, 0))
    e.filters.apply(image, into: &maps, scratch: &scratch, useReference: true)
    if let n = e.normalization {
      var table = [Double]()
      n.applyReference(&maps, table: &table)
    }
    if let l = e.lateralInhibition { maps = l.apply(maps) }
    if e.pointwiseInhibition == .beforeLatency { InputInhibition.apply(to: &maps) }
    var wave = SpikeWave(shape: maps.shape, timeSteps: e.timeSteps), keys = [UInt64]()
    if e.latency.code == .rank {
      e.latency.encodeRankReference(maps, into: &wave, keys: &keys)
    } else {
      e.latency.encode(maps, into: &wave, keys: &keys)
    }
    if e.pointwiseInhibition == .afterLatency { InputInhibition.apply(to: &wave, intensities: maps) }
    return (maps, wave)
  }

  static var encoders: [(String, S1C1Encoder)] {
    var list: [(String, S1C1Encoder)] = [("mozafari2019 (preset)", .mozafari2019), ("kheradpisheh2018 (preset)", .kheradpisheh2018),
                                         ("shallowTutorial", .shallowTutorial)]
    for name in ["mozafari2019", "kheradpisheh2018", "shallow-rstdp", "s4nn", "ttfs-cnn", "mozafari2019-hybrid"] {
      for variant in [PresetVariant.improved, .paper] {
        if let spec = ModelSpec.preset(name, variant: variant) { list.append(("\(name) \(variant)", S1C1Encoder(spec.encoder))) }
      }
    }
    return list
  }

  /// MNIST training and test images through every built-in encoder, reusing one scratch per
  /// encoder (as a worker does): intensities and waves equal the references.
  @Test func mnistImagesThroughEveryEncoderEqualTheReference() throws {
    let train = try MNIST.load(directory: RepositoryPaths.mnist, split: .train, verifyChecksums: false)
    let test = try MNIST.load(directory: RepositoryPaths.mnist, split: .test, verifyChecksums: false)
    let images = (0..<150).map { train.image($0 * 397 % train.count) } + (0..<50).map { test.image($0 * 199 % test.count) }
    let encoders = Self.encoders
    let expected = encoders.map { e in images.map { Self.reference(e.1, $0) } }
    Self.onEveryClone { clone in
      for (k, (name, encoder)) in encoders.enumerated() {
        var scratch = S1C1Encoder.Scratch()
        var wave = SpikeWave(shape: Shape3(0, 0, 0), timeSteps: encoder.timeSteps)
        var bad = 0
        for (i, image) in images.enumerated() {
          encoder.encode(image, into: &wave, scratch: &scratch)
          let (maps, ref) = expected[k][i]
          if scratch.intensities.values.map(\.bitPattern) != maps.values.map(\.bitPattern) || wave != ref { bad += 1 }
        }
        #expect(bad == 0, "\(clone) \(name): \(bad) of \(images.count) images differ")
      }
    }
  }

  static func randomMaps(_ g: inout SplitMix64, _ shape: Shape3, zeroFraction: Double, negatives: Bool, levels: Int?) -> FeatureMaps {
    var maps = FeatureMaps(shape: shape)
    for i in maps.values.indices {
      let u = g.nextUniform()
      if u < zeroFraction { maps.values[i] = g.nextUniform() < 0.1 ? -0.0 : 0; continue }
      var v: Float = levels.map { Float(1 + g.nextInt(below: $0)) } ?? Float(g.nextUniform() * 300)
      if negatives && g.nextUniform() < 0.3 { v = -v }
      maps.values[i] = v
    }
    return maps
  }

  /// Random planes (some smaller than the window, some with values repeated exactly).
  @Test func normalizationEqualsReferenceOnRandomMaps() {
    Self.onEveryClone { clone in
      for seed in UInt64(0)..<60 {
        var g = SplitMix64(seed: seed &+ 500)
        let shape = Shape3(1 + g.nextInt(below: 4), 1 + g.nextInt(below: 40), 1 + g.nextInt(below: 40))
        let norm = LocalNormalization(radius: g.nextInt(below: 11))
        let maps = Self.randomMaps(&g, shape, zeroFraction: [0, 0.5, 0.95][Int(seed % 3)], negatives: seed % 4 == 1,
                                   levels: seed % 5 == 0 ? 3 : nil)
        var fast = maps, slow = maps
        var table = [Double](), refTable = [Double]()
        norm.apply(&fast, table: &table)
        norm.applyReference(&slow, table: &refTable)
        #expect(fast.values.map(\.bitPattern) == slow.values.map(\.bitPattern), "\(clone) seed \(seed) \(shape) R \(norm.radius)")
        // Reusing the (now larger or equal) table gives the same again.
        var again = maps
        norm.apply(&again, table: &table)
        #expect(again == fast, "\(clone) seed \(seed): table reuse")
      }
    }
  }

  /// Random values with many exact ties, zeros, −0, negative values; n < T, n = 0, T = 1.
  @Test func rankLatencyEqualsReferenceOnRandomMaps() {
    Self.onEveryClone { clone in
      for seed in UInt64(0)..<80 {
        var g = SplitMix64(seed: seed &+ 900)
        let shape = Shape3(1 + g.nextInt(below: 6), 1 + g.nextInt(below: 30), 1 + g.nextInt(below: 30))
        let T = [1, 2, 15, 30, 254][Int(seed % 5)]
        let zeroFraction = [0, 0.5, 0.9, 0.995, 1][Int(seed / 5 % 5)]
        let maps = Self.randomMaps(&g, shape, zeroFraction: zeroFraction, negatives: seed % 3 == 1,
                                   levels: seed % 2 == 0 ? 1 + g.nextInt(below: 5) : nil)
        let latency = IntensityToLatency(timeSteps: T)
        var fast = SpikeWave(shape: Shape3(0, 0, 0), timeSteps: T), slow = SpikeWave(shape: shape, timeSteps: T)
        var keys = [UInt64](), refKeys = [UInt64]()
        latency.encode(maps, into: &fast, keys: &keys)
        latency.encodeRankReference(maps, into: &slow, keys: &refKeys)
        #expect(fast == slow, "\(clone) seed \(seed) \(shape) T \(T)")
      }
    }
  }

  /// Hand-checked: 4 values, T 2 (b 2): the two largest fire at 0, the next two at 1; ties by
  /// index; a negative value ranks after the zeros and falls outside T·b.
  @Test func rankLatencyByHand() {
    var maps = FeatureMaps(shape: Shape3(1, 1, 6))
    maps.values = [3, 0, 5, 3, -1, 1]
    var wave = SpikeWave(shape: Shape3(0, 0, 0), timeSteps: 2), keys = [UInt64]()
    IntensityToLatency(timeSteps: 2).encode(maps, into: &wave, keys: &keys)
    #expect(wave.times == [0, SpikeWave.never, 0, 1, SpikeWave.never, 1])
  }
}
