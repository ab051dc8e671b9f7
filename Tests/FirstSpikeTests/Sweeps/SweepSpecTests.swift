import FirstSpikeTestSupport
import Foundation
import Testing
@testable import FirstSpike

/// Reading sweep specs: every field, defaults, absolute paths, and one-line errors that name
/// the file and the JSON path of what is wrong.
@Suite struct SweepSpecTests {
  static let full = """
    {"name": "s", "model": "mozafari2019", "preset": "paper", "set": {"layers[2].training.passes": 3},
     "data": "datasets/mnist", "skipChecksums": true, "limit": 100, "testLimit": 50, "seed": 4,
     "stages": [{"stage": 1, "epochs": 1}, {"stage": 2}, {"stage": 3, "epochs": 2, "evalEvery": 0, "testLimit": 20}],
     "parameters": [
       {"name": "dropout", "path": "layers[2].training.inputDropout", "values": [0, 0.3]},
       {"name": "grid", "values": [{"label": "6x6", "set": {"layers[2].inputPool.stride": 2, "layers[2].kernel": 6}},
                                   {"label": "4x4", "set": {"layers[2].inputPool.stride": 3, "layers[2].kernel": 5}}]},
       {"name": "seed", "path": "seed", "values": [0, 1], "labels": ["a", "b"]},
       {"name": "passes", "path": "stage3.epochs", "values": [2, 4]}
     ],
     "metric": {"name": "silent", "goal": "min", "limit": 30}}
    """

  static func read(_ text: String, name: String = "sweep.json") throws -> SweepSpec {
    let folder = TempDirectory("sweepspec")
    return try withExtendedLifetime(folder) {
      let path = folder.write(Array(text.utf8), to: name)
      return try SweepSpec.read(path: path, workingDirectory: "/work/here")
    }
  }

  @Test func readsEveryField() throws {
    let s = try Self.read(Self.full)
    #expect(s.name == "s" && s.base.builtIn == "mozafari2019" && s.base.preset == "paper" && s.base.seed == 4)
    #expect(s.base.settings == [SweepAssignment(target: "layers[2].training.passes", value: "3")])
    #expect(s.data == SweepData(path: "/work/here/datasets/mnist", trainFraction: 0.75, splitSeed: 0, verifyChecksums: false))
    #expect(s.limit == 100 && s.testLimit == 50)
    #expect(s.stages.map(\.stage) == [1, 2, 3] && s.stages[2].evalEvery == 0 && s.stages[2].testLimit == 20)
    #expect(s.parameters.map(\.name) == ["dropout", "grid", "seed", "passes"])
    #expect(s.parameters[0].levels.map(\.label) == ["0", "0.3"])
    #expect(s.parameters[0].levels[1].assignments == [SweepAssignment(target: "layers[2].training.inputDropout", value: "0.3")])
    #expect(s.parameters[1].levels[0].assignments.map(\.target) == ["layers[2].inputPool.stride", "layers[2].kernel"])
    #expect(s.parameters[2].levels.map(\.label) == ["a", "b"])
    #expect(s.search == .grid)
    #expect(s.metric == SweepMetric(name: "silent", split: "test", limit: 30, maximize: false))
  }

  @Test func defaults() throws {
    let s = try Self.read(#"{"spec": "/abs/my.json", "data": "d", "stages": [{"stage": 1}]}"#, name: "mine.json")
    #expect(s.name == "mine" && s.base.specFile == "/abs/my.json" && s.base.preset == "improved" && s.base.seed == 0)
    #expect(s.parameters.isEmpty && s.search == .grid)
    #expect(s.metric == SweepMetric(name: "accuracy", split: "test", limit: nil, maximize: true))
    let r = try Self.read(#"{"model": "mozafari2019", "data": "d", "stages": [{"stage": 3}], "search": {"random": {"trials": 5, "seed": 9}}, "parameters": [{"name": "ltp", "path": "layers[2].training.ltp", "range": [0.001, 0.01], "scale": "log"}]}"#)
    #expect(r.search == .random(trials: 5, seed: 9))
    #expect(r.parameters[0].range == SweepRange(target: "layers[2].training.ltp", low: 0.001, high: 0.01, log: true, integer: false))
  }

  @Test func errorsNameTheFileAndPath() throws {
    let base = #""model": "mozafari2019", "data": "d""#
    let cases: [(String, String)] = [
      ("{\(base), \"stages\": []}", "stages: expected a non-empty array"),
      ("{\(base), \"stages\": [{\"stage\": 1}, {\"stage\": 3}]}", "stages[1].stage: stages must follow each other (stage 2 expected)"),
      ("{\(base), \"stages\": [{\"stage\": 1, \"epoch\": 2}]}", "stages[0].epoch: unknown setting (known here: epochs, evalEvery, limit, saveEvery, stage, testLimit)"),
      ("{\(base), \"stages\": [{\"stage\": 0}]}", "stages[0].stage: expected a whole number from 1 to 1000"),
      ("{\(base), \"stages\": [{\"stage\": 1}], \"parameters\": [{\"name\": \"x\", \"path\": \"seed\", \"values\": []}]}",
       "parameters[0].values: expected a non-empty array"),
      ("{\(base), \"stages\": [{\"stage\": 1}], \"parameters\": [{\"name\": \"x\", \"path\": \"stage2.epochs\", \"values\": [1]}]}",
       "parameters[0]: 'stage2.epochs': stage 2 is not among the stages"),
      ("{\(base), \"stages\": [{\"stage\": 1}], \"parameters\": [{\"name\": \"x\", \"path\": \"stage1.epoch\", \"values\": [1]}]}",
       "parameters[0]: 'stage1.epoch': unknown stage option (known: epochs, limit, testLimit, evalEvery, saveEvery)"),
      ("{\(base), \"stages\": [{\"stage\": 1}], \"parameters\": [{\"name\": \"x\", \"path\": \"a\", \"range\": [0, 1]}]}",
       "parameters: 'x' has a range: a range needs \"search\": {\"random\": …}"),
      ("{\(base), \"stages\": [{\"stage\": 1}], \"parameters\": [{\"name\": \"x\", \"values\": [{\"label\": \"a\"}]}]}",
       "parameters[0].values[0].set: missing: the settings of this level, {TARGET: value, …}"),
      ("{\(base), \"stages\": [{\"stage\": 1}], \"parameters\": [{\"name\": \"x\", \"path\": \"s\", \"values\": [1, 1]}]}",
       "parameters[0].values: two levels are labelled '1'"),
      ("{\(base), \"stages\": [{\"stage\": 1}], \"metric\": {\"goal\": \"best\"}}", "metric.goal: expected \"max\" or \"min\""),
      ("{\(base), \"stages\": [{\"stage\": 1}], \"search\": {\"random\": {\"trials\": 0}}}", "search.random.trials: expected a whole number from 1 to 100000"),
      ("{\(base), \"stages\": [{\"stage\": 1}], \"skipChecksums\": 1}", "skipChecksums: expected true or false"),
      ("{\"data\": \"d\", \"stages\": [{\"stage\": 1}]}", "model: give \"model\" (a built-in) or \"spec\" (a spec file), one of them"),
      ("{\"model\": \"nope\", \"data\": \"d\", \"stages\": [{\"stage\": 1}]}", "model: unknown model 'nope' (known: \(ModelRegistry.builtInNames.joined(separator: ", ")))"),
      ("[1]", "expected a JSON object"),
    ]
    for (text, message) in cases {
      do {
        _ = try Self.read(text, name: "bad.json")
        Issue.record("accepted: \(text)")
      } catch let e as SweepSpecError {
        #expect(e.description.hasSuffix("bad.json: " + message), "\(text)")
        #expect(!e.description.contains("\n"))
      }
    }
  }

  @Test func targets() {
    #expect(SweepTarget("seed") == .seed)
    #expect(SweepTarget("stage3.epochs") == .stageOption(stage: 3, option: "epochs"))
    #expect(SweepTarget("layers[2].kernel") == .spec("layers[2].kernel"))
    #expect(SweepTarget("stages.x") == .spec("stages.x"))
  }
}
