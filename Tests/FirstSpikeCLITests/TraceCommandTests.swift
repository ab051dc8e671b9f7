import FirstSpike
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

/// `trace` on the whole-network references (Fixtures/golden-deep): the table, the named
/// rounding-decided differences, the verdict, and the errors.
@Suite struct DeepTraceCommandTests {
  static let folder = "Tests/FirstSpikeTests/Fixtures/golden-deep/"

  /// MozafariDeep image 2: exit 0, a row per stored array, every one equal, `verdict: OK`.
  @Test func mozafariDeepTracesOK() throws {
    let reference = Self.folder + "mozafari_deep_img2.json"
    let result = try runFirstSpike(["trace", "--reference", reference])
    #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "trace of mozafari2019 (SpykeTorch MozafariDeep.py) on MNIST test image 2 against \(reference)")
    #expect(lines.last == "verdict: OK")
    for (row, figures) in [("conv2.spike_time", "49000      equal"), ("decision.winner", "equal, [32, 2, 2]"),
                          ("pool2.spike_time", "4000       equal"), ("rstdp_step_wrong_target.outcome (target 2)", "equal, punish"),
                          ("end to end from the image", "every wave and the readout equal the stored ones")] {
      #expect(lines.contains { $0.hasPrefix("  " + row + " ") && $0.hasSuffix(figures) }, "row \(row): \(figures)\n\(result.stdout)")
    }
  }

  /// Kheradpisheh image 1: exit 0; the 8th pick is named and the verdict says why it differs.
  @Test func scoreTieIsNamed() throws {
    let result = try runFirstSpike(["trace", "--reference", Self.folder + "kheradpisheh_img1.json"])
    #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
    #expect(result.stdout.contains("  - k-WTA pick 8 of 8: [102, 4, 10] (p 1.9999998) and [12, 10, 7] (p 1.9999996) both fire at step 4;"))
    #expect(result.stdout.hasSuffix("verdict: OK — every array agrees where the semantics decide; 3 rows differ only where "
      + "float32 rounding or a documented FirstSpike tie rule decides (every such difference is listed above)\n"))
  }

  /// A damaged reference: exit 1, the row marked, one error line naming the file and the row.
  @Test func damagedReferenceFails() throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/" + Self.folder + "shallow_img2.json"))
    var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var decision = try #require(object["decision"] as? [String: Any])
    decision["winner"] = [3, 0, 0]
    object["decision"] = decision
    let path = temporaryPath("shallow_img2.json")
    try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
    let result = try runFirstSpike(["trace", "--reference", path])
    #expect(result.status == 1)
    #expect(result.stdout.contains("  << DIFFERS") && result.stdout.contains("verdict: DIFFERENT (decision.winner; end to end: decision.winner)"), "\(result.stdout)")
    #expect(result.stderr == "firstspike: error: \(path): trace differs from the reference: decision.winner; end to end: decision.winner\n")
  }

  /// Another checkpoint: the geometry rows differ and the trace stops there (exit 1); no
  /// checkpoint: one error line.
  @Test func wrongOrMissingCheckpoint() throws {
    let reference = Self.folder + "mozafari_deep_img0.json"
    let other = try runFirstSpike(["trace", "--reference", reference, "--checkpoint", "checkpoints/mozafari2019.fspk"])
    #expect(other.status == 1 && other.stdout.contains("  pool2 geometry") && other.stdout.contains("<< DIFFERS"), "\(other)")
    #expect(other.stderr.hasPrefix("firstspike: error: \(reference): trace differs from the reference: weights conv3 = layer3.best; pool2 geometry"))
    let missing = try runFirstSpike(["trace", "--reference", reference, "--checkpoint", "no/such.fspk"])
    #expect(missing.status == 1 && missing.stdout.isEmpty)
    #expect(missing.stderr == "firstspike: error: no/such.fspk: cannot read: no such checkpoint (run from the repository root or pass --checkpoint)\n")
  }
}

/// `FIRSTSPIKE_KERNELS` forces each C kernel clone in the built binary: `firstspike info` says
/// the forced clone is the one in use, and every clone this CPU runs gives the same trace, byte
/// for byte; a clone the CPU lacks is skipped (with the reason in the report); an unknown name
/// is refused with one line.
@Suite struct KernelCloneCommandTests {
  static func trace(_ clone: String) throws -> CLIResult {
    try runFirstSpike(["trace", "--reference", "Tests/FirstSpikeTests/Fixtures/golden-deep/kheradpisheh_img2.json"],
                      environment: [KernelClone.environmentVariable: clone])
  }

  /// The first line of `firstspike info` (no file) under `FIRSTSPIKE_KERNELS=clone`.
  static func activeLine(_ clone: String) throws -> String {
    let r = try runFirstSpike(["info"], environment: [KernelClone.environmentVariable: clone])
    #expect(r.status == 0 && r.stderr.isEmpty, "\(r)")
    return String(r.stdout.split(separator: "\n").first ?? "")
  }

  static func sameAsAuto(_ clone: KernelClone) throws {
    #expect(try activeLine(clone.description) == "kernels: \(clone) (forced by FIRSTSPIKE_KERNELS)")
    let forced = try trace(clone.description), auto = try trace("auto")
    #expect(forced.status == 0 && forced.stdout == auto.stdout && forced.stdout.hasSuffix("verdict: OK\n"), "\(forced)")
  }

  /// Unset, empty or `auto`: the widest clone this CPU runs, said to be chosen automatically.
  @Test func autoIsTheWidestClone() throws {
    let widest = KernelClone.allCases.filter(\.isSupported).last ?? .baseline
    for value in ["auto", ""] {
      #expect(try Self.activeLine(value) == "kernels: \(widest) (auto: the widest this CPU runs)", "'\(value)'")
    }
    let supported = KernelClone.allCases.filter(\.isSupported).map(\.description).joined(separator: ", ")
    let r = try runFirstSpike(["info"], environment: [KernelClone.environmentVariable: nil])
    #expect(r.stdout == "kernels: \(widest) (auto: the widest this CPU runs)\nthis CPU runs: \(supported)\n", "\(r)")
  }

  @Test func baseline() throws { try Self.sameAsAuto(.baseline) }

  @Test(.enabled(if: KernelClone.avx2.isSupported, "this CPU does not run AVX2: the avx2 clone is not tested here"))
  func avx2() throws { try Self.sameAsAuto(.avx2) }

  @Test(.enabled(if: KernelClone.avx512.isSupported, "this CPU does not run AVX-512: the avx512 clone is not tested here"))
  func avx512() throws { try Self.sameAsAuto(.avx512) }

  @Test func unknownCloneIsRefused() throws {
    let r = try Self.trace("sse9")
    #expect(r.status == 1 && r.stdout.isEmpty)
    #expect(r.stderr == "firstspike: error: FIRSTSPIKE_KERNELS=sse9: unknown kernel clone (one of baseline, avx2, avx512, auto)\n")
  }
}
