/// Per-neuron weight normalization: scales every column `j` of an input-major `inputs ×
/// outputs` matrix so that its sum of absolute values is `norm`,
/// `w[i][j] ← w[i][j] · norm / Σ_i |w[i][j]|` (a zero column is left as it is).
/// Mirrors BindsNET `Connection.normalize` (run after every image).
/// - Complexity: O(inputs · outputs), two row-major sweeps.
public func normalizeColumns(_ weights: UnsafeMutableBufferPointer<Float>, outputs: Int, norm: Float) {
  let inputs = weights.count / outputs
  precondition(inputs * outputs == weights.count, "\(weights.count) weights for \(outputs) outputs")
  let w = weights.baseAddress!
  var sums = [Float](repeating: 0, count: outputs)
  sums.withUnsafeMutableBufferPointer { s in
    for i in 0..<inputs {
      let row = w + i * outputs
      for j in 0..<outputs { s[j] += abs(row[j]) }
    }
    for j in 0..<outputs { s[j] = s[j] == 0 ? 1 : norm / s[j] }
    for i in 0..<inputs {
      let row = w + i * outputs
      for j in 0..<outputs { row[j] *= s[j] }
    }
  }
}

/// Clamps every weight to `[lower, upper]`.
public func clampWeights(_ weights: UnsafeMutableBufferPointer<Float>, lower: Float, upper: Float) {
  for k in weights.indices { weights[k] = min(max(weights[k], lower), upper) }
}
