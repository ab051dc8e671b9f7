import Testing
@testable import FirstSpike

/// S1C1 of MozafariDeep against SpykeTorch's own output on MNIST test images 0, 1, 2.
@Suite struct S1C1GoldenTests {
  /// Relative tolerance for float maps: torch's float32 DoG differs from an exact (float64)
  /// sum by up to ~0.0046 absolute on values ≥ 50, i.e. < 1e-4 relative, typically ~3e-6.
  static let relativeTolerance: Float = 1e-5

  static func maxRelativeError(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).map { abs($0 - $1) / max(abs($1), 1) }.max() ?? 0
  }

  @Test(arguments: [0, 1, 2]) func dogKernelsAreBitExact(index: Int) throws {
    let golden = try GoldenFile.load(index: index)
    let (shape, data) = golden.floatArray("dog_kernels")
    #expect(shape == [6, 13, 13])
    let ours = S1C1Encoder.mozafari2019.filters.kernels.flatMap(\.weights)
    #expect(ours.map(\.bitPattern) == data.map(\.bitPattern), "image \(index)")
  }

  @Test(arguments: [0, 1, 2]) func thresholdedDoGMatches(index: Int) throws {
    let golden = try GoldenFile.load(index: index)
    let (shape, data) = golden.floatArray("dog_thresholded")
    let ours = S1C1Encoder.mozafari2019.filters.apply(golden.image)
    #expect(shape == [6, 28, 28] && ours.shape == Shape3(6, 28, 28))
    // Same set of surviving values (no value lies within 0.065 of the threshold 50).
    #expect(zip(ours.values, data).allSatisfy { ($0 == 0) == ($1 == 0) }, "image \(index)")
    let err = Self.maxRelativeError(ours.values, data)
    #expect(err < Self.relativeTolerance, "image \(index): max relative error \(err)")
  }

  @Test(arguments: [0, 1, 2]) func intensitiesMatch(index: Int) throws {
    let golden = try GoldenFile.load(index: index)
    let (_, data) = golden.floatArray("s1c1_intensity")
    let ours = S1C1Encoder.mozafari2019.intensities(golden.image)
    let err = Self.maxRelativeError(ours.values, data)
    #expect(err < Self.relativeTolerance, "image \(index): max relative error \(err)")
    #expect(ours.values.filter { $0 != 0 }.count == golden.int("s1c1_nonzero_intensities"))
  }

  @Test(arguments: [0, 1, 2]) func spikeTimesAreIdentical(index: Int) throws {
    let golden = try GoldenFile.load(index: index)
    let (shape, expected) = golden.intArray("s1c1_spike_time")
    #expect(shape == [6, 28, 28])
    let wave = S1C1Encoder.mozafari2019.encode(golden.image)
    #expect(wave.shape == Shape3(6, 28, 28) && wave.timeSteps == 15)
    let ours = wave.times.map { $0 == SpikeWave.never ? -1 : Int($0) }
    let mismatches = zip(ours, expected).filter { $0 != $1 }.count
    #expect(mismatches == 0, "image \(index): \(mismatches) of 4704 spike times differ")
    let nz = golden.int("s1c1_nonzero_intensities")
    #expect(nz / 15 == golden.int("s1c1_bin_size"))
    #expect(wave.spikeCount == golden.int("s1c1_spike_count"), "image \(index)")
  }
}
