internal import CLibPNG

/// PNG decoding and encoding through libpng's simplified API (`png_image_*`, no `setjmp`).
///
/// **Reading.** Every valid PNG (gray 1/2/4/8/16-bit, gray+alpha, RGB, RGBA, 8/16-bit,
/// palette with or without tRNS, Adam7-interlaced) becomes an 8-bit ``GrayImage``:
/// 1. libpng expands the file to 8-bit RGBA (`PNG_FORMAT_RGBA`). Because the output keeps an
///    alpha channel nothing is composited: colour samples are returned as stored. Gray of
///    depth 1/2/4 is scaled by bit replication (exact), palettes are looked up.
/// 2. 16-bit samples become `round(v · 255 / 65535)` (libpng's `png_set_scale_16`):
///    `PNG_IMAGE_FLAG_16BIT_sRGB` is set so libpng does not treat them as linear light.
/// 3. Every ancillary chunk but tRNS is dropped before decoding (``PNGChunks/decodingChunks(_:)``):
///    the colour-management chunks gAMA, cHRM, sRGB and iCCP, so no gamma correction happens
///    (PIL ignores them as well), and text or private chunks, so that no declared chunk length
///    makes libpng allocate.
/// 4. Luma is PIL's ITU-R 601 `"L"` conversion, in integers:
///    `L = (R·19595 + G·38470 + B·7471 + 0x8000) >> 16`. Alpha is ignored, as in PIL's
///    `convert("L")` and torchvision's `ImageFolder` + `Grayscale` pipeline. For a gray pixel
///    `R = G = B = g` this gives `L = g` exactly, so gray PNGs round-trip unchanged.
///
/// The only PIL difference left: PIL keeps the high byte of 16-bit RGB samples (`v >> 8`)
/// and clips 16-bit gray to 255; FirstSpike rounds `v / 257`.
///
/// **Writing.** 8-bit gray or 8-bit RGB, non-interlaced, to a file or to memory.
public enum PNGFile {
  /// The default pixel cap, 64 Mpx: 256 MiB of RGBA decode buffer at most.
  public static let defaultMaxPixels = 64 * 1024 * 1024
  /// Largest PNG file read: 256 MiB (checked before the file is read).
  public static let maxFileBytes = 256 << 20

  /// Reads the PNG at `path` as 8-bit luma (see the type's documentation).
  ///
  /// - Parameter maxPixels: files whose header declares more than `width · height` pixels fail
  ///   with `.pngTooLarge` right after the header is read, before any pixel buffer exists.
  /// - Throws: `DataError` naming `path` (missing, not a regular file, unreadable, empty, no
  ///   PNG signature (checked on the first 8 bytes before the file is read whole), over
  ///   ``maxFileBytes``, libpng's message, too many pixels).
  /// - Complexity: O(width · height); peak memory ≈ file size + 5 bytes per pixel.
  public static func readGray(path: String, maxPixels: Int = defaultMaxPixels) throws(DataError)
    -> GrayImage
  {
    try decodeGray(readFile(path: path), path: path, maxPixels: maxPixels)
  }

  /// The bytes of the PNG file at `path`, after checking its signature and size.
  static func readFile(path: String) throws(DataError) -> [UInt8] {
    let file: ReadableFile, head: [UInt8]
    do {
      file = try ReadableFile(path: path)
      head = try file.read(upTo: 8)
    } catch { throw DataError(error) }
    if head.isEmpty { throw .emptyFile(path: path) }
    guard PNGChunks.hasSignature(head) else { throw .png(path: path, message: notPNG) }
    do {
      return head + (try file.readRest(maxBytes: maxFileBytes))
    } catch { throw DataError(error) }
  }

  /// libpng's words for bytes without the signature.
  static let notPNG = "Not a PNG file (no PNG signature)"

  /// Decodes PNG bytes as 8-bit luma; `path` only labels errors.
  public static func decodeGray(
    _ bytes: [UInt8], path: String = "<memory>", maxPixels: Int = defaultMaxPixels
  ) throws(DataError) -> GrayImage {
    let (width, height, rgba) = try decodeRGBA(bytes, path: path, maxPixels: maxPixels)
    var gray = [UInt8](repeating: 0, count: width * height)
    gray.withUnsafeMutableBufferPointer { out in
      rgba.withUnsafeBufferPointer { src in
        for i in 0..<out.count {
          out[i] = luma601(src[4 * i], src[4 * i + 1], src[4 * i + 2])
        }
      }
    }
    return GrayImage(width: width, height: height, pixels: gray)
  }

  /// Decodes PNG bytes to 8-bit RGBA, colour not premultiplied, alpha as stored.
  static func decodeRGBA(_ bytes: [UInt8], path: String, maxPixels: Int) throws(DataError)
    -> (width: Int, height: Int, rgba: [UInt8])
  {
    if bytes.isEmpty { throw .emptyFile(path: path) }
    let input = PNGChunks.decodingChunks(bytes)
    let result = input.withUnsafeBytes { memory -> Result<(Int, Int, [UInt8]), DataError> in
      var image = png_image()
      image.version = png_uint_32(PNG_IMAGE_VERSION)
      defer { png_image_free(&image) }
      // libpng reads from `memory` until finish_read returns, so both calls stay in here.
      guard png_image_begin_read_from_memory(&image, memory.baseAddress, memory.count) != 0
      else { return .failure(.png(path: path, message: message(of: image))) }
      let width = Int(image.width)
      let height = Int(image.height)
      let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
      if overflow || pixels > maxPixels {
        return .failure(
          .pngTooLarge(path: path, width: width, height: height, maxPixels: maxPixels))
      }
      image.format = png_uint_32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)  // PNG_FORMAT_RGBA
      image.flags |= png_uint_32(PNG_IMAGE_FLAG_16BIT_sRGB)
      var rgba = [UInt8](repeating: 0, count: width * height * 4)
      let ok = rgba.withUnsafeMutableBytes {
        png_image_finish_read(&image, nil, $0.baseAddress, 0, nil)
      }
      guard ok != 0 else { return .failure(.png(path: path, message: message(of: image))) }
      return .success((width, height, rgba))
    }
    return try result.get()
  }

  /// Writes 8-bit gray (`channels == 1`) or RGB (`channels == 3`) pixels, row-major.
  ///
  /// - Throws: `.unwritable` with libpng's message when the file cannot be written.
  public static func write(
    pixels: [UInt8], width: Int, height: Int, channels: Int, to path: String
  ) throws(DataError) {
    var image = writeImage(pixels: pixels, width: width, height: height, channels: channels)
    defer { png_image_free(&image) }
    let ok = pixels.withUnsafeBytes {
      png_image_write_to_file(&image, path, 0, $0.baseAddress, 0, nil)
    }
    if ok == 0 { throw .unwritable(path: path, reason: message(of: image)) }
  }

  /// Encodes 8-bit gray (`channels == 1`) or RGB (`channels == 3`) pixels as PNG bytes.
  public static func encode(pixels: [UInt8], width: Int, height: Int, channels: Int)
    throws(DataError) -> [UInt8]
  {
    var image = writeImage(pixels: pixels, width: width, height: height, channels: channels)
    defer { png_image_free(&image) }
    var size = 0
    var ok = pixels.withUnsafeBytes {
      png_image_write_to_memory(&image, nil, &size, 0, $0.baseAddress, 0, nil)
    }
    var out = [UInt8](repeating: 0, count: size)
    if ok != 0 {
      ok = out.withUnsafeMutableBytes { dst in
        pixels.withUnsafeBytes {
          png_image_write_to_memory(&image, dst.baseAddress, &size, 0, $0.baseAddress, 0, nil)
        }
      }
    }
    if ok == 0 { throw .unwritable(path: "<memory>", reason: message(of: image)) }
    return Array(out[0..<size])
  }

  private static func writeImage(pixels: [UInt8], width: Int, height: Int, channels: Int)
    -> png_image
  {
    precondition(channels == 1 || channels == 3, "PNG write: \(channels) channels, need 1 or 3")
    precondition(
      pixels.count == width * height * channels,
      "PNG write: \(pixels.count) bytes for \(width)×\(height)×\(channels)")
    var image = png_image()
    image.version = png_uint_32(PNG_IMAGE_VERSION)
    image.width = png_uint_32(width)
    image.height = png_uint_32(height)
    image.format = channels == 1 ? 0 : png_uint_32(PNG_FORMAT_FLAG_COLOR)  // PNG_FORMAT_GRAY / _RGB
    return image
  }

  /// libpng's NUL-terminated `image.message`.
  private static func message(of image: png_image) -> String {
    withUnsafeBytes(of: image.message) { raw in
      let bytes = raw.prefix { $0 != 0 }
      return String(decoding: bytes, as: UTF8.self)
    }
  }
}

/// ITU-R 601 luma as PIL computes it for `convert("L")`:
/// `(R·19595 + G·38470 + B·7471 + 0x8000) >> 16` (the weights sum to 65536).
@inlinable
public func luma601(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
  let sum = UInt32(r) &* 19595 &+ UInt32(g) &* 38470 &+ UInt32(b) &* 7471 &+ 0x8000
  return UInt8(truncatingIfNeeded: sum >> 16)
}
