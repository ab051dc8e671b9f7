import Foundation

/// The clock-driven simulation of one presentation of a ``DiehlCook2015`` network: scratch
/// state that is reset before every image (so it never goes into a checkpoint).
///
/// Synchronous update, as BindsNET `Network.run`: at step `t` every layer receives the spikes
/// its sources emitted at `t − 1`,
///
///     x_exc[j] = Σ_{i fired at t−1} w[i][j] − inh · (#inhibitory fired at t−1 − [j fired])
///     x_inh[j] = exc · [excitatory j fired at t−1]
///
/// then the excitatory and inhibitory layers step, then STDP runs on the input → excitatory
/// weights with this step's spikes. Input spikes are event-driven (one contiguous row add
/// each), the recurrent connections cost O(neurons) per step, input traces are evaluated
/// lazily from each input's last spike (`x = exp(−Δt / tcTrace)`, traces reset to 1 on a spike).
struct DiehlCook2015Simulator {
  let spec: DiehlCook2015Spec
  var exc: LIFNeurons
  var inh: LIFNeurons
  var excInput: [Float]
  var inhInput: [Float]
  var excTrace: [Float]
  var preTrace: [Float]
  /// Last step each input fired, or −1.
  var lastInputSpike: [Int32]
  /// `traceTable[k] = exp(−k · dt / tcTrace)`.
  let traceTable: [Float]
  let traceDecay: Float

  init(spec: DiehlCook2015Spec, theta: [Float]) {
    self.spec = spec
    let n = spec.neurons
    exc = LIFNeurons(count: n, parameters: spec.excitatory, dt: spec.dt, adaptation: spec.adaptation, theta: theta)
    inh = LIFNeurons(count: n, parameters: spec.inhibitory, dt: spec.dt)
    excInput = [Float](repeating: 0, count: n)
    inhInput = [Float](repeating: 0, count: n)
    excTrace = [Float](repeating: 0, count: n)
    preTrace = [Float](repeating: 0, count: spec.inputs)
    lastInputSpike = [Int32](repeating: -1, count: spec.inputs)
    let tc = Double(spec.tcTrace), dt = spec.dt
    traceTable = (0...spec.steps).map { Float(exp(-Double($0) * dt / tc)) }
    traceDecay = traceTable.count > 1 ? traceTable[1] : 1
  }

  /// Simulates `input` (`steps` × `inputs`) from rest; returns the excitatory and inhibitory
  /// spike trains. With `learning`, θ adapts, STDP changes `weights`, and the weights are
  /// normalized to `norm` per neuron and clamped after the last step.
  mutating func run(_ input: SpikeTrain, weights: UnsafeMutableBufferPointer<Float>, learning: Bool)
    -> (excitatory: SpikeTrain, inhibitory: SpikeTrain)
  {
    let n = spec.neurons, steps = input.steps
    precondition(input.neurons == spec.inputs && weights.count == spec.inputs * n,
                 "input of \(input.neurons) neurons, \(weights.count) weights for \(spec.inputs) × \(n)")
    var excTrain = SpikeTrain(neurons: n), inhTrain = SpikeTrain(neurons: n)
    var excFired: [Int32] = [], inhFired: [Int32] = [], prevExc: [Int32] = [], prevInh: [Int32] = []
    for t in 0..<steps {
      gatherExcitatoryInput(t > 0 ? input.spikes(at: t - 1) : [], inhibitoryFired: prevInh, weights: weights)
      for j in prevExc { inhInput[Int(j)] = spec.excWeight }
      excFired.removeAll(keepingCapacity: true)
      exc.step(input: excInput, adapt: learning, fired: &excFired)
      inhFired.removeAll(keepingCapacity: true)
      inh.step(input: inhInput, adapt: false, fired: &inhFired)
      for j in prevExc { inhInput[Int(j)] = 0 }
      if learning { learn(t: t, inputFired: input.spikes(at: t), excFired: excFired, weights: weights) }
      for j in excFired { excTrain.append(j) }
      for j in inhFired { inhTrain.append(j) }
      excTrain.endStep()
      inhTrain.endStep()
      swap(&prevExc, &excFired)
      swap(&prevInh, &inhFired)
    }
    if learning {
      normalizeColumns(weights, outputs: n, norm: spec.norm)
      clampWeights(weights, lower: spec.stdp.wmin, upper: spec.stdp.wmax)
    }
    return (excTrain, inhTrain)
  }

  /// `excInput = −inh · (#fired − self) + Σ rows of the inputs that fired`.
  mutating func gatherExcitatoryInput(_ inputFired: ArraySlice<Int32>, inhibitoryFired: [Int32],
                                      weights: UnsafeMutableBufferPointer<Float>) {
    let n = spec.neurons, inhW = spec.inhWeight
    let base = -inhW * Float(inhibitoryFired.count)
    excInput.withUnsafeMutableBufferPointer { x in
      for j in 0..<n { x[j] = base }
      for j in inhibitoryFired { x[Int(j)] += inhW }
      let w = weights.baseAddress!
      for i in inputFired {
        let row = w + Int(i) * n
        for j in 0..<n { x[j] += row[j] }
      }
    }
  }

  /// Traces after this step's spikes, then the PostPre update.
  mutating func learn(t: Int, inputFired: ArraySlice<Int32>, excFired: [Int32],
                      weights: UnsafeMutableBufferPointer<Float>) {
    let d = traceDecay
    excTrace.withUnsafeMutableBufferPointer { x in
      for j in 0..<x.count { x[j] *= d }
      for j in excFired { x[Int(j)] = 1 }
    }
    for i in inputFired { lastInputSpike[Int(i)] = Int32(t) }
    if !excFired.isEmpty {
      for i in 0..<spec.inputs {
        let last = Int(lastInputSpike[i])
        preTrace[i] = last < 0 ? 0 : traceTable[t - last]
      }
    }
    excTrace.withUnsafeBufferPointer { post in
      preTrace.withUnsafeBufferPointer { pre in
        spec.stdp.apply(to: weights, outputs: spec.neurons, preFired: inputFired, postFired: excFired,
                        postTrace: post, preTrace: pre)
      }
    }
  }
}
