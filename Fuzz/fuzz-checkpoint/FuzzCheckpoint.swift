@testable import FirstSpike
import FuzzSupport

/// libFuzzer target: bytes as a checkpoint. The first byte picks what they are: 0 = a whole
/// file (preamble, zstd frame, checksum), else the decompressed payload (header JSON, blobs,
/// tensors), which reaches the model's own validation far more often than a frame whose
/// checksum a mutation breaks. A model that is accepted is run (``FuzzSupport/exercise(_:)``).
@main enum Main {
  static func main() { FuzzSupport.run { start, count in fuzzCheckpoint(start, count) } }
}

/// Also libFuzzer's entry by name (its own `main`, unused, refers to it).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheckpoint(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
  let bytes = FuzzSupport.bytes(start, count)
  guard let mode = bytes.first else { return 0 }
  let rest = Array(bytes.dropFirst())
  let archive = mode == 0
    ? try? CheckpointArchive(decoding: rest, path: "<fuzz>", maxPayloadSize: 64 << 20)
    : try? CheckpointArchive(payload: rest, path: "<fuzz>")
  if let archive, let model = try? ModelRegistry.model(in: archive) { FuzzSupport.exercise(model) }
  return 0
}
