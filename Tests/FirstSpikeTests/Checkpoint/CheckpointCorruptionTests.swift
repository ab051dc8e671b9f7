import FirstSpikeTestSupport
import Foundation
import Testing

@testable import FirstSpike

/// Damaged and foreign files must fail with one clean line, never crash or load wrong data.
@Suite struct CheckpointCorruptionTests {
  let path = "runs/stage2.fspk"

  @Test func everyTruncationThrows() throws {
    let file = try CheckpointSamples.small().encoded()
    for cut in 0..<file.count {
      let error = checkpointError("cut at \(cut)") {
        _ = try CheckpointArchive(decoding: Array(file[0..<cut]), path: path)
      }
      switch (cut, error) {
      case (0, .empty(path: path)?): break
      case (1..<16, .truncated(path: path, offset: cut, expected: 16)?): break
      case (16..., .truncated(path: path, offset: cut, expected: nil)?): break
      default: Issue.record("cut at \(cut): \(String(describing: error))")
      }
    }
  }

  /// Every byte flipped three ways (one low bit, one high bit, all bits): the load throws, or
  /// (for the few bits zstd ignores, e.g. the frame header's unused bit) yields the same archive.
  @Test func flippedBytesNeverLoadWrongData() throws {
    let archive = try CheckpointSamples.small()
    let file = try archive.encoded()
    var thrown = 0
    var trials = 0
    for index in 0..<file.count {
      for mask: UInt8 in [0x01, 0x10, 0xFF] {
        var damaged = file
        damaged[index] ^= mask
        trials += 1
        do {
          let loaded = try CheckpointArchive(decoding: damaged, path: path)
          #expect(loaded == archive, "byte \(index) ^ \(mask) loaded different contents")
        } catch {
          thrown += 1
          #expect(error.description.hasPrefix(path + ": "), "\(error)")
          #expect(!error.description.contains("\n"))
        }
      }
    }
    #expect(thrown >= trials - 10, "\(thrown) of \(trials) flips detected")
  }

  @Test func flippedChecksumOrDataIsCorrupt() throws {
    let file = try CheckpointSamples.small().encoded()
    for index in [file.count - 1, file.count - 4, (16 + file.count) / 2] {
      var damaged = file
      damaged[index] ^= 0x01
      let error = checkpointError { _ = try CheckpointArchive(decoding: damaged, path: path) }
      guard case .corrupt(path: path, let reason)? = error else {
        Issue.record("byte \(index): \(String(describing: error))")
        continue
      }
      #expect(!reason.isEmpty)
    }
    var checksum = file
    checksum[file.count - 1] ^= 0x01
    let error = checkpointError { _ = try CheckpointArchive(decoding: checksum, path: path) }
    #expect(error?.description == "\(path): corrupt (zstd: Restored data doesn't match checksum)")
  }

  @Test func foreignFilesAreNotCheckpoints() throws {
    let png: [UInt8] =
      [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
    let text = Array("epoch,accuracy\n1,0.5\n".utf8)
    let bareFrame = try Zstd.compress(Array("hello".utf8))
    for (name, bytes) in [
      ("png", png), ("text", text), ("bare zstd", bareFrame), ("one zero byte", [0x00]),
    ] {
      let error = checkpointError(Comment(rawValue: name)) {
        _ = try CheckpointArchive(decoding: bytes, path: path)
      }
      #expect(error == .notACheckpoint(path: path), "\(name)")
    }
    #expect(
      CheckpointError.notACheckpoint(path: path).description
        == "runs/stage2.fspk: not a FirstSpike checkpoint (wrong magic bytes)")
  }

  @Test func emptyFileHasItsOwnMessage() {
    let error = checkpointError { _ = try CheckpointArchive(decoding: [], path: path) }
    #expect(error?.description == "runs/stage2.fspk: empty file, not a FirstSpike checkpoint")
  }

  @Test func futureVersionNamesBothVersions() throws {
    var file = try CheckpointSamples.small().encoded()
    file.replaceSubrange(8..<12, with: [2, 0, 0, 0])
    let error = checkpointError { _ = try CheckpointArchive(decoding: file, path: path) }
    #expect(
      error?.description
        == "runs/stage2.fspk: written by a newer FirstSpike (format 2, this reads up to 1)")
  }

  @Test func versionZeroAndUnknownFlagsAreRejected() throws {
    let frame = Array(try CheckpointSamples.small().encoded()[16...])
    let v0 = CheckpointSamples.preamble(version: 0) + frame
    #expect(
      checkpointError { _ = try CheckpointArchive(decoding: v0, path: path) }
        == .invalidVersion(path: path, version: 0))
    let flagged = CheckpointSamples.preamble(flags: 4) + frame
    #expect(
      checkpointError { _ = try CheckpointArchive(decoding: flagged, path: path) }
        == .unsupportedFlags(path: path, flags: 4))
  }

  @Test func trailingBytesAfterTheFrameAreRejected() throws {
    let file = try CheckpointSamples.small().encoded()
    let error = checkpointError {
      _ = try CheckpointArchive(decoding: file + [0, 0, 0], path: path)
    }
    #expect(error == .trailingData(path: path, offset: file.count, count: 3))
    let twoFrames = file + Array(file[16...])
    #expect(
      checkpointError { _ = try CheckpointArchive(decoding: twoFrames, path: path) }
        == .trailingData(path: path, offset: file.count, count: file.count - 16))
  }

  /// Clearing the checksum flag and dropping the 4 checksum bytes gives a valid frame without
  /// a checksum, which this format does not accept.
  @Test func frameWithoutChecksumIsRejected() throws {
    var file = try CheckpointSamples.small().encoded()
    file[20] &= ~0x04
    file.removeLast(4)
    let error = checkpointError { _ = try CheckpointArchive(decoding: file, path: path) }
    #expect(error == .corrupt(path: path, reason: "frame has no content checksum"))
  }

  @Test func declaredSizeAboveTheCapIsRejectedBeforeDecoding() throws {
    let archive = CheckpointArchive(
      tensors: [
        CheckpointTensor(name: "w", shape: [1000], floats: .init(repeating: 0.5, count: 1000))
      ])
    let file = try archive.encoded()
    let error = checkpointError {
      _ = try CheckpointArchive(decoding: file, path: path, maxPayloadSize: 1000)
    }
    guard case .tooLarge(path: path, let size, limit: 1000)? = error else {
      Issue.record("\(String(describing: error))")
      return
    }
    #expect(size > 4000)
    #expect(try CheckpointArchive(decoding: file, maxPayloadSize: Int(size)) == archive)
  }

  @Test func missingAndUnreadableFilesNameThePath() throws {
    try withTemporaryFolder { folder in
      let missing = folder + "/none.fspk"
      let error = checkpointError { _ = try CheckpointArchive.load(from: missing) }
      #expect(
        error?.description == "\(missing): cannot open for reading: No such file or directory")
      let directory = checkpointError { _ = try CheckpointArchive.load(from: folder) }
      #expect(directory?.description == "\(folder): not a regular file (a folder), not a FirstSpike checkpoint")
    }
  }
}
