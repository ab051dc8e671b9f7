import Foundation

extension ReferenceTrace {
  /// Reads a trace in the golden-vector format: a SpykeTorch reference
  /// (`Tests/FirstSpikeTests/Fixtures/golden/mozafari_img*.json`) or a file ``write(to:)`` wrote.
  ///
  /// Required: `image_index`, `split`, `label`, `s1c1_nonzero_intensities`, `s1c1_bin_size`,
  /// `s1c1_spike_count`, `s1c1_spike_time` `[C, H, W]`, `conv1_weight_init` `[Cout, C, k, k]`,
  /// the four conv1 arrays `[Cout, H′, W′]`, `kwta_winners`, `conv1_weight_after_stdp`.
  /// Optional: `s1c1_intensity` `[C, H, W]`; and, with the defaults of ``Parameters``:
  /// `conv1_threshold`, `conv1_padding`, `kwta_k`, `kwta_r`, `stdp.ap`, `stdp.an`,
  /// `stdp.stabilizer`, `stdp.lower_bound`, `stdp.upper_bound`. Spike times must lie in `-1..<timeSteps`.
  /// - Throws: ``TraceError`` naming `path` and the offending key.
  public init(contentsOf path: String, timeSteps: Int = 15) throws(TraceError) {
    let f = try JSONFields(path: path)
    var p = Parameters()
    p.threshold = try f.float("conv1_threshold", default: p.threshold)
    p.padding = try f.int("conv1_padding", default: p.padding)
    p.winners = try f.int("kwta_k", default: p.winners)
    p.radius = try f.int("kwta_r", default: p.radius)
    let stdp = try f.object("stdp")
    p.ltp = try stdp?.float("ap", default: p.ltp) ?? p.ltp
    p.ltd = try stdp?.float("an", default: p.ltd) ?? p.ltd
    p.stabilizer = try stdp?.bool("stabilizer", default: p.stabilizer) ?? p.stabilizer
    p.lowerBound = try stdp?.float("lower_bound", default: p.lowerBound) ?? p.lowerBound
    p.upperBound = try stdp?.float("upper_bound", default: p.upperBound) ?? p.upperBound

    guard (0...1024).contains(p.padding) else { throw .badValue(path: path, key: "conv1_padding", expected: "0...1024, got \(p.padding)") }
    guard (1...65_536).contains(p.winners) else { throw .badValue(path: path, key: "kwta_k", expected: "1...65536, got \(p.winners)") }
    guard (0...1024).contains(p.radius) else { throw .badValue(path: path, key: "kwta_r", expected: "0...1024, got \(p.radius)") }
    for (key, v) in [("conv1_threshold", p.threshold), ("stdp.ap", p.ltp), ("stdp.an", p.ltd)] where !v.isFinite {
      throw .badValue(path: path, key: key, expected: "a finite number, got \(v)")
    }
    guard p.lowerBound.isFinite, p.upperBound.isFinite, p.lowerBound < p.upperBound else {
      throw .badValue(path: path, key: "stdp.lower_bound", expected: "below stdp.upper_bound, got \(p.lowerBound) and \(p.upperBound)")
    }
    let (weightShape, initial) = try f.floatArray("conv1_weight_init")
    guard weightShape.count == 4, weightShape[2] == weightShape[3], weightShape.allSatisfy({ $0 > 0 }) else {
      throw .badValue(path: path, key: "conv1_weight_init",
                      expected: "shape [Cout, Cin, k, k], got \(weightShape)")
    }
    let s1c1 = try f.wave("s1c1_spike_time", timeSteps: timeSteps)
    guard s1c1.shape.channels == weightShape[1] else {
      throw .badShape(path: path, key: "s1c1_spike_time",
                      expected: [weightShape[1], s1c1.shape.height, s1c1.shape.width],
                      actual: f.shape(of: s1c1.shape))
    }
    let k = weightShape[2]
    guard k <= s1c1.shape.height + 2 * p.padding, k <= s1c1.shape.width + 2 * p.padding else {
      throw .badValue(path: path, key: "conv1_weight_init", expected: "a kernel no larger than the padded s1c1 wave, got \(k)")
    }
    let out = Shape3(weightShape[0], s1c1.shape.height + 2 * p.padding - k + 1,
                     s1c1.shape.width + 2 * p.padding - k + 1)
    self.init(
      imageIndex: try f.int("image_index"), split: try f.string("split"), label: try f.int("label"),
      parameters: p, initialWeights: initial, weightShape: weightShape,
      nonzeroIntensities: try f.int("s1c1_nonzero_intensities"), binSize: try f.int("s1c1_bin_size"),
      spikeCount: try f.int("s1c1_spike_count"), s1c1: s1c1,
      s1c1Intensities: try f.optional("s1c1_intensity") { () throws(TraceError) in
        try f.maps("s1c1_intensity", shape: s1c1.shape)
      },
      thresholdedWave: try f.wave("conv1_spike_time_thresholded", timeSteps: timeSteps, shape: out),
      thresholdedPotentials: try f.maps("conv1_potential_final_thresholded", shape: out),
      inhibitedWave: try f.wave("conv1_spike_time_inhibited", timeSteps: timeSteps, shape: out),
      inhibitedPotentials: try f.maps("conv1_potential_final_inhibited", shape: out),
      winners: try f.winners("kwta_winners", within: out),
      weightsAfterSTDP: try f.floats("conv1_weight_after_stdp", shape: weightShape))
  }
}

/// Typed, checked access to the keys of one JSON object read from `path`.
struct JSONFields {
  let path: String
  let object: [String: Any]
  /// Prefix of nested keys in messages (`"stdp."`).
  var prefix = ""
  /// Largest trace file read: 256 MiB (SpykeTorch's are about 1 MB).
  static let maxFileBytes = 256 << 20

  init(path: String) throws(TraceError) {
    let data: Data
    do { data = Data(try ReadableFile.bytes(path: path, maxBytes: Self.maxFileBytes)) } catch {
      throw .unreadable(path: path, reason: error.reason)
    }
    let parsed: Any
    do { parsed = try JSONSerialization.jsonObject(with: data) } catch {
      throw .notJSON(path: path, reason: Self.oneLine(error))
    }
    guard let object = parsed as? [String: Any] else {
      throw .notJSON(path: path, reason: "the top level is not an object")
    }
    self.init(path: path, object: object)
  }

  init(path: String, object: [String: Any], prefix: String = "") {
    self.path = path
    self.object = object
    self.prefix = prefix
  }

  private static func oneLine(_ error: any Error) -> String {
    let ns = error as NSError
    let detail = ns.userInfo["NSDebugDescription"] as? String ?? ns.localizedDescription
    return detail.replacingOccurrences(of: "\n", with: " ")
  }

  private func value(_ key: String) throws(TraceError) -> Any {
    guard let v = object[key] else { throw .missingKey(path: path, key: prefix + key) }
    return v
  }

  private func bad(_ key: String, _ expected: String) -> TraceError {
    .badValue(path: path, key: prefix + key, expected: expected)
  }

  func shape(of s: Shape3) -> [Int] { [s.channels, s.height, s.width] }

  func int(_ key: String) throws(TraceError) -> Int {
    guard let n = try value(key) as? NSNumber, let i = Self.integer(n) else { throw bad(key, "an integer") }
    return i
  }

  func int(_ key: String, default d: Int) throws(TraceError) -> Int { object[key] == nil ? d : try int(key) }

  func float(_ key: String, default d: Float) throws(TraceError) -> Float {
    guard object[key] != nil else { return d }
    guard let n = object[key] as? NSNumber else { throw bad(key, "a number") }
    return Float(n.doubleValue)
  }

  func bool(_ key: String, default d: Bool) throws(TraceError) -> Bool {
    guard let v = object[key] else { return d }
    guard let b = v as? Bool else { throw bad(key, "true or false") }
    return b
  }

  func string(_ key: String) throws(TraceError) -> String {
    guard let s = try value(key) as? String else { throw bad(key, "a string") }
    return s
  }

  /// `read()` if `key` is present, else nil.
  func optional<T>(_ key: String, _ read: () throws(TraceError) -> T) throws(TraceError) -> T? {
    object[key] == nil ? nil : try read()
  }

  /// A nested object, nil if the key is absent.
  func object(_ key: String) throws(TraceError) -> JSONFields? {
    guard let v = object[key] else { return nil }
    guard let o = v as? [String: Any] else { throw bad(key, "an object") }
    return JSONFields(path: path, object: o, prefix: prefix + key + ".")
  }

  /// `{"shape": [...], "data": [...]}` with `data.count == Π shape`.
  func array(_ key: String) throws(TraceError) -> (shape: [Int], data: [NSNumber]) {
    let expected = "{\"shape\": [...], \"data\": [...]} with as many numbers as the shape holds"
    guard let field = try value(key) as? [String: Any], let s = field["shape"] as? [NSNumber],
      let data = field["data"] as? [NSNumber]
    else { throw bad(key, expected) }
    let shape = s.compactMap(Self.integer)
    guard shape.count == s.count, shape.allSatisfy({ $0 >= 0 }), IDXFile.checkedProduct(shape) == data.count else {
      throw bad(key, expected)
    }
    return (shape, data)
  }

  func floatArray(_ key: String) throws(TraceError) -> (shape: [Int], data: [Float]) {
    let (shape, data) = try array(key)
    return (shape, data.map { Float($0.doubleValue) })
  }

  func floats(_ key: String, shape expected: [Int]) throws(TraceError) -> [Float] {
    let (shape, data) = try floatArray(key)
    guard shape == expected else {
      throw .badShape(path: path, key: prefix + key, expected: expected, actual: shape)
    }
    return data
  }

  func maps(_ key: String, shape: Shape3) throws(TraceError) -> FeatureMaps {
    FeatureMaps(shape: shape, values: try floats(key, shape: self.shape(of: shape)))
  }

  /// Spike times `-1` (never) or `0..<timeSteps`, shape `[C, H, W]` (checked against `shape`).
  func wave(_ key: String, timeSteps: Int, shape expected: Shape3? = nil) throws(TraceError) -> SpikeWave {
    let (shape, data) = try array(key)
    if let expected, shape != self.shape(of: expected) {
      throw .badShape(path: path, key: prefix + key, expected: self.shape(of: expected), actual: shape)
    }
    guard shape.count == 3 else { throw bad(key, "a [C, H, W] array of spike times") }
    var times = [UInt8](repeating: SpikeWave.never, count: data.count)
    for (i, n) in data.enumerated() {
      guard let t = Self.integer(n), t >= -1, t < timeSteps else {
        throw bad(key, "spike times -1 (never) or 0..<\(timeSteps), found \(n) at flat index \(i)")
      }
      if t >= 0 { times[i] = UInt8(t) }
    }
    return SpikeWave(shape: Shape3(shape[0], shape[1], shape[2]), timeSteps: timeSteps, times: times)
  }

  /// `[[feature, row, column], ...]`, each inside `shape`.
  func winners(_ key: String, within shape: Shape3) throws(TraceError) -> [Winner] {
    guard let list = try value(key) as? [Any] else { throw bad(key, "a list of [feature, row, column]") }
    var out: [Winner] = []
    for item in list {
      guard let triple = item as? [NSNumber], triple.count == 3,
        let f = Self.integer(triple[0]), let r = Self.integer(triple[1]), let c = Self.integer(triple[2]),
        (0..<shape.channels).contains(f), (0..<shape.height).contains(r), (0..<shape.width).contains(c)
      else { throw bad(key, "a list of [feature, row, column] inside \(shape), found \(item)") }
      out.append(Winner(feature: f, row: r, column: c))
    }
    return out
  }

  /// The number as an `Int` when it is integral.
  static func integer(_ n: NSNumber) -> Int? {
    let d = n.doubleValue
    guard d.rounded() == d, abs(d) < 1e15 else { return nil }
    return Int(d)
  }
}
