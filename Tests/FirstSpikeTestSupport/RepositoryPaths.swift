import Foundation

/// Paths inside the repository, found from this file's location (tests depend on nothing
/// outside the repository).
public enum RepositoryPaths {
  /// The package root: two levels above `Tests/FirstSpikeTestSupport/`.
  public static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  public static var mnist: String { root + "/datasets/mnist" }
  public static var eth80: String { root + "/datasets/eth80-cup-dog" }
  public static var checkpoints: String { root + "/checkpoints" }
}
