internal import CFirstSpikeKernels

/// The inner loops of temporal backpropagation. Training calls the C versions in
/// `CFirstSpikeKernels` (`fs_backward_run`, `fs_sgd_update`, `fs_adam_update`: AVX-512/AVX2/SSE
/// clones); these Swift functions are their reference, the same operations in the same order,
/// compared bit for bit in BackwardKernelTests.
enum BackwardKernels {
  /// For `f < n` (a multiple of 8): `m = t_out[f] ≥ t_in ? g[f] : 0`, `dw[f] −= m`; returns
  /// `Σ w[f]·m` in 8 lanes (lane `f mod 8`) reduced `((0+1)+(2+3))+((4+5)+(6+7))`.
  static func backwardRunReference(_ dw: UnsafeMutablePointer<Float>, _ w: UnsafePointer<Float>, _ g: UnsafePointer<Float>,
                                   _ tout: UnsafePointer<UInt8>, _ tin: UInt8, _ n: Int) -> Float {
    var acc = [Float](repeating: 0, count: 8)
    var j = 0
    while j < n {
      for l in 0..<8 {
        let m = tout[j + l] >= tin ? g[j + l] : 0
        dw[j + l] = dw[j + l] - m
        acc[l] = acc[l] + w[j + l] * m
      }
      j += 8
    }
    return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]))
  }

  @inline(__always)
  static func backwardRun(_ dw: UnsafeMutablePointer<Float>, _ w: UnsafePointer<Float>, _ g: UnsafePointer<Float>,
                          _ tout: UnsafePointer<UInt8>, _ tin: UInt8, _ n: Int) -> Float {
    fs_backward_run(dw, w, g, tout, tin, Int64(n))
  }

  /// `w[i] −= rate·g[i]`, then `w[i] −= decay·w[i]` when `decay ≠ 0`.
  static func sgdReference(_ w: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>, rate: Float, decay: Float) {
    for i in 0..<w.count { w[i] = w[i] - rate * g[i] }
    if decay != 0 {
      for i in 0..<w.count { w[i] = w[i] - decay * w[i] }
    }
  }

  static func sgd(_ w: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>, rate: Float, decay: Float) {
    fs_sgd_update(w.baseAddress!, g.baseAddress!, Int64(w.count), rate, decay)
  }

  /// Adam: `m ← β1·m + (1−β1)·g`, `v ← β2·v + ((1−β2)·g)·g`, `w ← w − (rate·(m/c1)) / (√(v/c2) + ε)`,
  /// then the decay as ``sgdReference(_:_:rate:decay:)``.
  static func adamReference(_ w: UnsafeMutableBufferPointer<Float>, _ m: UnsafeMutableBufferPointer<Float>,
                            _ v: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>, rate: Float,
                            beta1 β1: Float, beta2 β2: Float, epsilon ε: Float, c1: Float, c2: Float, decay: Float) {
    let ob1 = 1 - β1, ob2 = 1 - β2
    for i in 0..<w.count {
      m[i] = β1 * m[i] + ob1 * g[i]
      v[i] = β2 * v[i] + ob2 * g[i] * g[i]
      w[i] = w[i] - (rate * (m[i] / c1)) / ((v[i] / c2).squareRoot() + ε)
    }
    if decay != 0 {
      for i in 0..<w.count { w[i] = w[i] - decay * w[i] }
    }
  }

  static func adam(_ w: UnsafeMutableBufferPointer<Float>, _ m: UnsafeMutableBufferPointer<Float>,
                   _ v: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>, rate: Float,
                   beta1: Float, beta2: Float, epsilon: Float, c1: Float, c2: Float, decay: Float) {
    fs_adam_update(w.baseAddress!, m.baseAddress!, v.baseAddress!, g.baseAddress!, Int64(w.count), rate, beta1, beta2,
                   epsilon, c1, c2, decay)
  }
}
