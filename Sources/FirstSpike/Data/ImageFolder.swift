import Foundation

/// A folder of PNG images with one sub-folder per class, as torchvision's `ImageFolder`.
///
/// Class names are the sub-folder names sorted by Unicode code point (Python's `sorted`),
/// and class `k` gets label `k`. Within a class, files are taken in the same sorted order,
/// so the order of ``images`` is deterministic. Every `.png` (any letter case) is decoded to
/// 8-bit luma (``PNGFile``). Other files and nested folders inside a class folder are skipped
/// with a warning in ``warnings``; names starting with `.` and plain files next to the class
/// folders (a README, a checksum list) are skipped silently. A broken PNG is an error naming it.
public struct ImageFolder: LabeledImageSet {
  /// The folder that was read.
  public let root: String
  /// Sorted sub-folder names; `classNames[label]`.
  public let classNames: [String]
  public let images: [GrayImage]
  /// Label of each image, in `0 ..< classNames.count`.
  public let labels: [Int]
  /// Path of each image.
  public let paths: [String]
  /// One line `"<path>: skipped, <why>"` per skipped entry.
  public let warnings: [String]

  public var count: Int { images.count }
  public func image(_ index: Int) -> GrayImage { images[index] }
  public func label(_ index: Int) -> Int { labels[index] }

  /// Reads every class folder of `directory`.
  /// - Throws: `.fileNotFound` / `.notADirectory` for the root, `.noClasses`, `.emptyClass`
  ///   for a class without PNGs, and any PNG error (naming the file).
  /// - Complexity: O(total pixels), sequential.
  public static func load(directory: String, maxPixels: Int = PNGFile.defaultMaxPixels)
    throws(DataError) -> ImageFolder
  {
    let root =
      directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    guard FileBytes.isDirectory(root) else {
      throw FileBytes.isRegularFile(root) ? .notADirectory(path: root) : .fileNotFound(path: root)
    }
    let classNames = try sortedEntries(root).filter { FileBytes.isDirectory(root + "/" + $0) }
    if classNames.isEmpty { throw .noClasses(path: root) }
    var images: [GrayImage] = []
    var labels: [Int] = []
    var paths: [String] = []
    var warnings: [String] = []
    for (label, name) in classNames.enumerated() {
      let classPath = root + "/" + name
      let before = images.count
      for file in try sortedEntries(classPath) {
        let path = classPath + "/" + file
        if FileBytes.isDirectory(path) {
          warnings.append("\(path): skipped, a folder inside a class folder")
        } else if !file.lowercased().hasSuffix(".png") {
          warnings.append("\(path): skipped, not a .png file")
        } else {
          images.append(try PNGFile.readGray(path: path, maxPixels: maxPixels))
          labels.append(label)
          paths.append(path)
        }
      }
      if images.count == before { throw .emptyClass(path: classPath) }
    }
    return ImageFolder(
      root: root, classNames: classNames, images: images, labels: labels,
      paths: paths, warnings: warnings)
  }

  /// Entry names of `path` without dot-files, sorted by UTF-8 bytes (= code points).
  static func sortedEntries(_ path: String) throws(DataError) -> [String] {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: path)
    } catch {
      throw .unreadable(path: path, reason: error.localizedDescription)
    }
    return names.filter { !$0.hasPrefix(".") }
      .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }
}
