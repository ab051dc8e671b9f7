internal import CFirstSpikeKernels

/// SHA-256 (FIPS 180-4), for verifying the vendored data sets offline.
///
/// Blocks are compressed with the processor's SHA extensions when it has them (C, in
/// `CFirstSpikeKernels/fs_sha256.c`, about 1.5–2 GB/s), else by the Swift code below, which is
/// also the reference the fast path is tested against (`portable: true`).
///
/// Streaming: `update` any number of times, then `finalize` once. Messages are padded with
/// `0x80`, zeros, and the 64-bit big-endian bit length to a multiple of 64 bytes; each 64-byte
/// block runs 64 rounds of the compression function over eight 32-bit words.
/// - Complexity: O(n); about 64 rounds × 30 integer operations per 64 bytes.
public struct SHA256: Sendable {
  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5,
    0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3,
    0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc,
    0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
    0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13,
    0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3,
    0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5,
    0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208,
    0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  private var state: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
    0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
  ]
  private var pending: [UInt8] = []
  private var length: UInt64 = 0
  /// Use the Swift compression only (the reference of the fast path).
  private let portable: Bool

  public init(portable: Bool = false) {
    self.portable = portable
  }

  /// The hex digest of the file at `path`.
  /// - Throws: ``DataError`` naming `path` when it cannot be read.
  public static func hexDigest(ofFile path: String) throws -> String {
    hexDigest(try FileBytes.read(path: path))
  }

  /// The digest of `bytes` as 64 lowercase hex digits.
  public static func hexDigest(_ bytes: [UInt8], portable: Bool = false) -> String {
    var h = SHA256(portable: portable)
    h.update(bytes)
    return h.finalize().map { byte in
      let s = String(byte, radix: 16)
      return byte < 16 ? "0" + s : s
    }.joined()
  }

  public mutating func update(_ bytes: [UInt8]) {
    length &+= UInt64(bytes.count)
    var start = 0
    if !pending.isEmpty {
      let take = min(64 - pending.count, bytes.count)
      pending += bytes[0..<take]
      start = take
      if pending.count < 64 { return }
      pending.withUnsafeBufferPointer { compress($0.baseAddress!) }
      pending.removeAll(keepingCapacity: true)
    }
    let blocks = (bytes.count - start) / 64
    bytes.withUnsafeBufferPointer { buf in
      if blocks > 0 && !portable && state.withUnsafeMutableBufferPointer({
        fs_sha256_blocks($0.baseAddress!, buf.baseAddress! + start, Int64(blocks))
      }) != 0 { return }
      for b in 0..<blocks { compress(buf.baseAddress! + start + 64 * b) }
    }
    pending += bytes[(start + 64 * blocks)...]
  }

  /// The 32-byte digest. The hasher must not be updated afterwards.
  public mutating func finalize() -> [UInt8] {
    let bits = length &* 8
    var tail: [UInt8] = [0x80]
    tail += [UInt8](repeating: 0, count: (119 - pending.count) % 64)
    for shift in stride(from: 56, through: 0, by: -8) {
      tail.append(UInt8(truncatingIfNeeded: bits >> shift))
    }
    let saved = length
    update(tail)
    length = saved
    precondition(pending.isEmpty, "SHA-256 padding left \(pending.count) bytes")
    return state.flatMap { word in
      (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * $0)) }
    }
  }

  /// One 64-byte block (FIPS 180-4 §6.2.2).
  private mutating func compress(_ block: UnsafePointer<UInt8>) {
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
      for t in 0..<16 {
        let p = block + 4 * t
        w[t] = UInt32(p[0]) << 24 | UInt32(p[1]) << 16 | UInt32(p[2]) << 8 | UInt32(p[3])
      }
      for t in 16..<64 {
        let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
        let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
        w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
      }
      state.withUnsafeMutableBufferPointer { s in
        var (a, b, c, d, e, f, g, h) = (s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7])
        SHA256.k.withUnsafeBufferPointer { k in
          for t in 0..<64 {
            let sum1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
            let t1 = h &+ sum1 &+ ((e & f) ^ (~e & g)) &+ k[t] &+ w[t]
            let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
            (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
          }
        }
        s[0] &+= a
        s[1] &+= b
        s[2] &+= c
        s[3] &+= d
        s[4] &+= e
        s[5] &+= f
        s[6] &+= g
        s[7] &+= h
      }
    }
  }
}

// Transparent: inlined even in debug builds, where a call per rotation made hashing the data
// sets and weight tensors several times slower.
@_transparent
private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 - n) }
