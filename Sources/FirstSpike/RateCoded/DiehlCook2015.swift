/// Diehl & Cook's (2015) unsupervised spiking network for MNIST: its learned state.
///
/// All state that a checkpoint must hold is here, in plain arrays: the input → excitatory
/// weights and the adaptive thresholds θ. The excitatory ↔ inhibitory connections are fixed
/// (one-to-one `excWeight`, all-but-self `−inhWeight`) and never stored as matrices.
public struct DiehlCook2015: Sendable, Equatable, Codable {
  public var spec: DiehlCook2015Spec
  /// Input → excitatory weights, input-major: `weights[i * neurons + j]` from input pixel `i`
  /// to excitatory neuron `j`, so a spiking input adds one contiguous row.
  public var weights: [Float]
  /// Adaptive threshold θ of each excitatory neuron, mV.
  public var theta: [Float]

  /// A fresh network: weights `initialWeight · U[0, 1)` drawn row by row from `generator`
  /// (BindsNET `0.3 * torch.rand(n_inpt, n_neurons)`), θ = 0.
  public init(spec: DiehlCook2015Spec, generator: inout SplitMix64) {
    let scale = Double(spec.initialWeight)
    let weights = (0..<spec.inputs * spec.neurons).map { _ in Float(generator.nextUniform() * scale) }
    self.init(spec: spec, weights: weights, theta: [Float](repeating: 0, count: spec.neurons))
  }

  /// A network with the given state (from a checkpoint).
  public init(spec: DiehlCook2015Spec, weights: [Float], theta: [Float]) {
    precondition(weights.count == spec.inputs * spec.neurons,
                 "\(weights.count) weights for \(spec.inputs) × \(spec.neurons)")
    precondition(theta.count == spec.neurons, "\(theta.count) thresholds for \(spec.neurons) neurons")
    self.spec = spec
    self.weights = weights
    self.theta = theta
  }

  /// One training presentation of `pixels` (learning on): STDP every step, θ adapts, the
  /// weights are normalized (and clamped) after each presentation. Encoder draws come from
  /// `generator`. With `spec.minSpikes > 0`, a presentation that drives fewer excitatory
  /// spikes is repeated at higher intensity (each one learning).
  /// - Complexity: O(steps · neurons + input spikes · neurons + excitatory spikes · inputs).
  public mutating func train(on pixels: [UInt8], generator: inout SplitMix64) -> DiehlCook2015Response {
    let spec = self.spec
    var w = weights, th = theta
    weights = []  // keep `w` uniquely referenced: no copy of the matrix
    defer {
      weights = w
      theta = th
    }
    return w.withUnsafeMutableBufferPointer { w in
      Self.present(pixels, spec: spec, generator: &generator) { input in
        var sim = DiehlCook2015Simulator(spec: spec, theta: th)
        let result = sim.run(input, weights: w, learning: true)
        th = sim.exc.theta
        return result
      }
    }
  }

  /// The response to `pixels` with learning off and θ fixed (nothing changes).
  public func respond(to pixels: [UInt8], generator: inout SplitMix64) -> DiehlCook2015Response {
    let theta = self.theta
    return weights.withUnsafeBufferPointer { w in
      Self.present(pixels, spec: spec, generator: &generator) { input in
        var sim = DiehlCook2015Simulator(spec: spec, theta: theta)
        return sim.run(input, weights: UnsafeMutableBufferPointer(mutating: w), learning: false)
      }
    }
  }

  /// Encodes and simulates until enough excitatory spikes (or retries) are reached.
  static func present(_ pixels: [UInt8], spec: DiehlCook2015Spec, generator: inout SplitMix64,
                      simulate: (SpikeTrain) -> (SpikeTrain, SpikeTrain)) -> DiehlCook2015Response {
    precondition(pixels.count == spec.inputs, "\(pixels.count) pixels for \(spec.inputs) inputs")
    var intensity = spec.intensity, presentations = 0
    while true {
      let input = spec.encoder(intensity: intensity).encode(pixels, generator: &generator)
      let (exc, inh) = simulate(input)
      presentations += 1
      if exc.spikeCount >= spec.minSpikes || presentations > spec.maxRetries {
        return DiehlCook2015Response(input: input, excitatory: exc, inhibitory: inh,
                                     intensity: intensity, presentations: presentations)
      }
      intensity += spec.intensityStep
    }
  }
}
