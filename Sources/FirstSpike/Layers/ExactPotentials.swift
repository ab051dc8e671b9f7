/// Potentials recomputed exactly, so that comparisons between neurons never depend on the
/// order in which the event-driven convolution added their weights.
///
/// The convolution sums each neuron's weights in float32 in an order of its own (step by step,
/// blocks of runs). Two neurons whose exact sums are equal can come out one ulp apart, and a
/// float32 comparison would then pick one of them by rounding. Pointwise inhibition, k-WTA and
/// the decision compare potentials; wherever two candidates' float32 values lie within the
/// summation's error bound of each other, they compare instead the float32 nearest to the
/// exact sum (accumulated in `Double` in `(channel, ky, kx)` order: exact for these weights,
/// up to the absorption of denormal weights into normal partial sums). Equal values → lowest
/// index, so an exact tie goes to the lowest index as the rule says, whatever the order.
///
/// Error bound of a float32 sum of `n` non-negative terms in any order:
/// `|fl(Σ) − Σ| ≤ γₙ · Σ`, `γₙ = n·u / (1 − n·u)`, `u = 2⁻²⁴`; with `n = Cin·k²` (every term a
/// neuron can have) this bounds every potential of a thresholded layer, which the kernel only
/// ever adds to (`docs/semantics.md` §4). A layer without threshold may compute a potential
/// as a total minus the silent weights, for which no such bound is tight; there only
/// bit-equal float32 potentials are recomputed (`onlyEqual`).
public struct ExactPotentials: Sendable {
  /// The convolution's input wave, and the padding the convolution put around it (pads never
  /// fire).
  public let input: SpikeWave
  public let padding: Int
  public let weights: ConvWeights
  /// `γₙ` for `n = Cin·k²`, with a factor 2 of margin; 0 with `onlyEqual`.
  let relativeBound: Float
  let absoluteBound: Float

  /// - Parameter onlyEqual: recompute bit-equal potentials only (layers without threshold).
  public init(input: SpikeWave, padding: Int = 0, weights: ConvWeights, onlyEqual: Bool = false) {
    self.input = input
    self.padding = padding
    self.weights = weights
    let n = Double(weights.inChannels * weights.kernel * weights.kernel), u = 0x1p-24
    relativeBound = onlyEqual ? 0 : Float(2 * n * u / (1 - n * u))
    absoluteBound = onlyEqual ? 0 : Float.leastNormalMagnitude
  }

  /// Whether float32 potentials `a` and `b` are too close for their order to be certain.
  public func mayTie(_ a: Float, _ b: Float) -> Bool {
    abs(a - b) <= relativeBound * (abs(a) + abs(b)) + absoluteBound
  }

  /// The float32 nearest to the exact potential of neuron `(f, row, column)` after step `t`:
  /// `Σ W[f, c, ky, kx]` over the inputs `(c, row + ky, column + kx)` that fired at or before `t`.
  /// - Complexity: O(Cin · k²).
  public func value(feature f: Int, row: Int, column: Int, step t: UInt8) -> Float {
    Float(sum(feature: f, row: row, column: column, step: t))
  }

  /// The exact potential itself, summed in `Double` (``value(feature:row:column:step:)``
  /// before its rounding to float32).
  public func sum(feature f: Int, row: Int, column: Int, step t: UInt8) -> Double {
    let k = weights.kernel, cin = weights.inChannels, cp = weights.paddedOut, p = padding
    let (h, wd) = (input.shape.height, input.shape.width)
    var sum = 0.0
    input.times.withUnsafeBufferPointer { times in
      weights.storage.withUnsafeBufferPointer { w in
        for c in 0..<cin {
          for ky in 0..<k {
            let y = row + ky - p
            if y < 0 || y >= h { continue }
            for kx in 0..<k {
              let x = column + kx - p
              if x >= 0, x < wd, times[(c * h + y) * wd + x] <= t { sum += Double(w[((ky * k + kx) * cin + c) * cp + f]) }
            }
          }
        }
      }
    }
    return sum
  }
}
