import Foundation
import Testing

@testable import FirstSpike

@Suite struct SHA256Tests {
  /// FIPS 180-4 example vectors (NIST CSRC "SHA256.pdf").
  @Test func fipsVectors() {
    #expect(
      SHA256.hexDigest(Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hexDigest([])
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    let m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    #expect(
      SHA256.hexDigest(Array(m448.utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  /// Feeding the same bytes in uneven pieces (crossing block boundaries) gives the same digest;
  /// one million "a" is the FIPS long-message vector.
  @Test func streamingMatchesOneShot() {
    let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
    var h = SHA256()
    var i = 0
    var piece = 1
    while i < million.count {
      let n = min(piece, million.count - i)
      h.update(Array(million[i..<(i + n)]))
      i += n
      piece = piece * 3 % 1000 + 1
    }
    let digest = h.finalize().map { String(format: "%02x", $0) }.joined()
    #expect(digest == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  /// The SHA-extension path (taken when the processor has it) equals the portable Swift
  /// compression on every length around the block and padding boundaries, and on 1 MB.
  @Test func fastPathEqualsPortable() {
    var g = SplitMix64(seed: 11)
    for n in Array(0..<200) + [1000, 4095, 4096, 4097, 1 << 20] {
      let bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: g.next()) }
      #expect(SHA256.hexDigest(bytes) == SHA256.hexDigest(bytes, portable: true), "\(n) bytes")
    }
  }
}
