import FirstSpikeTestSupport
import Foundation
import Testing
@testable import FirstSpike

/// Expanding sweeps into trials: the grid's order, seeded random samples, parameters applied
/// to specs and stage options, and which stages trials share.
@Suite struct SweepPlanTests {
  static let record = DataRecord(kind: "mnist", path: "/data", classNames: (0..<10).map(String.init))

  /// The plan of a sweep of the tiny mozafari spec with `parameters` (JSON text) and `extra`
  /// top-level settings.
  static func plan(_ parameters: String, stages: String = #"[{"stage": 1}, {"stage": 2}, {"stage": 3, "epochs": 2}]"#,
                   extra: String = "") throws -> SweepPlan {
    let folder = TempDirectory("sweepplan")
    return try withExtendedLifetime(folder) {
      let spec = TinyModels.mozafariSpecFile(in: folder.path)
      let text = "{\"spec\": \"\(spec)\", \"data\": \"/data\", \"stages\": \(stages), \"parameters\": \(parameters)\(extra)}"
      let path = folder.write(Array(text.utf8), to: "sweep.json")
      let s = try SweepSpec.read(path: path, workingDirectory: folder.path)
      return try SweepPlan.make(spec: s, models: TrialModels(base: s.base), data: record, file: path)
    }
  }

  static let dropoutGridSeed = """
    [{"name": "dropout", "path": "layers[2].training.inputDropout", "values": [0, 0.3]},
     {"name": "grid", "values": [{"label": "6x6", "set": {"layers[2].inputPool.stride": 2, "layers[2].kernel": 6}},
                                 {"label": "4x4", "set": {"layers[2].inputPool.stride": 3, "layers[2].kernel": 5, "layers[2].inputPadding": 2}}]},
     {"name": "seed", "path": "seed", "values": [0, 1]}]
    """

  @Test func gridVariesTheFirstParameterSlowest() throws {
    let p = try Self.plan(Self.dropoutGridSeed)
    #expect(p.trials.count == 8 && p.trials.map(\.index) == Array(0..<8))
    #expect(p.trials.map { $0.levels.joined(separator: "/") } == [
      "0/6x6/0", "0/6x6/1", "0/4x4/0", "0/4x4/1", "0.3/6x6/0", "0.3/6x6/1", "0.3/4x4/0", "0.3/4x4/1",
    ])
    #expect(p.trials[5].seed == 1 && p.trials[5].settings.contains(SweepAssignment(target: "layers[2].training.inputDropout", value: "0.3")))
    #expect(p.trials[2].settings.contains(SweepAssignment(target: "layers[2].inputPadding", value: "2")))
  }

  /// Parameters of stage 3 only: trials of the same seed share stages 1 and 2; stage 3 and
  /// the seed are never shared across.
  @Test func trialsShareTheStagesTheyTrainAlike() throws {
    let p = try Self.plan(Self.dropoutGridSeed)
    for t in p.trials {
      #expect(t.stages.map(\.shared) == [true, true, false])
      for u in p.trials {
        #expect((t.stages[1].key == u.stages[1].key) == (t.seed == u.seed))
        #expect((t.stages[2].key == u.stages[2].key) == (t.index == u.index))
      }
    }
    // A conv2 parameter: all share stage 1, stage 2 only within the same threshold.
    let q = try Self.plan(#"[{"name": "t", "path": "layers[1].threshold", "values": [10, 12]}, {"name": "d", "path": "layers[2].training.inputDropout", "values": [0, 0.3]}]"#)
    #expect(Set(q.trials.map { $0.stages[0].key }).count == 1)
    #expect(Set(q.trials.map { $0.stages[1].key }).count == 2 && q.trials[0].stages[1].key == q.trials[1].stages[1].key)
    // The options of a stage and the earlier ones are in its key; later ones are not.
    let r = try Self.plan(#"[{"name": "e", "path": "stage3.epochs", "values": [1, 2]}, {"name": "f", "path": "stage2.epochs", "values": [1, 2]}]"#)
    #expect(r.trials.map { $0.stages[2].epochs } == [1, 1, 2, 2] && r.trials.map { $0.stages[1].epochs } == [1, 2, 1, 2])
    #expect(r.trials[0].stages[1].key == r.trials[2].stages[1].key && r.trials[0].stages[1].key != r.trials[1].stages[1].key)
    #expect(Set(r.trials.map { $0.stages[0].key }).count == 1)
    // One trial shares nothing.
    let one = try Self.plan("[]")
    #expect(one.trials.count == 1 && one.trials[0].stages.map(\.shared) == [false, false, false])
  }

  @Test func randomSamplesAreSeededAndDistinct() throws {
    let params = Self.dropoutGridSeed
    let a = try Self.plan(params, extra: #", "search": {"random": {"trials": 5, "seed": 3}}"#)
    let b = try Self.plan(params, extra: #", "search": {"random": {"trials": 5, "seed": 3}}"#)
    let c = try Self.plan(params, extra: #", "search": {"random": {"trials": 5, "seed": 4}}"#)
    #expect(a.trials == b.trials && a.trials.map(\.levels) != c.trials.map(\.levels))
    #expect(Set(a.trials.map(\.levels)).count == 5)
    #expect(throws: SweepSpecError.self) { _ = try Self.plan(params, extra: #", "search": {"random": {"trials": 9}}"#) }
    let ranged = try Self.plan(#"[{"name": "ltp", "path": "layers[2].training.ltp", "range": [0.001, 0.1], "scale": "log"}, {"name": "n", "path": "stage3.epochs", "range": [1, 4], "integer": true}]"#,
                               extra: #", "search": {"random": {"trials": 20, "seed": 1}}"#)
    for t in ranged.trials {
      let ltp = try #require(Double(t.levels[0]))
      #expect(ltp >= 0.001 && ltp <= 0.1)
      #expect((1...4).contains(t.stages[2].epochs ?? 0) && t.levels[1] == String(t.stages[2].epochs ?? 0))
    }
    #expect(Set(ranged.trials.map { $0.levels[0] }).count > 10)
  }

  @Test func refusesWhatTheModelCannotDo() throws {
    func message(_ body: () throws -> SweepPlan) -> String {
      do { _ = try body(); return "accepted" } catch { return "\(error)" }
    }
    #expect(message { try Self.plan(#"[{"name": "k", "path": "layers[7].kernel", "values": [3]}]"#) }
      .contains(#/sweep.json: trial 0 \(k=3\): layers\[7\].kernel=3: .*tiny.json has no setting 'layers\[7\].kernel'$/#))
    #expect(message { try Self.plan("[]", stages: #"[{"stage": 3}]"#) }
      .contains("stage 3 needs stages 1…2 trained first: list them in \"stages\" or give \"initFrom\""))
    #expect(message { try Self.plan("[]", stages: #"[{"stage": 4}]"#) }.contains("tiny-mozafari has 3 stages, not 4"))
    #expect(message { try Self.plan(#"[{"name": "s", "path": "seed", "values": [-1]}]"#) }.contains("seed=-1: expected a whole number from 0"))
  }

  @Test func slurmScript() {
    let job = SlurmJob(name: "moz sweep", folder: "/runs/moz", executable: "/opt/it's/firstspike", trials: [0, 1, 2, 5, 7, 8],
                       cpusPerTask: 4, memory: "4G", time: "01:00:00", partition: "cpu", maxParallel: 3, extraOptions: ["--account=lab"])
    #expect(job.arraySpec == "0-2,5,7-8%3")
    let s = job.script
    for line in ["#!/bin/bash", "#SBATCH --job-name=firstspike-moz_sweep", "#SBATCH --array=0-2,5,7-8%3", "#SBATCH --cpus-per-task=4",
                 "#SBATCH --mem=4G", "#SBATCH --time=01:00:00", "#SBATCH --signal=B:TERM@120", "#SBATCH --partition=cpu",
                 "#SBATCH --output=/runs/moz/slurm/%A_%a.out", "#SBATCH --requeue", "#SBATCH --account=lab",
                 "export FIRSTSPIKE_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"", "exec '/opt/it'\\''s/firstspike' sweep-trial '/runs/moz'"] {
      #expect(s.split(separator: "\n").contains(Substring(line)), "\(line)")
    }
    #expect(!SlurmJob(name: "x", folder: "/f", executable: "/b", trials: [3]).script.contains("--signal"))
  }
}
