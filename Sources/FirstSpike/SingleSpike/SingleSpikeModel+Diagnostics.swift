import Foundation

/// Feature pictures and the benchmark of a single-spike model.
extension SingleSpikeModel {
  public var featureLayers: [Int] { Array(1...spec.layers.count) }

  /// Layer 1 above an oriented-edge encoder is sketched in strokes
  /// (``FeatureReconstruction/edgeSketches(weights:layer:encoderKernelSize:orientations:)``),
  /// every other layer reconstructed in pixel space; a decision layer's features are grouped
  /// by the class they vote for.
  public func features(layer: Int?) throws -> FeatureSet {
    guard let layer else { throw DiagnosticsError("--layer is required for \(spec.name) (1...\(spec.layers.count))") }
    guard (1...spec.layers.count).contains(layer) else {
      throw DiagnosticsError("--layer must be 1...\(spec.layers.count) for \(spec.name)")
    }
    let network = inferenceNetwork(), l = spec.layers[layer - 1]
    let count = l.outChannels
    var groups: [FeatureSet.Group] = []
    var role = "", perClassNote = ""
    if layer == spec.layers.count, case .decision(let perClass) = spec.readout {
      let names = spec.classNames
      groups = stride(from: 0, to: count, by: perClass).map { first in
        let c = first / perClass
        return .init(label: c < names.count ? names[c] : "no class", tiles: Array(first..<min(count, first + perClass)))
      }
      role = " (decision layer)"
      perClassNote = ", \(perClass) per class (a row each, labelled with the class)"
    }
    var title = "\(spec.name), layer \(layer)\(role): \(count) learned features\(perClassNote)"
    if bestWeights[layer - 1] != nil, let pass = training[stage: layer]?.bestPass {
      title += "; weights of pass \(pass), the best test pass (what classify uses)"
    }
    if layer == 1, let angles = FeatureReconstruction.edgeOrientations(spec.encoder) {
      let e = network.encoder.filters.kernels[0].size
      let (side, sketches) = FeatureReconstruction.edgeSketches(weights: network.weights[0], layer: l, encoderKernelSize: e,
                                                                orientations: angles)
      let list = angles.map { String(format: "%g°", $0) }.joined(separator: ", ")
      return FeatureSet(
        title: title,
        caption: "Each tile sketches one feature over \(side)×\(side) input pixels: at each of its \(l.kernel)×\(l.kernel) kernel taps, "
          + "one line per edge orientation the encoder detects (\(list)), darker for a larger weight.",
        key: (dark: "largest weight", light: "no weight"), tileWidth: side, tileHeight: side,
        tiles: sketches.map { .strokes($0) }, groups: groups,
        summary: "\(count) features of layer \(layer) (sketches of \(side)×\(side) pixels each)")
    }
    let pictures = FeatureReconstruction.pictures(network, layer: layer - 1)
    let (h, w) = (pictures.shape.height, pictures.shape.width)
    return FeatureSet(
      title: title,
      caption: "Each tile is one feature carried back to pixel space through the layers below: its \(w)×\(h)-pixel receptive "
        + "field (the input image is \(spec.inputWidth)×\(spec.inputHeight)), scaled on its own.",
      key: (dark: "lowest", light: "highest"), tileWidth: w, tileHeight: h,
      tiles: FeatureSet.pixelTiles(pictures), groups: groups,
      summary: "\(count) features of layer \(layer) (\(h)×\(w) pixels each)")
  }

  public func benchmark(_ images: LabeledImages, options: BenchmarkOptions, source: String?,
                        progress: (String) -> Void) -> BenchmarkReport {
    let network = inferenceNetwork()
    let r = Benchmark.run(network, data: images, segments: options.segments, threads: options.threads, progress: progress)
    var lines = [
      "FirstSpike \(FirstSpikeVersion.string) bench: \(network.spec.name), \(source ?? "untrained weights (seed 0)"), \(r.images) MNIST training images, \(ProcessInfo.processInfo.activeProcessorCount) cores",
      "| stage | ms/image | images/s |", "|---|---:|---:|",
    ]
    for row in r.rows { lines.append(String(format: "| %@ | %.3f | %.0f |", row.name, row.msPerImage, row.imagesPerSecond)) }
    lines += ["", "| layer | input spikes/image | output spikes/image | synaptic events/image |", "|---|---:|---:|---:|"]
    for l in r.eventsPerLayer.indices {
      lines.append(String(format: "| conv%d | %.0f | %.0f | %.0f |", l + 1, r.inputSpikesPerLayer[l], r.outputSpikesPerLayer[l], r.eventsPerLayer[l]))
    }
    let totalEvents = r.eventsPerLayer.reduce(0, +)
    if let serial = r.rows.first(where: { $0.name == "inference, 1 thread" }), serial.msPerImage > 0 {
      lines.append(String(format: "\nsynaptic events per second (inference, 1 thread): %.2f G", totalEvents / serial.msPerImage / 1e6))
      if let par = r.rows.last, par.msPerImage > 0 {
        lines.append(String(format: "parallel speed-up (%d threads): %.2fx", r.threads, serial.msPerImage / par.msPerImage))
      }
    }
    return BenchmarkReport(text: lines.joined(separator: "\n"), rows: r.rows)
  }
}
