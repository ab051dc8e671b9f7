import FirstSpike
import FuzzSupport

/// libFuzzer target: PNG bytes through the decoder (chunk filter, libpng, luma) and the header
/// parser. Any outcome but a crash, a leak, a hang or an ASan report is fine.
@main enum Main {
  static func main() { FuzzSupport.run { start, count in fuzzPNG(start, count) } }
}

/// Also libFuzzer's entry by name (its own `main`, unused, refers to it).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNG(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
  let bytes = FuzzSupport.bytes(start, count)
  _ = try? PNGHeader(bytes: bytes, path: "<fuzz>")
  if let image = try? PNGFile.decodeGray(bytes, maxPixels: 1 << 22) {
    precondition(image.pixels.count == image.width * image.height, "decoded \(image.pixels.count) pixels")
  }
  return 0
}
