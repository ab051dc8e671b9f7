import FirstSpikeTestSupport
import Foundation
import Testing

@testable import FirstSpike

@Suite struct PNGAlphaTests {
  /// Gray + alpha reading gives exactly the gray of the gray-only path for every fixture, and
  /// the alpha the fixture script computed (nil when every pixel is opaque).
  @Test(arguments: PNGFixtures.manifest.valid.map(\.file))
  func grayIsBitIdenticalAndAlphaAsExpected(file: String) throws {
    let gray = try PNGFile.readGray(path: PNGFixtures.path(file))
    let both = try PNGFile.readGrayAlpha(path: PNGFixtures.path(file))
    #expect(both.gray == gray, "\(file)")
    let expected = PNGFixtures.expectedAlpha(file)
    if expected.allSatisfy({ $0 == 255 }) {
      #expect(both.alpha == nil, "\(file)")
    } else {
      #expect(both.alpha == expected, "\(file)")
    }
  }

  /// Broken files fail the same way on both paths.
  @Test(arguments: PNGFixtures.manifest.broken.map(\.file))
  func brokenFilesFailAlike(file: String) {
    let path = PNGFixtures.path(file)
    var grayError = "", alphaError = ""
    do { _ = try PNGFile.readGray(path: path) } catch { grayError = error.description }
    do { _ = try PNGFile.readGrayAlpha(path: path) } catch { alphaError = error.description }
    #expect(!grayError.isEmpty && grayError == alphaError, "\(file)")
  }
}
