import FirstSpikeTestSupport
import Foundation
import Testing

@Suite struct TraceCommandTests {
  static let golden = repositoryRoot + "/Tests/FirstSpikeTests/Fixtures/golden/"

  /// The golden object of image `index` with `edit` applied, written to `dir/name`.
  static func editedCopy(_ index: Int, in dir: String, _ name: String, _ edit: (inout [String: Any]) -> Void) throws -> String {
    let data = try Data(contentsOf: URL(fileURLWithPath: golden + "mozafari_img\(index).json"))
    var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    edit(&object)
    let path = dir + "/" + name
    try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// `trace` on a copy of golden image 0: exit 0, the comparison lines, the verdict, and an
  /// output file with the golden keys and the reference's winners.
  @Test func goldenCopyTracesOK() throws {
    let scratch = TempDirectory("trace")
    let dir = scratch.path
    let reference = try Self.editedCopy(0, in: dir, "ref.json") { _ in }
    let out = dir + "/out.json"
    let result = try runFirstSpike(["trace", "--reference", reference, "--out", out, "--data", "datasets/mnist"])
    #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
    for line in [
      "trace of MNIST test image 0 against \(reference)",
      "  S1C1 spike times                0 of 4704 differ",
      "  conv1 spike times, fire(15)     0 of 23520 differ",
      "  conv1 spike times, inhibited    0 of 23520 differ",
      "  k-WTA winners (k 5, ρ 3)        equal [[2, 24, 12], [9, 6, 7], [24, 9, 18], [28, 20, 14], [4, 10, 9]]",
      "  weights after STDP              max |Δ| 0, 0 of 4500 beyond 1e-06",
      "verdict: OK",
      "wrote \(out)",
    ] {
      #expect(result.stdout.contains(line + "\n"), "missing line '\(line)' in:\n\(result.stdout)")
    }
    let written = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
    for key in ["s1c1_spike_time", "conv1_potential_final_thresholded", "conv1_spike_time_thresholded",
                "conv1_spike_time_inhibited", "conv1_potential_final_inhibited", "conv1_weight_after_stdp"] {
      #expect((written[key] as? [String: Any])?["shape"] != nil, "\(key)")
    }
    #expect((written["kwta_winners"] as? [[Int]])?.first == [2, 24, 12])
    #expect(written["label"] as? Int == 7 && written["s1c1_bin_size"] as? Int == 74)
  }

  /// One changed winner: the report shows both lists, exit 1 with one error line.
  @Test func alteredWinnerFails() throws {
    let scratch = TempDirectory("trace")
    let dir = scratch.path
    let reference = try Self.editedCopy(2, in: dir, "ref.json") { $0["kwta_winners"] = [[2, 21, 12], [9, 8, 16]] }
    let result = try runFirstSpike(["trace", "--reference", reference, "--out", dir + "/out.json"])
    #expect(result.status == 1)
    #expect(result.stdout.contains("DIFFER") && result.stdout.contains("[[2, 21, 12], [9, 8, 16]]"), "\(result.stdout)")
    #expect(result.stderr == "firstspike: error: \(reference): trace differs from the reference: k-WTA winners\n")
  }

  /// Not JSON, a missing key, a wrong shape, a missing file: exit 1, nothing on stdout, one
  /// stderr line naming the file.
  @Test func brokenReferenceIsOneErrorLine() throws {
    let scratch = TempDirectory("trace")
    let dir = scratch.path
    let notJSON = dir + "/not.json"
    try Data("{\"image_index\": 0,".utf8).write(to: URL(fileURLWithPath: notJSON))
    let missing = try Self.editedCopy(1, in: dir, "missing.json") { $0["kwta_winners"] = nil }
    let shape = try Self.editedCopy(1, in: dir, "shape.json") {
      $0["conv1_weight_after_stdp"] = ["shape": [30, 6, 25], "data": [Double](repeating: 0.5, count: 4500)]
    }
    let cases = [
      (notJSON, "not a JSON object"), (missing, "missing key 'kwta_winners'"),
      (shape, "key 'conv1_weight_after_stdp': shape [30, 6, 25], expected [30, 6, 5, 5]"),
      (dir + "/absent.json", "cannot read"),
    ]
    for (path, what) in cases {
      let result = try runFirstSpike(["trace", "--reference", path, "--out", dir + "/out.json"])
      #expect(result.status == 1 && result.stdout.isEmpty, "\(path): \(result)")
      #expect(result.stderr.hasPrefix("firstspike: error: \(path): \(what)"), "\(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.hasSuffix("\n"), "\(result.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: dir + "/out.json"))
  }

  @Test func helpHasAnExample() throws {
    let result = try runFirstSpike(["trace", "--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("firstspike trace --reference Tests/FirstSpikeTests/Fixtures/golden/mozafari_img0.json"))
  }
}
