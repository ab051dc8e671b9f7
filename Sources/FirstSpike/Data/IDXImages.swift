/// What an IDX file of unsigned bytes holds, from its magic number.
///
/// Magic = `00 00 08 nd` (big-endian): `08` = unsigned byte data, `nd` = number of dimensions.
public enum IDXKind: Sendable, Equatable, CustomStringConvertible {
  /// `0x00000803` (2051): `count × rows × columns` pixels.
  case images
  /// `0x00000801` (2049): `count` labels.
  case labels

  public var magic: UInt32 { self == .images ? 0x0000_0803 : 0x0000_0801 }
  /// Number of dimensions after the magic (`count, rows, columns` or `count`).
  public var dimensions: Int { self == .images ? 3 : 1 }

  public init?(magic: UInt32) {
    switch magic {
    case 0x0000_0803: self = .images
    case 0x0000_0801: self = .labels
    default: return nil
    }
  }

  public var description: String { self == .images ? "images" : "labels" }
}

/// A stack of equally sized 8-bit images, as an IDX image file (MNIST) stores them:
/// `pixels[(i · rows + r) · columns + c]`.
public struct IDXImages: Sendable, Equatable {
  public var count: Int
  public var rows: Int
  public var columns: Int
  /// `count × rows × columns` intensities.
  public var pixels: [UInt8]

  public init(count: Int, rows: Int, columns: Int, pixels: [UInt8]) {
    precondition(
      count >= 0 && rows > 0 && columns > 0 && pixels.count == count * rows * columns,
      "\(pixels.count) pixels for \(count)×\(rows)×\(columns) IDX images")
    self.count = count
    self.rows = rows
    self.columns = columns
    self.pixels = pixels
  }

  /// Stacks `images`, which must all have the same size (and there must be at least one).
  public init(images: [GrayImage]) {
    precondition(!images.isEmpty, "IDXImages(images:) needs at least one image")
    let (w, h) = (images[0].width, images[0].height)
    var pixels: [UInt8] = []
    pixels.reserveCapacity(images.count * w * h)
    for (i, image) in images.enumerated() {
      precondition(
        image.width == w && image.height == h,
        "image \(i) is \(image.width)×\(image.height), image 0 is \(w)×\(h)")
      pixels.append(contentsOf: image.pixels)
    }
    self.init(count: images.count, rows: h, columns: w, pixels: pixels)
  }

  /// Image `i` (`0 ..< count`). Complexity: O(rows · columns), one copy.
  public func image(_ i: Int) -> GrayImage {
    precondition(i >= 0 && i < count, "image \(i) of \(count)")
    let size = rows * columns
    let slice = pixels[(i * size)..<((i + 1) * size)]
    return GrayImage(width: columns, height: rows, pixels: Array(slice))
  }
}

/// The labels of an IDX label file, one byte each.
public struct IDXLabels: Sendable, Equatable {
  public var labels: [UInt8]
  public var count: Int { labels.count }

  public init(_ labels: [UInt8]) { self.labels = labels }
}
