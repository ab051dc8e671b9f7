import Testing
@testable import FirstSpike

/// The C kernels of temporal backpropagation equal their Swift reference twins bit for bit.
@Suite struct BackwardKernelTests {
  static func values(_ n: Int, _ g: inout SplitMix64, zeros: Bool = false) -> [Float] {
    (0..<n).map { _ in zeros && g.nextUniform() < 0.3 ? 0 : Float(g.nextNormal()) * 0.7 }
  }

  @Test(arguments: [8, 16, 40, 64, 200])
  func backwardRun(n: Int) {
    var g = SplitMix64(seed: UInt64(n))
    let w = Self.values(n, &g), e = Self.values(n, &g, zeros: true)
    let tout = (0..<n).map { _ in g.nextUniform() < 0.2 ? SpikeWave.never : UInt8(g.nextInt(below: 20)) }
    for tin: UInt8 in [0, 7, 19] {
      var a = Self.values(n, &g), b = a
      let ra = a.withUnsafeMutableBufferPointer { BackwardKernels.backwardRun($0.baseAddress!, w, e, tout, tin, n) }
      let rb = b.withUnsafeMutableBufferPointer { BackwardKernels.backwardRunReference($0.baseAddress!, w, e, tout, tin, n) }
      #expect(ra.bitPattern == rb.bitPattern)
      #expect(a.map(\.bitPattern) == b.map(\.bitPattern))
    }
  }

  @Test(arguments: [Float(0), 1e-6])
  func optimiserUpdates(decay: Float) {
    var g = SplitMix64(seed: 9)
    let n = 1003, grad = Self.values(n, &g)
    var w1 = Self.values(n, &g), w2 = w1
    grad.withUnsafeBufferPointer { gb in
      w1.withUnsafeMutableBufferPointer { BackwardKernels.sgd($0, gb, rate: 0.2, decay: decay) }
      w2.withUnsafeMutableBufferPointer { BackwardKernels.sgdReference($0, gb, rate: 0.2, decay: decay) }
    }
    #expect(w1.map(\.bitPattern) == w2.map(\.bitPattern))
    var m1 = Self.values(n, &g), v1 = Self.values(n, &g).map { $0 * $0 }
    var m2 = m1, v2 = v1
    w2 = w1
    grad.withUnsafeBufferPointer { gb in
      w1.withUnsafeMutableBufferPointer { w in
        m1.withUnsafeMutableBufferPointer { m in
          v1.withUnsafeMutableBufferPointer { v in
            BackwardKernels.adam(w, m, v, gb, rate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, c1: 0.271, c2: 0.00299, decay: decay)
          }
        }
      }
      w2.withUnsafeMutableBufferPointer { w in
        m2.withUnsafeMutableBufferPointer { m in
          v2.withUnsafeMutableBufferPointer { v in
            BackwardKernels.adamReference(w, m, v, gb, rate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, c1: 0.271, c2: 0.00299, decay: decay)
          }
        }
      }
    }
    #expect(w1.map(\.bitPattern) == w2.map(\.bitPattern))
    #expect(m1.map(\.bitPattern) == m2.map(\.bitPattern) && v1.map(\.bitPattern) == v2.map(\.bitPattern))
  }
}
