/// The built-in rate-coded model as a registry entry.
extension RateCodedModel {
  static let builtIns: [BuiltInModel] = [
    BuiltInModel(
      name: modelName,
      summary: "Diehl & Cook 2015 unsupervised rate-coded MNIST network (100 neurons; --neurons, --time)",
      benchmarked: true,
      specJSON: { _ in prettyJSON(DiehlCook2015Spec.diehlCook2015(neurons: 100)) },
      make: { _, overrides, seed, data in
        let spec = try SpecOverride.apply(overrides, to: DiehlCook2015Spec.diehlCook2015(neurons: 100), model: modelName)
        if let problem = spec.problem { throw SpecError(source: SpecOverride.source(modelName, overrides), problem: problem) }
        return RateCodedModel(spec: spec, seed: seed, data: data)
      }),
  ]
}
