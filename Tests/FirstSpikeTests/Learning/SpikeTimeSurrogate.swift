import Foundation
@testable import FirstSpike

/// A dense, independent statement of the function whose exact gradient temporal
/// backpropagation computes (`docs/semantics.md` §13): the network linearised at its forward
/// pass. With the causal sets `C_j = {inputs i that fired, t_i ≤ t_j}` (silent neurons: `t_j = T`)
/// frozen at the weights `W⁰`, every neuron's surrogate time is
///
///   `τ_j(W) = t_j + Σ_{i ∈ C_j} [ −(w_ji − w⁰_ji) + w⁰_ji · (τ_i(W) − t_i) ]`
///
/// (`w` the weight the convolution applies: `W/s²` after average pooling of size `s`), a
/// pooled cell's `τ` is its earliest input's, and the loss is evaluated on the class times
/// `τ_k` (relative targets frozen). Its derivative at `W⁰` is S4NN's: `∂τ_j/∂w_ji = −1`,
/// `∂τ_j/∂τ_i = w_ji`. Finite differences of this function check the backward pass.
struct SpikeTimeSurrogate {
  let network: Network
  let span: Range<Int>
  let input: SpikeWave
  let label: Int
  let loss: SpikeTimeLoss
  /// The forward pass at `W⁰`.
  var pass = BackpropPass(layers: 0)
  var targets: [Float]? = nil

  init(network: Network, span: Range<Int>, input: SpikeWave, label: Int, loss: SpikeTimeLoss) {
    self.network = network
    self.span = span
    self.input = input
    self.label = label
    self.loss = loss
    pass = BackpropPass(layers: span.count)
    pass.forward(network, span: span, input: input)
    if case .relativeTargets(let γ) = loss {
      targets = SpikeTimeLoss.relativeTargets(times: classTimes(), label: label, gamma: γ, timeSteps: input.timeSteps)
    }
  }

  /// Class times at `W⁰` (perClass 1, one output position).
  func classTimes() -> [Float] {
    let out = pass.outputs[span.count - 1]
    return (0..<network.spec.classNames.count).map { k in
      let t = out.spikeTime[k]
      return t == SpikeWave.never ? Float(out.timeSteps) : Float(t)
    }
  }

  /// The surrogate loss for layer weights `weights[j]` (canonical `[Cout, Cin, k, k]`, Double).
  func loss(_ weights: [[Double]]) -> Double {
    let T = Double(input.timeSteps)
    // τ of the first layer's (pooled, padded) input: its own times.
    var tauIn = pass.inputs[0].times.map { $0 == SpikeWave.never ? Double.nan : Double($0) }
    var tauOut: [Double] = []
    for (j, l) in span.enumerated() {
      let spec = network.spec.layers[l]
      let inWave = pass.inputs[j], out = pass.outputs[j]
      let blocks = spec.inputPool?.isAverage == true ? spec.inputPool!.size * spec.inputPool!.size : 1
      let w0 = network.weights[l].canonical().map(Double.init)
      let k = spec.kernel, cinRun = inWave.shape.channels
      let ho = out.shape.height, wo = out.shape.width
      tauOut = [Double](repeating: .nan, count: out.shape.count)
      for f in 0..<spec.outChannels {
        for oy in 0..<ho {
          for ox in 0..<wo {
            let st = out.spikeTime[(oy * wo + ox) * out.paddedOut + f]
            let tj = st == SpikeWave.never ? T : Double(st)
            var tau = tj
            for cr in 0..<cinRun {
              let c = cr / blocks
              for ky in 0..<k {
                for kx in 0..<k {
                  let i = inWave.shape.index(cr, oy + ky, ox + kx)
                  let ti = inWave.times[i]
                  if ti == SpikeWave.never || Double(ti) > tj { continue }
                  let wi = ((f * spec.inChannels + c) * k + ky) * k + kx
                  let scale = 1 / Double(blocks)
                  tau += -(weights[j][wi] - w0[wi]) * scale + w0[wi] * scale * (tauIn[i] - Double(ti))
                }
              }
            }
            tauOut[out.shape.index(f, oy, ox)] = tau
          }
        }
      }
      guard j + 1 < span.count else { break }
      // The next layer's input: pooled (earliest input / space-to-depth) and padded.
      let next = network.spec.layers[l + 1]
      let below = pass.unpooled[j + 1]
      var pooled: [Double]
      var pooledShape = below.shape
      if let p = next.inputPool, p.isAverage {
        pooledShape = Shape3(below.shape.channels * p.size * p.size, below.shape.height / p.size, below.shape.width / p.size)
        pooled = [Double](repeating: .nan, count: pooledShape.count)
        var o = 0
        for c in 0..<below.shape.channels {
          for a in 0..<p.size {
            for b in 0..<p.size {
              for y in 0..<pooledShape.height {
                for x in 0..<pooledShape.width {
                  pooled[o] = tauOut[below.shape.index(c, p.size * y + a, p.size * x + b)]
                  o += 1
                }
              }
            }
          }
        }
      } else if let p = next.inputPool {
        let H = below.shape.height, W = below.shape.width
        let ph = (H + 2 * p.padding - p.size) / p.stride + 1, pw = (W + 2 * p.padding - p.size) / p.stride + 1
        pooledShape = Shape3(below.shape.channels, ph, pw)
        pooled = [Double](repeating: .nan, count: pooledShape.count)
        for c in 0..<below.shape.channels {
          for oy in 0..<ph {
            for ox in 0..<pw {
              var best = SpikeWave.never, at = -1
              for y in max(oy * p.stride - p.padding, 0)..<min(oy * p.stride - p.padding + p.size, H) {
                for x in max(ox * p.stride - p.padding, 0)..<min(ox * p.stride - p.padding + p.size, W) {
                  let i = below.shape.index(c, y, x)
                  if below.times[i] < best { best = below.times[i]; at = i }
                }
              }
              if at >= 0 { pooled[pooledShape.index(c, oy, ox)] = tauOut[at] }
            }
          }
        }
      } else {
        pooled = tauOut
      }
      let pad = next.inputPadding
      let padded = pass.inputs[j + 1].shape
      tauIn = [Double](repeating: .nan, count: padded.count)
      for c in 0..<pooledShape.channels {
        for y in 0..<pooledShape.height {
          for x in 0..<pooledShape.width { tauIn[padded.index(c, y + pad, x + pad)] = pooled[pooledShape.index(c, y, x)] }
        }
      }
    }
    let tau = (0..<network.spec.classNames.count).map { tauOut[$0] }
    switch loss {
    case .relativeTargets:
      return zip(tau, targets!).map { ($0 - Double($1)) * ($0 - Double($1)) / (2 * T) }.reduce(0, +)
    case .softmax(let temperature):
      let z = tau.map { -$0 / Double(temperature) }
      let m = z.max()!
      return -(z[label] - m - log(z.map { exp($0 - m) }.reduce(0, +)))
    }
  }
}
