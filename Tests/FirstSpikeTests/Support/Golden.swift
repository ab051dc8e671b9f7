import Foundation
@testable import FirstSpike

/// One golden file `Fixtures/golden/mozafari_img{i}.json`: SpykeTorch's MozafariDeep S1C1 and
/// conv1 on MNIST test image `i` (format in `Fixtures/golden/README.md`), plus the image's
/// pixels from `Fixtures/golden/mnist_test_0_2.json`.
struct GoldenFile {
  /// Why a golden file could not be read.
  struct LoadError: Error, CustomStringConvertible {
    var description: String
  }

  /// MNIST test index (0, 1 or 2).
  let index: Int
  /// The parsed JSON object.
  let json: [String: Any]
  /// The 28×28 MNIST test image the file was produced from.
  let image: GrayImage
  /// The digit.
  let label: Int

  /// Loads `mozafari_img{index}.json` and the matching MNIST pixels.
  static func load(index: Int) throws -> GoldenFile {
    let json = try object(at: try url("mozafari_img\(index)"))
    let mnist = try object(at: try url("mnist_test_0_2"))
    guard let images = mnist["images"] as? [[String: Any]],
      let entry = images.first(where: { ($0["index"] as? NSNumber)?.intValue == index }),
      let pixels = entry["pixels"] as? [NSNumber]
    else { throw LoadError(description: "mnist_test_0_2.json: no test image \(index)") }
    let image = GrayImage(width: 28, height: 28, pixels: pixels.map { UInt8($0.intValue) })
    let label = (json["label"] as? NSNumber)?.intValue ?? -1
    guard (entry["label"] as? NSNumber)?.intValue == label else {
      throw LoadError(description: "mnist_test_0_2.json: label of image \(index) differs from the golden file")
    }
    return GoldenFile(index: index, json: json, image: image, label: label)
  }

  /// An integer scalar field such as `s1c1_bin_size`.
  func int(_ key: String) -> Int {
    guard let n = json[key] as? NSNumber else { fatalError("golden \(index): no integer field \(key)") }
    return n.intValue
  }

  /// An integer array field `{"shape": [...], "data": [...]}`.
  func intArray(_ key: String) -> (shape: [Int], data: [Int]) {
    let (shape, data) = array(key)
    return (shape, data.map(\.intValue))
  }

  /// A float array field; each JSON number is the shortest repr of a float32, so
  /// `Float(Double)` recovers its exact bits.
  func floatArray(_ key: String) -> (shape: [Int], data: [Float]) {
    let (shape, data) = array(key)
    return (shape, data.map { Float($0.doubleValue) })
  }

  /// `kwta_winners`: `[feature, row, column]` in selection order.
  var winners: [[Int]] {
    guard let w = json["kwta_winners"] as? [[NSNumber]] else { fatalError("golden \(index): no kwta_winners") }
    return w.map { $0.map(\.intValue) }
  }

  private func array(_ key: String) -> (shape: [Int], data: [NSNumber]) {
    guard let field = json[key] as? [String: Any], let shape = field["shape"] as? [NSNumber],
      let data = field["data"] as? [NSNumber]
    else { fatalError("golden \(index): no array field \(key)") }
    let dims = shape.map(\.intValue)
    precondition(dims.reduce(1, *) == data.count, "golden \(index): \(key) shape \(dims) vs \(data.count) values")
    return (dims, data)
  }

  private static func url(_ name: String) throws -> URL {
    guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures/golden")
    else { throw LoadError(description: "Fixtures/golden/\(name).json: missing from the test bundle") }
    return url
  }

  private static func object(at url: URL) throws -> [String: Any] {
    let data = try Data(contentsOf: url)
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw LoadError(description: "\(url.path): not a JSON object")
    }
    return object
  }
}
