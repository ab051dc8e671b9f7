import FirstSpike
import FuzzSupport
import Foundation

/// libFuzzer target: bytes as a model spec file (`train --spec`, either kind). A spec that is
/// accepted makes a model, which is run (``FuzzSupport/exercise(_:)``) and, when small, trains
/// its first stage on two images, resumes, and loads the checkpoint it saved.
@main enum Main {
  static func main() { FuzzSupport.run { start, count in fuzzSpec(start, count) } }
}

/// Also libFuzzer's entry by name (its own `main`, unused, refers to it).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSpec(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
  let json = Data(FuzzSupport.bytes(start, count))
  let record = DataRecord(kind: "mnist", path: "<fuzz>", classNames: (0...9).map(String.init))
  guard var model = try? ModelRegistry.newModel(specJSON: json, path: "<fuzz>", seed: 1, data: record) else { return 0 }
  FuzzSupport.exercise(model)
  guard FuzzSupport.isSmall(model, bytes: 2 << 20), model.inputWidth * model.inputHeight <= 32 * 32 else { return 0 }
  let images = FuzzSupport.images(width: model.inputWidth, height: model.inputHeight)
  let data = LabeledImages(images: images, labels: [1, 2], classNames: record.classNames)
  let path = FuzzSupport.scratchPath("spec.fspk")
  var polls = 0
  _ = try? model.train(stage: 1, data: data, test: data, path: path, resume: false, retrain: true, passes: 1,
                       saveEvery: 1, shouldStop: { polls += 1; return polls > 1 })
  _ = try? model.train(stage: 1, data: data, test: data, path: path, resume: true, passes: 1, shouldStop: { false })
  if let loaded = try? ModelRegistry.load(path: path) { FuzzSupport.exercise(loaded) }
  return 0
}
