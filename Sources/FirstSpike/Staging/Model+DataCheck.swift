/// Whether a data set fits a trained model: the same classes, images of the same size.
extension Model {
  /// Why `images` (from `path`) do not fit this model, as one line, or nil: its class names
  /// differ from the model's (when the model has names), or its most common image size
  /// differs from the training images' (the recorded profile's frame, else the input size).
  public func dataMismatch(_ images: LabeledImages, path: String) -> String? {
    if !classNames.isEmpty && images.classNames != classNames {
      return "\(path) has classes \(Self.list(images.classNames)), but the model was trained on \(Self.list(classNames))"
    }
    guard !images.images.isEmpty else { return nil }
    var sizes: [[Int]: Int] = [:]
    for image in images.images { sizes[[image.width, image.height], default: 0] += 1 }
    let common = sizes.max { $0.value < $1.value || ($0.value == $1.value && $0.key.lexicographicallyPrecedes($1.key)) }!.key
    let trained = data.profile.map { [$0.width, $0.height] } ?? [inputWidth, inputHeight]
    if common != trained {
      return "\(path) holds \(common[0])×\(common[1]) images, but the model was trained on \(trained[0])×\(trained[1]) images"
    }
    return nil
  }

  /// "0, 1, 2, …, 9" (at most 6 names shown).
  static func list(_ names: [String]) -> String {
    if names.isEmpty { return "none" }
    if names.count <= 6 { return names.joined(separator: ", ") }
    return names.prefix(4).joined(separator: ", ") + ", …, " + names.last! + " (\(names.count))"
  }
}
