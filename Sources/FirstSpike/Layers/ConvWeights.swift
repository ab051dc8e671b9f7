/// Weights of a convolution over spike waves, `[Cout, Cin, k, k]` in SpykeTorch's terms.
///
/// Stored for event-driven accumulation: tap-major `[k][k][Cin][Cp]`, with the output features
/// innermost and padded to `Cp` (a multiple of 8, padding weights fixed at 0), so that one input
/// spike adds one contiguous, SIMD-friendly run of `Cp` floats to one output position.
public struct ConvWeights: Sendable, Equatable {
  public let inChannels: Int
  public let outChannels: Int
  public let kernel: Int
  /// `outChannels` rounded up to a multiple of 8.
  public let paddedOut: Int
  /// `[k][k][Cin][Cp]` floats. Any mutation marks ``tapSums`` stale (in place, no copy).
  public var storage: [Float] { didSet { tapSumsValid = false } }
  /// Derived: `[k][k][Cp]`, `tapSums[ky][kx][f] = Σ_c W[f, c, ky, kx]` (summed in Double), what
  /// the complement path of ``convolve(_:_:threshold:into:events:)`` needs. Valid only while
  /// ``tapSumsValid``; ``refreshTapSums()`` rebuilds it, STDP keeps it current.
  public internal(set) var tapSums: [Float] = []
  public internal(set) var tapSumsValid = false

  public init(inChannels: Int, outChannels: Int, kernel: Int) {
    precondition(inChannels > 0 && outChannels > 0 && kernel > 0,
                 "convolution \(inChannels)→\(outChannels), k \(kernel)")
    self.inChannels = inChannels
    self.outChannels = outChannels
    self.kernel = kernel
    self.paddedOut = (outChannels + 7) / 8 * 8
    self.storage = [Float](repeating: 0, count: kernel * kernel * inChannels * paddedOut)
    self.tapSums = [Float](repeating: 0, count: kernel * kernel * paddedOut)
    self.tapSumsValid = true
  }

  /// Equal weights (the derived ``tapSums`` are not compared).
  public static func == (a: ConvWeights, b: ConvWeights) -> Bool {
    a.inChannels == b.inChannels && a.outChannels == b.outChannels && a.kernel == b.kernel && a.storage == b.storage
  }

  /// Weights drawn from Normal(mean, std) in SpykeTorch's `[Cout, Cin, k, k]` order: weight
  /// `i` is `mean + std · Float(g.nextNormal())` with `g` the generator after `2i` draws (each
  /// normal takes two), so the chunks are drawn on all cores with the serial result;
  /// `generator` ends after all `2·count` draws.
  public init(inChannels: Int, outChannels: Int, kernel: Int, mean: Float, std: Float,
              generator: inout SplitMix64) {
    self.init(inChannels: inChannels, outChannels: outChannels, kernel: kernel)
    let n = count, start = generator, chunk = 1 << 15
    var values = [Float](repeating: 0, count: n)
    values.withUnsafeMutableBufferPointer { buf in
      let out = SharedBuffer(buf)
      parallelFor((n + chunk - 1) / chunk, threads: n > chunk ? defaultThreadCount : 1) { c in
        var g = start.advanced(by: 2 * c * chunk)
        for i in (c * chunk)..<min(n, (c + 1) * chunk) { out[i] = mean + std * Float(g.nextNormal()) }
      }
    }
    generator = start.advanced(by: 2 * n)
    setCanonical(values)
  }

  /// Number of real weights, `Cout·Cin·k·k`.
  public var count: Int { outChannels * inChannels * kernel * kernel }

  /// Offset in `storage` of weight `[f, c, ky, kx]`.
  @inlinable
  public func offset(_ f: Int, _ c: Int, _ ky: Int, _ kx: Int) -> Int {
    ((ky * kernel + kx) * inChannels + c) * paddedOut + f
  }

  @inlinable
  public subscript(f: Int, c: Int, ky: Int, kx: Int) -> Float {
    get { storage[offset(f, c, ky, kx)] }
    set { storage[offset(f, c, ky, kx)] = newValue }
  }

  /// The weights in SpykeTorch's row-major `[Cout, Cin, k, k]` order.
  public func canonical() -> [Float] {
    var out = [Float](repeating: 0, count: count)
    var i = 0
    for f in 0..<outChannels {
      for c in 0..<inChannels {
        for ky in 0..<kernel {
          for kx in 0..<kernel {
            out[i] = self[f, c, ky, kx]
            i += 1
          }
        }
      }
    }
    return out
  }

  /// Replaces the weights from SpykeTorch's row-major `[Cout, Cin, k, k]` order.
  public mutating func setCanonical(_ values: [Float]) {
    precondition(values.count == count, "\(values.count) weights for \(outChannels)×\(inChannels)×\(kernel)×\(kernel)")
    var i = 0
    for f in 0..<outChannels {
      for c in 0..<inChannels {
        for ky in 0..<kernel {
          for kx in 0..<kernel {
            self[f, c, ky, kx] = values[i]
            i += 1
          }
        }
      }
    }
    refreshTapSums()
  }

  /// Clamps every weight to `[lower, upper]` (SpykeTorch's whole-layer `clamp_`).
  public mutating func clampAll(_ lower: Float, _ upper: Float) {
    let real = outChannels
    let cp = paddedOut
    storage.withUnsafeMutableBufferPointer { w in
      for base in stride(from: 0, to: w.count, by: cp) {
        for f in 0..<real { w[base + f] = min(max(w[base + f], lower), upper) }
      }
    }
    refreshTapSums()
  }

  /// Whether every weight lies in `[lower, upper]`.
  public func allWithin(_ lower: Float, _ upper: Float) -> Bool {
    for f in 0..<outChannels {
      for c in 0..<inChannels {
        for ky in 0..<kernel {
          for kx in 0..<kernel {
            let w = self[f, c, ky, kx]
            if !(w >= lower && w <= upper) { return false }
          }
        }
      }
    }
    return true
  }
}
