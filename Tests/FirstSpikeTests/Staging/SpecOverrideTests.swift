import FirstSpike
import FirstSpikeTestSupport
import Foundation
import Testing

/// `--set PATH=VALUE` on model specs.
@Suite struct SpecOverrideTests {
  @Test func setsNestedFieldsOfEitherKind() throws {
    let o = [SpecOverride(assignment: "layers[2].training.inputDropout=0.2")!,
             SpecOverride(assignment: "layers[0].threshold=12")!,
             SpecOverride(assignment: "name=mine")!]
    let spec = try SpecOverride.apply(o, to: ModelSpec.mozafari2019, model: "mozafari2019")
    #expect(spec.layers[2].training.inputDropout == 0.2 && spec.layers[0].threshold == 12 && spec.name == "mine")
    var expected = ModelSpec.mozafari2019
    expected.layers[2].training.inputDropout = 0.2
    expected.layers[0].threshold = 12
    expected.name = "mine"
    #expect(spec == expected)
    let rate = try SpecOverride.apply([SpecOverride(path: "neurons", value: "400")], to: DiehlCook2015Spec.diehlCook2015(neurons: 100),
                                      model: "diehlcook2015")
    #expect(rate == .diehlCook2015(neurons: 400))
  }

  /// An optional setting left out of the JSON (nil) can be set; a setting the spec does not
  /// have, a malformed path or a value of the wrong type is an error naming the option.
  @Test func refusesWhatTheSpecDoesNotHave() throws {
    let pool = try SpecOverride.apply([SpecOverride(assignment: "layers[0].inputPool={\"size\":2,\"stride\":2,\"padding\":0}")!],
                                      to: ModelSpec.mozafari2019, model: "m")
    #expect(pool.layers[0].inputPool == PoolSpec(size: 2, stride: 2))
    let cases: [(String, String)] = [
      ("neurons=5", "--set neurons=5: m has no setting 'neurons'"),
      ("layers[9].kernel=3", "--set layers[9].kernel=3: m has no setting 'layers[9].kernel'"),
      ("layers[0].kernl=3", "--set layers[0].kernl=3: m has no setting 'layers[0].kernl'"),
      ("layers..kernel=3", "--set layers..kernel=3: 'layers..kernel' is not a JSON path (keys separated by '.', elements by '[i]')"),
    ]
    for (text, message) in cases {
      let o = try #require(SpecOverride(assignment: text))
      #expect(throws: OverrideError.self) { _ = try SpecOverride.apply([o], to: ModelSpec.mozafari2019, model: "m") }
      do { _ = try SpecOverride.apply([o], to: ModelSpec.mozafari2019, model: "m") } catch { #expect("\(error)" == message) }
    }
    let wrongType = SpecOverride(assignment: "layers[0].kernel=big")!
    #expect(throws: OverrideError.self) { _ = try SpecOverride.apply([wrongType], to: ModelSpec.mozafari2019, model: "m") }
    #expect(SpecOverride(assignment: "=3") == nil && SpecOverride(assignment: "noequals") == nil)
  }

  /// Built-ins take overrides; `inspect --spec` JSON round-trips through a spec file.
  @Test func builtInsAndSpecFiles() throws {
    let record = DataRecord(kind: "mnist", path: "datasets/mnist", classNames: (0..<10).map(String.init))
    let dc = try #require(ModelRegistry.builtIn("diehlcook2015"))
    let model = try dc.make(.improved, [SpecOverride(path: "neurons", value: "7")], 3, record)
    #expect(model.title.hasPrefix("diehlcook2015 (7 excitatory") && model.seed == 3)
    let scratch = TempDirectory("spec")
    let file = scratch.file("m.json")
    try Data(ModelRegistry.builtIn("mozafari2019")!.specJSON(.paper).utf8).write(to: URL(fileURLWithPath: file))
    let fromFile = try ModelRegistry.newModel(specFile: file, overrides: [SpecOverride(path: "layers[1].kernel", value: "5")],
                                              seed: 0, data: record)
    var expected = ModelSpec.mozafari2019Paper
    expected.layers[1].kernel = 5
    #expect((fromFile as? SingleSpikeModel)?.spec == expected)
    let rateFile = scratch.file("dc.json")
    var json = try JSONSerialization.jsonObject(with: Data(dc.specJSON(.improved).utf8)) as! [String: Any]
    json["kind"] = "rate-coded"
    try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: rateFile))
    let rate = try ModelRegistry.newModel(specFile: rateFile, seed: 0, data: record)
    #expect(rate is RateCodedModel)
    json["kind"] = "quantum"
    try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: rateFile))
    #expect(throws: SpecFileError(path: rateFile, reason: "unknown model kind 'quantum' (known: 'single-spike', 'rate-coded')")) {
      _ = try ModelRegistry.newModel(specFile: rateFile, seed: 0, data: record)
    }
  }
}
