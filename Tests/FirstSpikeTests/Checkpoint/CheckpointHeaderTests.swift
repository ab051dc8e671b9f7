import Foundation
import Testing

@testable import FirstSpike

/// Payloads built by hand (valid zstd, valid checksum) whose header disagrees with the data.
@Suite struct CheckpointHeaderTests {
  let path = "ckpt/bad.fspk"

  /// The load error for a file whose payload is `json` followed by `data`.
  func error(json: String, data: [UInt8]) throws -> CheckpointError? {
    let file = try CheckpointSamples.file(
      payload: CheckpointSamples.payload(json: json, data: data))
    return checkpointError(Comment(rawValue: json)) {
      _ = try CheckpointArchive(decoding: file, path: path)
    }
  }

  @Test func handMadeValidPayloadLoads() throws {
    let json =
      #"{"blobs":[{"name":"spec","offset":0,"byteCount":2}],"#
      + #""tensors":[{"name":"w","dtype":"float32","shape":[2],"offset":2,"byteCount":8}],"future":1}"#
    let data: [UInt8] = Array("{}".utf8) + [0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0]  // 1.0, -2.0 LE
    let file = try CheckpointSamples.file(
      payload: CheckpointSamples.payload(json: json, data: data))
    let archive = try CheckpointArchive(decoding: file, path: path)
    #expect(try archive.floatTensor(named: "w", shape: [2]) == [1.0, -2.0])
    #expect(try archive.blob(named: "spec") == Array("{}".utf8))
  }

  @Test func wrongByteCountNamesTheTensor() throws {
    let json =
      #"{"blobs":[],"tensors":[{"name":"conv1.weight","dtype":"float32","shape":[2,3],"offset":0,"byteCount":20}]}"#
    #expect(
      try error(json: json, data: .init(repeating: 0, count: 20))?.description
        == "ckpt/bad.fspk: bad checkpoint header: tensor 'conv1.weight' of shape [2, 3] and dtype "
        + "float32 needs 24 bytes, header says 20")
  }

  @Test func dataShorterOrLongerThanDeclared() throws {
    let json =
      #"{"blobs":[],"tensors":[{"name":"w","dtype":"uint8","shape":[4],"offset":0,"byteCount":4}]}"#
    #expect(
      try error(json: json, data: [1, 2, 3])
        == .badHeader(
          path: path, reason: "items end at data offset 4 but the data section has 3 bytes"))
    #expect(
      try error(json: json, data: [1, 2, 3, 4, 5])
        == .badHeader(
          path: path, reason: "items end at data offset 4 but the data section has 5 bytes"))
  }

  @Test func offsetsMustBeContiguous() throws {
    let gap =
      #"{"blobs":[],"tensors":[{"name":"w","dtype":"uint8","shape":[2],"offset":1,"byteCount":2}]}"#
    #expect(
      try error(json: gap, data: [0, 1, 2])
        == .badHeader(
          path: path,
          reason: "tensor 'w' starts at data offset 1, expected 0 (items are contiguous)"))
    let beyond =
      #"{"blobs":[{"name":"b","offset":0,"byteCount":9223372036854775807}],"tensors":[]}"#
    #expect(
      try error(json: beyond, data: [1])
        == .badHeader(
          path: path,
          reason: "items end at data offset 9223372036854775807 but the data section has 1 bytes"))
    let negative = #"{"blobs":[{"name":"b","offset":0,"byteCount":-1}],"tensors":[]}"#
    #expect(
      try error(json: negative, data: [])
        == .badHeader(path: path, reason: "blob 'b' has negative byteCount -1"))
  }

  @Test func shapesAndDtypesAreChecked() throws {
    let negative =
      #"{"blobs":[],"tensors":[{"name":"w","dtype":"int32","shape":[-1,-4],"offset":0,"byteCount":16}]}"#
    #expect(
      try error(json: negative, data: .init(repeating: 0, count: 16))
        == .badHeader(path: path, reason: "tensor 'w' has invalid shape [-1, -4]"))
    let huge =
      #"{"blobs":[],"tensors":[{"name":"w","dtype":"int32","shape":[4294967296,4294967296],"offset":0,"byteCount":0}]}"#
    #expect(
      try error(json: huge, data: [])
        == .badHeader(path: path, reason: "tensor 'w' has invalid shape [4294967296, 4294967296]"))
    let dtype =
      #"{"blobs":[],"tensors":[{"name":"w","dtype":"float64","shape":[1],"offset":0,"byteCount":8}]}"#
    #expect(
      try error(json: dtype, data: .init(repeating: 0, count: 8))
        == .badHeader(path: path, reason: "tensor 'w' has unknown dtype 'float64'"))
  }

  @Test func duplicateAndEmptyNames() throws {
    let tensors =
      #"{"blobs":[],"tensors":[{"name":"w","dtype":"uint8","shape":[1],"offset":0,"byteCount":1},{"name":"w","dtype":"uint8","shape":[1],"offset":1,"byteCount":1}]}"#
    #expect(
      try error(json: tensors, data: [1, 2])?.description
        == "ckpt/bad.fspk: duplicate tensor name 'w'")
    let blobs =
      #"{"blobs":[{"name":"spec","offset":0,"byteCount":0},{"name":"spec","offset":0,"byteCount":0}],"tensors":[]}"#
    #expect(
      try error(json: blobs, data: []) == .duplicateName(path: path, kind: "blob", name: "spec"))
    let empty = #"{"blobs":[{"name":"","offset":0,"byteCount":0}],"tensors":[]}"#
    #expect(
      try error(json: empty, data: []) == .badHeader(path: path, reason: "a blob has an empty name")
    )
  }

  @Test func malformedJSONGivesOneLine() throws {
    let missingKey =
      #"{"blobs":[],"tensors":[{"name":"w","dtype":"uint8","offset":0,"byteCount":1}]}"#
    #expect(
      try error(json: missingKey, data: [1])
        == .badHeader(path: path, reason: "at 'tensors.0': missing key 'shape'"))
    let notJSON = try error(json: "{nope", data: [])
    guard case .badHeader(path: path, let reason)? = notJSON else {
      Issue.record("\(String(describing: notJSON))")
      return
    }
    #expect(!reason.contains("\n") && !reason.isEmpty)
  }

  @Test func headerLengthBeyondPayload() throws {
    var payload: [UInt8] = []
    appendLittleEndian(UInt32(100), to: &payload)
    payload += Array("{}".utf8)
    let file = try CheckpointSamples.file(payload: payload)
    #expect(
      checkpointError { _ = try CheckpointArchive(decoding: file, path: path) }
        == .badHeader(path: path, reason: "header length 100 exceeds the 2 bytes after it"))
    let tiny = try CheckpointSamples.file(payload: [1, 0])
    #expect(
      checkpointError { _ = try CheckpointArchive(decoding: tiny, path: path) }
        == .badHeader(path: path, reason: "payload of 2 bytes has no header length"))
  }

  @Test func writingDuplicateNamesThrows() {
    let archive = CheckpointArchive(tensors: [
      CheckpointTensor(name: "w", shape: [1], floats: [1]),
      CheckpointTensor(name: "w", shape: [1], floats: [2]),
    ])
    #expect(
      checkpointError { _ = try archive.encoded(path: "out.fspk") }
        == .duplicateName(path: "out.fspk", kind: "tensor", name: "w"))
  }

  @Test func lookUpErrorsNameFileTensorAndShapes() throws {
    var archive = CheckpointArchive(tensors: [
      CheckpointTensor(
        name: "conv2.weight", shape: [250, 30, 3, 3],
        floats: .init(repeating: 0.5, count: 250 * 30 * 9)),
      CheckpointTensor(name: "labels", shape: [2], values: .uint8([1, 2])),
    ])
    archive.source = "runs/s2.fspk"
    let shape = checkpointError {
      _ = try archive.floatTensor(named: "conv2.weight", shape: [250, 30, 5, 5])
    }
    #expect(
      shape?.description
        == "runs/s2.fspk: tensor 'conv2.weight' has shape [250, 30, 3, 3], expected [250, 30, 5, 5]"
    )
    let dtype = checkpointError { _ = try archive.floatTensor(named: "labels", shape: [2]) }
    #expect(dtype?.description == "runs/s2.fspk: tensor 'labels' has dtype uint8, expected float32")
    let missing = checkpointError { _ = try archive.tensor(named: "conv3.weight") }
    #expect(
      missing?.description
        == "runs/s2.fspk: no tensor named 'conv3.weight' (available: 'conv2.weight', 'labels')")
    let blob = checkpointError { _ = try archive.blob(named: "spec") }
    #expect(blob?.description == "runs/s2.fspk: no blob named 'spec' (available: none)")
  }

  @Test func blobOfWrongTypeSaysWhere() throws {
    var archive = CheckpointArchive(blobs: [
      CheckpointBlob(name: "progress", bytes: Array(#"{"stage":"two"}"#.utf8))
    ])
    archive.source = "p.fspk"
    struct Progress: Decodable { var stage: Int }
    let error = checkpointError { _ = try archive.decodeBlob(Progress.self, named: "progress") }
    guard case .badBlob(path: "p.fspk", name: "progress", let reason)? = error else {
      Issue.record("\(String(describing: error))")
      return
    }
    #expect(reason.hasPrefix("at 'stage': "), "\(reason)")
  }
}
