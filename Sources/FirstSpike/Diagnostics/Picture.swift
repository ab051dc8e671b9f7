import Foundation

/// The file formats pictures are written in, chosen by the file's extension.
public enum PictureFormat: String, Sendable, CaseIterable {
  case png, svg

  /// The format of `path` from its extension (`.png` or `.svg`, any case).
  /// - Throws: ``DiagnosticsError`` naming the path when the extension is neither.
  public init(path: String) throws(DiagnosticsError) {
    let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
    guard let format = PictureFormat(rawValue: ext) else {
      throw DiagnosticsError("\(path): pictures are written as .png or .svg files, not '.\(ext)'")
    }
    self = format
  }

  /// The MIME type, for `data:` URLs.
  public var mimeType: String { self == .png ? "image/png" : "image/svg+xml" }
}

/// A finished picture: the bytes of a PNG or SVG file and its size in pixels.
public struct Picture: Sendable {
  public var format: PictureFormat
  public var width: Int
  public var height: Int
  public var bytes: [UInt8]

  /// Writes the picture to `path` atomically (see ``AtomicFile``).
  public func write(to path: String) throws {
    try AtomicFile.write(bytes, to: path)
  }

  /// The picture as a `data:` URL, for a self-contained HTML page.
  public var dataURL: String { "data:\(format.mimeType);base64," + Data(bytes).base64EncodedString() }
}

/// A diagnostic that cannot be drawn or run for this model, reported as one line.
public struct DiagnosticsError: FirstSpikeError, Equatable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
