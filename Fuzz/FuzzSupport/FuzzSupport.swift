import CFuzzDriver
import FirstSpike
import Foundation

/// What every fuzz target shares: the fuzzer's bytes as an array, a scratch file per process,
/// and a model exercised end to end once a reader accepted it (so that validation, not luck,
/// keeps the engine's unchecked pointer code safe).
public enum FuzzSupport {
  /// Runs libFuzzer (its options from the command line) on `callback`, then exits.
  public static func run(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
  }

  /// The bytes libFuzzer hands over.
  public static func bytes(_ start: UnsafePointer<UInt8>?, _ count: Int) -> [UInt8] {
    guard let start, count > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: start, count: count))
  }

  /// A file of this process in the temporary folder (`TMPDIR`, else /tmp).
  public static func scratchPath(_ name: String) -> String {
    let folder = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    return "\(folder)/firstspike-fuzz-\(getpid())-\(name)"
  }

  /// Writes `bytes` to `path` (plainly, no fsync: the fuzzer's inputs are not checkpoints).
  public static func write(_ bytes: [UInt8], to path: String) {
    guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
  }

  /// Whether running `model` is cheap in a debug build under ASan: at most 64 × 64 input
  /// pixels and a memory estimate under `bytes` (the readers accept up to 4 GiB; the fuzzer's
  /// memory and time limits are lower).
  public static func isSmall(_ model: any Model, bytes: Int = 8 << 20) -> Bool {
    guard model.inputWidth * model.inputHeight <= 64 * 64 else { return false }
    if let m = model as? SingleSpikeModel { return m.spec.memoryEstimate.total < bytes }
    if let m = model as? RateCodedModel { return m.spec.memoryEstimate < bytes && m.spec.steps <= 500 }
    return false
  }

  /// Small models (``isSmall(_:)``) are run: classified and explained on a blank and a noisy
  /// image, their first layer's features drawn, inspected, archived and read back. Larger ones
  /// were still validated in full.
  public static func exercise(_ model: any Model) {
    guard isSmall(model) else { return }
    _ = model.inspection()
    _ = model.stageStatus(1)
    if let archive = try? model.archive() { _ = try? ModelRegistry.model(in: archive) }
    guard model.inferenceProblem(checkpoint: "<fuzz>") == nil else { return }
    let classifier = model.classifier()
    for image in images(width: model.inputWidth, height: model.inputHeight) {
      _ = classifier.classify(image)
      if let explanation = try? model.explain(image) { _ = try? ExplanationPicture(explanation).draw(.png) }
    }
    if let features = try? model.features(layer: 1) { _ = try? FeatureSheet(features).draw(.png) }
  }

  /// A black image and a noisy one of the model's input size.
  public static func images(width: Int, height: Int) -> [GrayImage] {
    var g = SplitMix64(seed: 7)
    let noise = (0..<(width * height)).map { _ in UInt8(truncatingIfNeeded: g.next()) }
    return [GrayImage(width: width, height: height, pixels: [UInt8](repeating: 0, count: width * height)),
            GrayImage(width: width, height: height, pixels: noise)]
  }
}
