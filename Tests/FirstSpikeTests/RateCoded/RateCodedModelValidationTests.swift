import FirstSpikeTestSupport
import Foundation
import Testing
@testable import FirstSpike

/// Damaged or mixed-up rate-coded checkpoints give one-line errors naming the file.
@Suite struct RateCodedModelValidationTests {
  /// Writes the fresh tiny checkpoint's archive after `edit`, then loads it.
  func load(editing edit: (inout CheckpointArchive) throws -> Void) throws -> (String, Result<RateCodedModel, any Error>) {
    let path = temporaryPath("edited.fspk")
    var archive = try RateCodedModelTests.fresh().archive()
    try edit(&archive)
    try archive.write(to: path)
    return (path, Result { try RateCodedModel.load(path: path) })
  }

  func message(_ result: Result<RateCodedModel, any Error>) -> String? {
    guard case .failure(let e) = result else { return nil }
    return (e as? any FirstSpikeError)?.description
  }

  @Test func kindsAreNotMixedUp() throws {
    let rate = temporaryPath("rate.fspk"), single = temporaryPath("single.fspk")
    try RateCodedModelTests.fresh().save(to: rate)
    try SingleSpikeModel(spec: TinyModels.mozafari, seed: 1, data: RateCodedModelTests.record).save(to: single)
    #expect(try ModelKind.of(CheckpointArchive.load(from: rate)) == .rateCoded && ModelKind.of(CheckpointArchive.load(from: single)) == .singleSpike)
    #expect(throws: ModelKind.Mismatch(path: rate, found: .rateCoded, expected: .singleSpike)) {
      try SingleSpikeModel.load(path: rate)
    }
    #expect(throws: ModelKind.Mismatch(path: single, found: .singleSpike, expected: .rateCoded)) {
      try RateCodedModel.load(path: single)
    }
    #expect(ModelKind.Mismatch(path: rate, found: .rateCoded, expected: .singleSpike).description
      == "\(rate): holds a rate-coded model, but this needs a single-spike model checkpoint")
    let (path, unknown) = try load { $0.setBlob(try CheckpointBlob(name: "kind", json: "spiking-transformer")) }
    #expect(message(unknown) == "\(path): blob 'kind' does not decode: unknown kind 'spiking-transformer' (known: 'single-spike', 'rate-coded')")
  }

  @Test func tensorShapesAreChecked() throws {
    let (path, r) = try load { $0.setTensor(CheckpointTensor(name: "exc.theta", shape: [7], floats: [Float](repeating: 0, count: 7))) }
    #expect(message(r) == "\(path): tensor 'exc.theta' has shape [7], expected [8]")
    let (path2, r2) = try load { $0.tensors.removeAll { $0.name == "exc.weight" } }
    #expect(message(r2) == "\(path2): no tensor named 'exc.weight' (available: 'exc.theta')")
  }

  @Test(arguments: [
    ("dt", "dt: must be > 0, got 0.0"),
    ("neurons", "neurons: must be in 1...1048576, got 0"),
    ("inputs", "inputs: must be a square image side² with 1 ≤ side ≤ 4096, got 780"),
    ("intensity", "intensity: 900.0 Hz + 5 × 32.0 Hz exceeds one spike per step of 1.0 ms"),
    ("memory", "neurons: 784 inputs × 1000000 neurons need about 8.8 GiB, over the limit of 4.0 GiB"),
    ("wmin", "stdp.wmin: must be ≤ stdp.wmax (1.0), got 2.0"),
  ])
  func badSpecsAreRejected(field: String, reason: String) throws {
    let (path, r) = try load { archive in
      var spec = RateCodedModelTests.fresh().spec
      switch field {
      case "dt": spec.dt = 0
      case "neurons": spec.neurons = 0
      case "inputs": spec.inputs = 780
      case "memory": spec.neurons = 1_000_000
      case "wmin": spec.stdp.wmin = 2
      default: spec.intensity = 900
      }
      archive.setBlob(try CheckpointBlob(name: "rate-spec", json: spec))
    }
    #expect(message(r) == "\(path): blob 'rate-spec': \(reason)", "\(field)")
  }

  @Test func assignmentAndProgressAreChecked() throws {
    let (path, r) = try load { archive in
      var sums = ClassResponseSums(neurons: 5, classes: 10)
      sums.add([Int32](repeating: 1, count: 5), label: 2)
      archive.setBlob(try CheckpointBlob(name: "assignment", json: NeuronAssignment(sums: sums)))
    }
    #expect(message(r) == "\(path): blob 'assignment': 5 neurons and 10 classes for a network of 8 neurons")
    let (path2, r2) = try load { archive in
      var c = RateCodedModelTests.fresh()
      var p = RateCodedProgress(trainingImages: 10, passes: 1, shuffle: true, seed: 1)
      p.position = 10
      c.training.stage1 = p
      archive.setBlob(try CheckpointBlob(name: "rate-training", json: c.training))
    }
    #expect(message(r2) == "\(path2): blob 'rate-training': stage 1 at image 10 of 10, 0 seen")
  }
}
