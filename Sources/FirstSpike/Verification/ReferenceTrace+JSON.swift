import Foundation

extension ReferenceTrace {
  /// The trace as JSON in the golden-vector format (`Tests/FirstSpikeTests/Fixtures/golden/README.md`): one object,
  /// one key per line, every array `{"shape": [...], "data": [...]}` row-major; spike times
  /// as integers with `-1` = never; floats as Swift's shortest round-trip representation of
  /// the `Float` (`Float.description`, `0` for zero), so parsing a number to float32 gives back
  /// the same bits. Besides the golden keys it holds `s1c1_intensity`, `conv1_weight_init`, `conv1_threshold`,
  /// `conv1_padding`, `kwta_k`, `kwta_r` and `stdp`, so the file is itself a valid reference
  /// for ``init(contentsOf:)``.
  /// - Complexity: O(number of values).
  public func jsonText() -> String {
    var o = JSONText()
    o.field("image_index", String(imageIndex))
    o.field("split", JSONText.quoted(split))
    o.field("label", String(label))
    o.field("producer", JSONText.quoted("FirstSpike \(FirstSpikeVersion.string)"))
    o.field("s1c1_nonzero_intensities", String(nonzeroIntensities))
    o.field("s1c1_bin_size", String(binSize))
    o.field("s1c1_spike_count", String(spikeCount))
    o.field("s1c1_spike_time", JSONText.times(s1c1))
    if let s1c1Intensities { o.field("s1c1_intensity", JSONText.maps(s1c1Intensities)) }
    o.field("conv1_weight_init", JSONText.floats(initialWeights, shape: weightShape))
    o.field("conv1_threshold", JSONText.float(parameters.threshold))
    o.field("conv1_padding", String(parameters.padding))
    o.field("conv1_potential_final_thresholded", JSONText.maps(thresholdedPotentials))
    o.field("conv1_spike_time_thresholded", JSONText.times(thresholdedWave))
    o.field("conv1_spike_time_inhibited", JSONText.times(inhibitedWave))
    o.field("conv1_potential_final_inhibited", JSONText.maps(inhibitedPotentials))
    o.field("kwta_k", String(parameters.winners))
    o.field("kwta_r", String(parameters.radius))
    o.field("kwta_winners", "[" + winners.map(\.description).joined(separator: ", ") + "]")
    o.field("conv1_weight_after_stdp", JSONText.floats(weightsAfterSTDP, shape: weightShape))
    let p = parameters
    o.field("stdp", "{\"ap\": \(JSONText.float(p.ltp)), \"an\": \(JSONText.float(p.ltd)), "
      + "\"stabilizer\": \(p.stabilizer), \"lower_bound\": \(JSONText.float(p.lowerBound)), "
      + "\"upper_bound\": \(JSONText.float(p.upperBound))}")
    return o.finished()
  }

  /// Writes ``jsonText()`` to `path`.
  /// - Throws: `.unwritable` with the OS message.
  public func write(to path: String) throws(TraceError) {
    do {
      try Data(jsonText().utf8).write(to: URL(fileURLWithPath: path))
    } catch {
      throw .unwritable(path: path, reason: error.localizedDescription)
    }
  }
}

/// A JSON object written by hand, so that every float keeps its exact shortest form.
struct JSONText {
  private var text = "{\n"
  private var first = true

  /// Appends `"key": value` (value already JSON).
  mutating func field(_ key: String, _ value: String) {
    text += (first ? "  " : ",\n  ") + JSONText.quoted(key) + ": " + value
    first = false
  }

  func finished() -> String { text + "\n}\n" }

  /// A JSON string literal (quotes, backslashes and control characters escaped).
  static func quoted(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
      default: out.unicodeScalars.append(u)
      }
    }
    return out + "\""
  }

  /// A float as its shortest round-trip decimal; `0` for ±0 (sign of zero is not kept),
  /// `null` for a non-finite value (JSON has none).
  static func float(_ v: Float) -> String {
    if v == 0 { return "0" }
    return v.isFinite ? v.description : "null"
  }

  static func floats(_ values: [Float], shape: [Int]) -> String {
    var data = ""
    data.reserveCapacity(values.count * 11)
    for (i, v) in values.enumerated() {
      if i > 0 { data += ", " }
      data += float(v)
    }
    return array(shape: shape, data: data)
  }

  static func maps(_ maps: FeatureMaps) -> String {
    floats(maps.values, shape: [maps.shape.channels, maps.shape.height, maps.shape.width])
  }

  /// First-spike times, `-1` for ``SpikeWave/never``.
  static func times(_ wave: SpikeWave) -> String {
    var data = ""
    data.reserveCapacity(wave.times.count * 4)
    for (i, t) in wave.times.enumerated() {
      if i > 0 { data += ", " }
      data += t == SpikeWave.never ? "-1" : String(t)
    }
    return array(shape: [wave.shape.channels, wave.shape.height, wave.shape.width], data: data)
  }

  private static func array(shape: [Int], data: String) -> String {
    "{\"shape\": [" + shape.map(String.init).joined(separator: ", ") + "], \"data\": [" + data + "]}"
  }
}
