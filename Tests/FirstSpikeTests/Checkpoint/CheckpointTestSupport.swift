import Foundation
import Testing

@testable import FirstSpike

/// Shared builders for the checkpoint tests.
enum CheckpointSamples {
  /// Floats whose bits a careless writer would change: both zeros, NaNs with payloads (quiet
  /// and signalling), infinities, the smallest and largest subnormals, extremes.
  static let specialFloats: [Float] = [
    0.0, -0.0, 1.0, -1.5, .infinity, -.infinity,
    Float(bitPattern: 0x7FC0_1234), Float(bitPattern: 0xFFC0_0001), Float(bitPattern: 0x7F80_0001),
    Float(bitPattern: 0x0000_0001), Float(bitPattern: 0x807F_FFFF), .leastNormalMagnitude,
    .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .ulpOfOne, 0.1,
  ]

  /// Training-progress-like JSON blob.
  struct Progress: Codable, Equatable {
    var stage: Int
    var pass: Int
    var position: Int
    var rngState: UInt64
    var accuracy: [Double]
  }

  /// An archive with every dtype, a scalar, empty tensors and special floats (small: ~1 kB).
  static func small() throws -> CheckpointArchive {
    var archive = CheckpointArchive()
    archive.setBlob(CheckpointBlob(name: "spec", bytes: Array(#"{"layers":[30,250,200]}"#.utf8)))
    archive.setBlob(
      try CheckpointBlob(
        name: "progress",
        json: Progress(
          stage: 2, pass: 1, position: 371, rngState: 0xDEAD_BEEF_0123_4567,
          accuracy: [0.5, 0.8125])))
    archive.setBlob(CheckpointBlob(name: "empty", bytes: []))
    archive.setTensor(CheckpointTensor(name: "special", shape: [4, 4], floats: specialFloats))
    archive.setTensor(CheckpointTensor(name: "scalar", shape: [], floats: [3.25]))
    archive.setTensor(CheckpointTensor(name: "none", shape: [0], floats: []))
    archive.setTensor(
      CheckpointTensor(name: "zero-in-middle", shape: [3, 0, 2], values: .int32([])))
    archive.setTensor(
      CheckpointTensor(name: "bytes", shape: [2, 3], values: .uint8([0, 1, 127, 128, 254, 255])))
    archive.setTensor(
      CheckpointTensor(
        name: "ints", shape: [5], values: .int32([.min, -1, 0, 1, .max])))
    var rng = SplitMix64(seed: 7)
    let weights = (0..<(6 * 1 * 5 * 5)).map { _ in Float(rng.nextUniform()) }
    archive.setTensor(CheckpointTensor(name: "conv1.weight", shape: [6, 1, 5, 5], floats: weights))
    return archive
  }

  /// The preamble for `version` and `flags` (magic included).
  static func preamble(version: UInt32 = 1, flags: UInt32 = 0) -> [UInt8] {
    var bytes = CheckpointArchive.magic
    appendLittleEndian(version, to: &bytes)
    appendLittleEndian(flags, to: &bytes)
    return bytes
  }

  /// A complete file around a hand-made payload.
  static func file(payload: [UInt8]) throws -> [UInt8] {
    preamble() + (try Zstd.compress(payload, level: 3))
  }

  /// A payload with header JSON `json` followed by `data`.
  static func payload(json: String, data: [UInt8]) -> [UInt8] {
    var bytes: [UInt8] = []
    appendLittleEndian(UInt32(json.utf8.count), to: &bytes)
    return bytes + Array(json.utf8) + data
  }
}

/// The error `body` throws as a `CheckpointError`, or nil (recorded as a test failure).
func checkpointError(
  _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation,
  _ body: () throws -> Void
) -> CheckpointError? {
  do {
    try body()
    Issue.record(
      "expected a CheckpointError. \(comment.map { "\($0)" } ?? "")",
      sourceLocation: sourceLocation)
    return nil
  } catch let error as CheckpointError {
    return error
  } catch {
    Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    return nil
  }
}
