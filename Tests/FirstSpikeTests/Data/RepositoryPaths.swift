import Foundation

/// Paths inside the repository, found from this file's location (tests must not depend on
/// anything outside the repository).
enum RepositoryPaths {
  /// The package root: three levels above `Tests/FirstSpikeTests/Data/`.
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
  }()

  static var mnist: String { root + "/datasets/mnist" }
  static var eth80: String { root + "/datasets/eth80-cup-dog" }
}
