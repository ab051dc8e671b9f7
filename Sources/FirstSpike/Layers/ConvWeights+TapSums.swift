extension ConvWeights {
  /// Rebuilds ``tapSums`` for every feature and marks them valid.
  /// - Complexity: O(k² · Cin · Cp).
  public mutating func refreshTapSums() {
    refreshTapSums(features: 0..<outChannels)
  }

  /// Rebuilds ``tapSums`` of the given features only (what an STDP step changed) and marks
  /// them valid. Only correct when the other features' sums are current: callers pass every
  /// feature whose weights changed since the sums were last valid.
  /// - Complexity: O(k² · Cin · |features|).
  public mutating func refreshTapSums<S: Sequence<Int>>(features: S) {
    let k2 = kernel * kernel, cin = inChannels, cp = paddedOut
    if tapSums.count != k2 * cp { tapSums = [Float](repeating: 0, count: k2 * cp) }
    storage.withUnsafeBufferPointer { w in
      tapSums.withUnsafeMutableBufferPointer { ts in
        for f in features {
          for tap in 0..<k2 {
            var s: Double = 0
            var o = tap * cin * cp + f
            for _ in 0..<cin {
              s += Double(w[o])
              o += cp
            }
            ts[tap * cp + f] = Float(s)
          }
        }
      }
    }
    tapSumsValid = true
  }

  /// `tapSums` computed afresh into `ts` (`k² · Cp` floats), SIMD over features: for callers
  /// holding weights whose stored sums are stale.
  func computeTapSums(into ts: UnsafeMutablePointer<Float>) {
    let k2 = kernel * kernel, cin = inChannels, cp = paddedOut
    storage.withUnsafeBufferPointer { w in
      let src = UnsafeRawPointer(w.baseAddress!), dst = UnsafeMutableRawPointer(ts)
      for tap in 0..<k2 {
        for j in stride(from: 0, to: cp, by: 8) {
          var s = SIMD8<Double>()
          for c in 0..<cin {
            let v = src.loadUnaligned(fromByteOffset: 4 * ((tap * cin + c) * cp + j), as: SIMD8<Float>.self)
            s += SIMD8<Double>(v)
          }
          dst.storeBytes(of: SIMD8<Float>(s), toByteOffset: 4 * (tap * cp + j), as: SIMD8<Float>.self)
        }
      }
    }
  }
}
