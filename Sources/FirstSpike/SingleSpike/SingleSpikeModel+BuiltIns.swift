/// The built-in single-spike models (``ModelSpec`` presets) as registry entries.
extension SingleSpikeModel {
  static let builtIns: [BuiltInModel] = [
    entry("mozafari2019", "Mozafari et al. 2019 deep R-STDP digit recognizer (3 conv layers, decision by the first spike)",
          benchmarked: true),
    entry("kheradpisheh2018", "Kheradpisheh et al. 2018: two STDP conv layers and a linear SVM readout"),
    entry("shallow-rstdp", "the SpykeTorch tutorial's shallow R-STDP image classifier (ETH-80 cup vs dog)"),
    entry("s4nn", "S4NN (Kheradpisheh & Masquelier 2020): 784-400-10 trained by temporal backpropagation"),
    entry("ttfs-cnn", "a convolutional time-to-first-spike network trained from scratch by temporal backpropagation"),
    entry("mozafari2019-hybrid", "mozafari2019's STDP conv1/conv2 with a decision layer trained by temporal backpropagation"),
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
