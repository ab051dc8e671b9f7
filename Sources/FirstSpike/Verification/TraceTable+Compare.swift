import Foundation

/// Tolerances of the whole-network comparison (`Fixtures/golden-deep/README.md`, "Suggested
/// tolerances"): spike times, winners and decisions exact; potentials
/// `|Δ| ≤ absolute + relative · |reference|`; weights after a learning step bit-exact (SHA-256).
public enum DeepTolerance {
  public static let absolute: Double = 1e-4
  public static let relative: Double = 2e-5
  /// The tolerance as the report prints it.
  static let text = "≤ 1e-4 + 2e-5·|ref|"
}

extension TraceTable {
  /// Spike times (`-1` never) compared exactly. `explain` gets the differing flat indices and
  /// returns one line per difference when every one is decided only by rounding or a
  /// documented tie rule, nil otherwise. Returns the differing indices.
  @discardableResult
  mutating func compareTimes(_ name: String, _ ours: [Int], _ theirs: [Int],
                             explain: ([Int]) -> [String]? = { _ in nil }) -> [Int] {
    guard ours.count == theirs.count else {
      add(name, "\(theirs.count)", "FirstSpike has \(ours.count) neurons", .differs)
      return []
    }
    let differing = ours.indices.filter { ours[$0] != theirs[$0] }
    if differing.isEmpty {
      add(name, "\(ours.count)", "equal", .agrees)
    } else if let lines = explain(differing) {
      add(name, "\(ours.count)", "\(differing.count) differ", .explained)
      explained += lines
    } else {
      let first = differing.prefix(3).map { "#\($0): \(ours[$0]) vs \(theirs[$0])" }.joined(separator: ", ")
      add(name, "\(ours.count)", "\(differing.count) differ (\(first)\(differing.count > 3 ? ", …" : ""))", .differs)
    }
    return differing
  }

  /// Potentials within ``DeepTolerance``, over the indices `include` accepts.
  mutating func comparePotentials(_ name: String, _ ours: [Float], _ theirs: [Float],
                                  where include: (Int) -> Bool = { _ in true }) {
    guard ours.count == theirs.count else {
      add(name, "\(theirs.count)", "FirstSpike has \(ours.count) values", .differs)
      return
    }
    var compared = 0, beyond = 0, maxAbs = 0.0, maxRel = 0.0
    for i in ours.indices where include(i) {
      let d = abs(Double(ours[i]) - Double(theirs[i])), ref = abs(Double(theirs[i]))
      compared += 1
      maxAbs = max(maxAbs, d)
      if ref > 0 { maxRel = max(maxRel, d / ref) }
      if d > DeepTolerance.absolute + DeepTolerance.relative * ref { beyond += 1 }
    }
    let figures = "max |Δ| \(short(maxAbs)), max |Δ|/|ref| \(short(maxRel))"
    if beyond == 0 {
      add(name, "\(compared)", figures + " " + DeepTolerance.text, .agrees)
    } else {
      add(name, "\(compared)", figures + ", \(beyond) beyond " + DeepTolerance.text, .differs)
    }
  }

  /// A scalar or short list compared exactly.
  mutating func compareValue<T: Equatable>(_ name: String, _ ours: T, _ theirs: T, show: (T) -> String) {
    check(name, equal: ours == theirs, ours == theirs ? "equal, \(show(ours))" : "FirstSpike \(show(ours)), reference \(show(theirs))")
  }

  /// The weights after a learning step: SHA-256 of the `[Cout, Cin, k, k]` little-endian
  /// float32 bytes, the changed kernels (any bit) and their bits, against the reference's.
  /// `beforeSHA`, the digest of `before`, stands for the digest of `after` when no bit changed.
  mutating func compareStep(_ name: String, before: ConvWeights, after: ConvWeights, beforeSHA: String?,
                            reference step: JSONFields) throws(TraceError)
  {
    let old = before.canonical(), new = after.canonical()
    let per = before.inChannels * before.kernel * before.kernel
    let changed = (0..<before.outChannels).filter { f in
      (0..<per).contains { old[f * per + $0].bitPattern != new[f * per + $0].bitPattern }
    }
    let wantChanged = try step.intList("changed_kernel_indices")
    let shape = [wantChanged.count, before.inChannels, before.kernel, before.kernel]
    let wantKernels = try step.floats("changed_kernels", shape: shape)
    compareValue(name + ".changed_kernel_indices", changed, wantChanged) { $0.isEmpty ? "none" : "\($0)" }
    if changed == wantChanged && !changed.isEmpty {
      var differing = 0, moved = 0, denormal = 0
      for (j, f) in changed.enumerated() {
        for i in 0..<per {
          let o = old[f * per + i], n = new[f * per + i]
          if n.bitPattern != wantKernels[j * per + i].bitPattern { differing += 1 }
          if o.bitPattern != n.bitPattern {
            moved += 1
            if o.isSubnormal || n.isSubnormal { denormal += 1 }
          }
        }
      }
      // Denormal weights move only with IEEE gradual underflow (no flush to zero).
      check(name + ".changed_kernels", "\(changed.count * per)", equal: differing == 0,
            (differing == 0 ? "bit-exact" : "\(differing) weights differ in their bits")
              + " (\(moved) weights moved, \(denormal) of them denormal)")
    }
    let sha = changed.isEmpty && beforeSHA != nil ? beforeSHA! : Self.sha256(new)
    let want = try step.string("weight_sha256_after")
    check(name + ".weight_sha256_after", "SHA-256", equal: sha == want,
          sha == want ? "equal (\(sha.prefix(12))…)" : "FirstSpike \(sha.prefix(12))…, reference \(want.prefix(12))…")
  }

  /// SHA-256 of float32 values as little-endian bytes (the reference files' weight digests).
  static func sha256(_ values: [Float]) -> String {
    var bytes = [UInt8]()
    bytes.reserveCapacity(values.count * 4)
    for v in values {
      let b = v.bitPattern.littleEndian
      bytes += [UInt8(b & 0xFF), UInt8(b >> 8 & 0xFF), UInt8(b >> 16 & 0xFF), UInt8(b >> 24)]
    }
    return SHA256.hexDigest(bytes)
  }
}

extension SpikeWave {
  /// First-spike times as integers, `-1` for never (the reference files' convention).
  var signedTimes: [Int] { times.map { $0 == SpikeWave.never ? -1 : Int($0) } }

  /// A wave from integer times (`-1` never).
  init(shape: Shape3, timeSteps: Int, signedTimes: [Int]) {
    self.init(shape: shape, timeSteps: timeSteps, times: signedTimes.map { $0 < 0 ? SpikeWave.never : UInt8($0) })
  }
}
