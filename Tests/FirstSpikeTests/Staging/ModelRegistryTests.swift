import FirstSpike
import FirstSpikeTestSupport
import Foundation
import Testing

/// One registry of kinds and built-in models; every checkpoint opens as its own kind.
@Suite struct ModelRegistryTests {
  static let record = DataRecord(kind: "mnist", path: "datasets/mnist", classNames: (0..<10).map(String.init))

  @Test func listsEveryBuiltInOnce() {
    #expect(ModelRegistry.builtInNames == ["mozafari2019", "kheradpisheh2018", "shallow-rstdp", "s4nn", "ttfs-cnn",
                                            "mozafari2019-hybrid", "diehlcook2015"])
    #expect(Set(ModelRegistry.kinds.map { $0.kind }) == [.singleSpike, .rateCoded])
  }

  /// A new model of every built-in, saved and opened again, is the same model of the same kind.
  @Test(arguments: ModelRegistry.builtInNames) func builtInsRoundTripAsTheirKind(name: String) throws {
    var spec = try #require(ModelRegistry.builtIn(name))
    if name == "diehlcook2015" {  // keep it small
      let small = try spec.make(.improved, [SpecOverride(path: "neurons", value: "3")], 5, Self.record)
      spec.make = { _, _, _, _ in small }
    }
    let model = try spec.make(.improved, [], 5, Self.record)
    let path = temporaryPath("\(name).fspk")
    try model.save(to: path)
    let opened = try ModelRegistry.open(path: path)
    #expect(type(of: opened.model).kind == type(of: model).kind)
    #expect(opened.model.specJSON == model.specJSON && opened.model.seed == 5 && opened.model.name == name)
    #expect(try opened.model.archive() == model.archive())
    #expect(opened.model.completedStages == 0 && opened.model.stageStatus(1) == nil)
  }
}
