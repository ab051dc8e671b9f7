import FirstSpike
import FirstSpikeTestSupport
import Foundation
import Testing

/// End-to-end: `evaluate --shard I/N --json` over 4 shards and `merge --json` print exactly
/// what one `evaluate --json` prints, byte for byte except `seconds` (wall-clock time: merge
/// reports the shards' sum; with `--no-timing` on both, byte for byte), for a single-spike and a rate-coded checkpoint; merge refuses
/// parts that do not belong together.
@Suite(.serialized) struct ShardedEvaluationTests {
  static let scratch = TempDirectory("shards")

  /// The JSON text with the value of `"seconds"` replaced (the only field that may differ).
  static func withoutSeconds(_ text: String) -> String {
    text.replacingOccurrences(of: #""seconds":[0-9.eE+-]+"#, with: #""seconds":_"#, options: .regularExpression)
  }

  static func shardsMergeToOneEvaluation(_ checkpoint: String, limit: Int) throws {
    let common = ["--checkpoint", checkpoint, "--limit", "\(limit)", "--json", "--skip-checksums"]
    let whole = try runFirstSpike(["evaluate"] + common)
    #expect(whole.status == 0, "\(whole.stderr)")
    var parts: [String] = []
    for i in [2, 0, 3, 1] {
      // Shard 3 takes its index from the scheduler, as a Slurm array task would.
      let r = i == 3 ? try runFirstSpike(["evaluate", "--shard", "auto/4"] + common, environment: ["SLURM_ARRAY_TASK_ID": "3"])
                     : try runFirstSpike(["evaluate", "--shard", "\(i)/4"] + common)
      #expect(r.status == 0, "\(r.stderr)")
      let path = scratch.file("\(URL(fileURLWithPath: checkpoint).lastPathComponent)-part-\(i).json")
      try r.stdout.write(toFile: path, atomically: true, encoding: .utf8)
      parts.append(path)
      #expect(r.stdout.contains("\"shard\":\(i),\"shards\":4"))
    }
    let merged = try runFirstSpike(["merge", "--json"] + parts)
    #expect(merged.status == 0, "\(merged.stderr)")
    #expect(withoutSeconds(merged.stdout) == withoutSeconds(whole.stdout))
    #expect(merged.stdout != withoutSeconds(merged.stdout), "merge reports seconds")
    // Without the wall-clock field the two are the same bytes.
    let wholeUntimed = try runFirstSpike(["evaluate", "--no-timing"] + common)
    let mergedUntimed = try runFirstSpike(["merge", "--json", "--no-timing"] + parts)
    #expect(wholeUntimed.status == 0 && mergedUntimed.status == 0, "\(wholeUntimed.stderr)\(mergedUntimed.stderr)")
    #expect(Data(mergedUntimed.stdout.utf8) == Data(wholeUntimed.stdout.utf8))
    #expect(!wholeUntimed.stdout.contains("\"seconds\""))
    let text = try runFirstSpike(["merge"] + parts)
    #expect(text.status == 0 && text.stdout.contains("on \(limit) test images"), "\(text.stdout)")
  }

  @Test func singleSpikeShardsMerge() throws {
    try Self.shardsMergeToOneEvaluation("checkpoints/kheradpisheh2018.fspk", limit: 42)
  }

  @Test func rateCodedShardsMerge() throws {
    try Self.shardsMergeToOneEvaluation("checkpoints/diehlcook2015-n100.fspk", limit: 30)
  }

  @Test func mergeRefusesPartsThatDoNotBelongTogether() throws {
    func part(_ checkpoint: String, _ shard: String, limit: Int = 8) throws -> String {
      let r = try runFirstSpike(["evaluate", "--checkpoint", checkpoint, "--limit", "\(limit)", "--json", "--skip-checksums", "--shard", shard])
      #expect(r.status == 0, "\(r.stderr)")
      let path = Self.scratch.file("p-\(UUID().uuidString).json")
      try r.stdout.write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    let kh = "checkpoints/kheradpisheh2018.fspk"
    let (a0, a1) = (try part(kh, "0/2"), try part(kh, "1/2"))
    let other = try part("checkpoints/diehlcook2015-n100.fspk", "1/2")
    let longer = try part(kh, "1/2", limit: 9)
    let bad = Self.scratch.file("bad.json")
    try "{\"format\": \"something else\"}".write(toFile: bad, atomically: true, encoding: .utf8)
    let cases: [([String], String)] = [
      ([a0], "shard 1/2 of checkpoints/kheradpisheh2018.fspk missing"),
      ([a0, a0, a1], "\(a0): shard 0/2 is also given as \(a0)"),
      ([a0, other], "\(other): kind 'rate-coded' differs from 'single-spike' in \(a0): not a shard of the same evaluation"),
      ([a0, longer], "\(longer): limit '9' differs from '8'"),
      ([bad], "\(bad): not an evaluation shard"),
      ([Self.scratch.file("none.json")], "none.json"),
    ]
    for (files, message) in cases {
      let r = try runFirstSpike(["merge", "--json"] + files)
      #expect(r.status == 1, "\(files)")
      #expect(r.stderr.hasPrefix("firstspike: error: ") && r.stderr.contains(message) && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }
    let noIndex = try runFirstSpike(["evaluate", "--checkpoint", kh, "--shard", "auto/2", "--json"])
    #expect(noIndex.status != 0 && noIndex.stderr.contains("neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set"))
  }
}
