import Foundation

/// The one seedable random generator of FirstSpike: SplitMix64 (Steele, Lea & Flood 2014).
///
/// Used for weight initialisation, feature dropout and shuffling. Its whole state is one
/// `UInt64`, saved in checkpoints, so a resumed run draws exactly the numbers an uninterrupted
/// one would, on any machine (only integer arithmetic and IEEE-exact conversions are involved).
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable, Codable {
  public var state: UInt64

  public init(seed: UInt64) { state = seed }

  @inlinable
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The generator after `n` more calls of ``next()``, in O(1): each call adds the same
  /// constant to the state, so skipping `n` draws is one multiply-add.
  public func advanced(by n: Int) -> SplitMix64 {
    var g = self
    g.state &+= UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
    return g
  }

  /// Uniform in `[0, 1)` with 53 random bits.
  public mutating func nextUniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// Uniform integer in `0..<n` by rejection (no modulo bias), reproducible across platforms.
  public mutating func nextInt(below n: Int) -> Int {
    precondition(n > 0, "nextInt(below: \(n))")
    let bound = UInt64(n)
    let limit = UInt64.max - UInt64.max % bound
    while true {
      let v = next()
      if v < limit { return Int(v % bound) }
    }
  }

  /// Standard normal deviate by the Box–Muller transform (uses two uniforms per call, so the
  /// stream does not depend on cached state, and draw `i` of a sequence is
  /// `advanced(by: 2 i).nextNormal()`).
  public mutating func nextNormal() -> Double {
    var u1 = nextUniform()
    if u1 < 0x1.0p-60 { u1 = 0x1.0p-60 }
    let u2 = nextUniform()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// Fisher–Yates shuffle of `0..<n` with this generator.
  public mutating func permutation(_ n: Int) -> [Int] {
    var p = Array(0..<n)
    if n < 2 { return p }
    for i in stride(from: n - 1, to: 0, by: -1) {
      let j = nextInt(below: i + 1)
      p.swapAt(i, j)
    }
    return p
  }
}
