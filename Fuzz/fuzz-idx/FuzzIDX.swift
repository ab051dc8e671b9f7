import FirstSpike
import FuzzSupport

/// libFuzzer target: bytes as an IDX file (raw or gzip) read from disk, as MNIST is, and
/// described as `firstspike info` does.
@main enum Main {
  static func main() { FuzzSupport.run { start, count in fuzzIDX(start, count) } }
}

/// Also libFuzzer's entry by name (its own `main`, unused, refers to it).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
  let path = FuzzSupport.scratchPath("input.idx")
  FuzzSupport.write(FuzzSupport.bytes(start, count), to: path)
  if let file = try? IDXFile.read(path: path) {
    if file.kind == .images, let images = try? IDXFile.readImages(path: path), images.count > 0 {
      _ = images.image(images.count - 1)
    }
  }
  _ = try? DataFileFormat.detect(path: path)
  return 0
}
