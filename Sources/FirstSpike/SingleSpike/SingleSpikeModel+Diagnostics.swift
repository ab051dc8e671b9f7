import Foundation

/// Feature pictures and the benchmark of a single-spike model.
extension SingleSpikeModel {
  public func featureGrid(layer: Int?, columns: Int?) throws -> FeatureGrid {
    guard let layer else { throw DiagnosticsError("--layer is required for \(spec.name)") }
    guard (1...spec.layers.count).contains(layer) else {
      throw DiagnosticsError("--layer must be 1...\(spec.layers.count) for \(spec.name)")
    }
    let pictures = FeatureReconstruction.pictures(inferenceNetwork(), layer: layer - 1)
    let grid = FeatureReconstruction.grid(pictures, columns: columns)
    return FeatureGrid(image: grid, summary: "\(pictures.shape.channels) features of layer \(layer) (\(pictures.shape.height)×\(pictures.shape.width) pixels each)")
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

/// A diagnostic that cannot be drawn or run for this model, reported as one line.
public struct DiagnosticsError: FirstSpikeError, Equatable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
