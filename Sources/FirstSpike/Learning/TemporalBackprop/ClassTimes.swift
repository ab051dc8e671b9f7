/// The first-spike time of every class in a decision layer's output, and which neurons carry
/// each class's error back.
///
/// Class `k` owns features `k·perClass ..< (k+1)·perClass` at every position. Its time is the
/// earliest spike among them (ties: larger potential at the spike, then lower flat index
/// `(feature, row, column)`: the decision's order), and that neuron alone receives `∂L/∂t_k`.
/// A class none of whose neurons fired has time `T` (S4NN's fake spike at the end of the
/// window) and every one of its neurons receives the error.
public struct ClassTimes: Sendable, Equatable {
  /// Time per class, in steps (`T` when silent).
  public var times: [Float]
  /// Position-major slots (`pos · Cp + f`) per class that receive its error.
  public var carriers: [[Int]]

  public init(_ out: ConvOutput, classes: Int, perClass: Int) {
    let cp = out.paddedOut, plane = out.shape.plane, T = Float(out.timeSteps)
    precondition(classes * perClass <= out.shape.channels, "\(classes) classes × \(perClass) of \(out.shape.channels) features")
    times = [Float](repeating: T, count: classes)
    carriers = [[Int]](repeating: [], count: classes)
    for k in 0..<classes {
      var best: (time: UInt8, potential: Float, index: Int, slot: Int)? = nil
      var all: [Int] = []
      for f in (k * perClass)..<((k + 1) * perClass) {
        for pos in 0..<plane {
          let slot = pos * cp + f
          all.append(slot)
          let t = out.spikeTime[slot]
          if t == SpikeWave.never { continue }
          let p = out.potentialAtSpike[slot], index = f * plane + pos
          if let b = best, b.time < t || (b.time == t && (b.potential > p || (b.potential == p && b.index < index))) {
            continue
          }
          best = (t, p, index, slot)
        }
      }
      if let best {
        times[k] = Float(best.time)
        carriers[k] = [best.slot]
      } else {
        carriers[k] = all
      }
    }
  }

  /// `∂L/∂t` of every output neuron (position-major, `plane · Cp`) from the class errors.
  public func neuronErrors(_ classErrors: [Float], plane: Int, paddedOut cp: Int) -> [Float] {
    var g = [Float](repeating: 0, count: plane * cp)
    for (k, slots) in carriers.enumerated() {
      for s in slots { g[s] += classErrors[k] }
    }
    return g
  }
}
