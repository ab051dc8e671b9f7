import Foundation

extension Network {
  /// Binary SVM features of every image: the neurons of the last layer's wave, pooled by the
  /// readout's pooling, that fired. Computed in parallel; row `i` is image `i`.
  public func svmFeatures(_ data: LabeledImages, threads: Int = defaultThreadCount) -> SparseFeatureMatrix {
    guard case .svm(let pool, _, _, _) = spec.readout else { preconditionFailure("\(spec.name) has no SVM readout") }
    let L = spec.layers.count
    let dimension = spec.svmFeatureDimension!
    let n = data.count
    var rows = [[Int32]](repeating: [], count: n)
    rows.withUnsafeMutableBufferPointer { buf in
      let out = SharedBuffer(buf)
      parallelFor((n + 31) / 32, threads: threads) { c in
        var conv = ConvOutput(), events = SpikeEvents()
        for i in (c * 32)..<min(n, (c + 1) * 32) {
          var wave = self.pooledInput(self.encode(data.images[i]), layer: 0)
          for l in 0..<L {
            self.run(layer: l, pooledInput: wave, into: &conv, events: &events)
            if l + 1 < L { wave = self.input(of: l + 1, from: conv) }
          }
          out[i] = conv.pooledWave(size: pool.size, stride: pool.stride, padding: pool.padding).firedIndices()
        }
      }
    }
    var matrix = SparseFeatureMatrix(dimension: dimension)
    matrix.reserveCapacity(rows: n, nonZeros: rows.reduce(0) { $0 + $1.count })
    for r in rows { matrix.append(columns: r) }
    return matrix
  }
}
