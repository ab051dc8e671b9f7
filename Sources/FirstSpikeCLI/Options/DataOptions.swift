import ArgumentParser
import FirstSpike
import Foundation

/// Where the images come from: an MNIST folder or an image folder (one sub-folder per class).
struct DataOptions: ParsableArguments {
  @Option(name: .long, help: "MNIST folder (IDX files, raw or .gz) or image folder with one sub-folder per class.")
  var data: String?

  @Option(name: .long, help: "Image folders: fraction of the images used for training (the rest is the test split).")
  var trainFraction: Double = 0.75

  @Option(name: .long, help: "Image folders: seed of the train/test split.")
  var splitSeed: UInt64 = 0

  @OptionGroup var checksums: ChecksumOptions

  @Flag(help: "Use --data even when its classes or image size differ from the checkpoint's.")
  var allowDataMismatch = false

  func validate() throws {
    guard trainFraction > 0 && trainFraction < 1 else {
      throw ValidationError("--train-fraction must lie strictly between 0 and 1, not \(trainFraction)")
    }
  }

  /// Loads `split` from `--data`, or from the data set the checkpoint was trained on, with a
  /// line saying what the data set is (`datasets/mnist: MNIST, verified …`). With `model`, a
  /// data set whose classes or image size differ from the model's is refused (unless
  /// --allow-data-mismatch).
  func load(_ split: TrainingData.Split, record: DataRecord?, limit: Int?, for model: (any Model)? = nil,
            checkpoint: String = "") throws -> (images: LabeledImages, record: DataRecord, note: String) {
    guard let path = data ?? record?.path else {
      throw ValidationError("--data is required (no data set is recorded in the checkpoint)")
    }
    let fraction = (data == nil ? record?.trainFraction : nil) ?? trainFraction
    let seed = (data == nil ? record?.splitSeed : nil) ?? splitSeed
    let (images, loaded, note) = try TrainingData.load(path: path, split: split, trainFraction: fraction, splitSeed: seed,
                                                       limit: limit, verifyChecksums: checksums.verify)
    if let model, !allowDataMismatch, let problem = model.dataMismatch(images, path: path) {
      throw FileProblem(path: checkpoint, reason: "\(problem) (--allow-data-mismatch to use it anyway)")
    }
    return (images, loaded, note)
  }
}

/// An MNIST folder for the commands that read MNIST only (`export`, `trace`, `bench`).
struct MNISTOptions: ParsableArguments {
  @Option(help: "Folder with the MNIST IDX files (train-images-idx3-ubyte.gz, ...).")
  var data = "datasets/mnist"

  @OptionGroup var checksums: ChecksumOptions
}

/// The SHA-256 check of standard-named MNIST files, one spelling everywhere.
struct ChecksumOptions: ParsableArguments {
  @Flag(help: "Do not identify IDX files by the SHA-256 of their decompressed content (saves the hashing).")
  var skipChecksums = false

  /// The older spelling of `--skip-checksums`, kept so that scripts keep working.
  @Flag(name: .customLong("no-verify"), help: .private) var noVerify = false

  var verify: Bool { !(skipChecksums || noVerify) }
}

extension TrainingData.Split: ExpressibleByArgument {}
