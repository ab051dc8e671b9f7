/// The built-in single-spike models (``ModelSpec`` presets) as registry entries.
extension SingleSpikeModel {
  static let builtIns: [BuiltInModel] = [
    entry("mozafari2019", "Mozafari et al. 2019 deep R-STDP digit recognizer (3 conv layers, decision by the first spike)",
          benchmarked: true),
    entry("kheradpisheh2018", "Kheradpisheh et al. 2018: two STDP conv layers and a linear SVM readout"),
    entry("shallow-rstdp", "the SpykeTorch tutorial's shallow R-STDP image classifier (ETH-80 cup vs dog)"),
  ]

  static func entry(_ name: String, _ summary: String, benchmarked: Bool = false) -> BuiltInModel {
    BuiltInModel(
      name: name, summary: summary, benchmarked: benchmarked,
      specJSON: { prettyJSON(ModelSpec.preset(name, variant: $0)!) },
      make: { variant, overrides, seed, data in
        let spec = try SpecOverride.apply(overrides, to: ModelSpec.preset(name, variant: variant)!, model: name)
        if let problem = spec.problem { throw SpecError(source: SpecOverride.source(name, overrides), problem: problem) }
        return SingleSpikeModel(spec: spec, seed: seed, data: data)
      })
  }
}
