import FirstSpike
import FirstSpikeTestSupport
import Foundation
import Testing

/// Data sets users have: IDX sets in MNIST's layout that are not MNIST train and evaluate with
/// `--data` alone; data that does not fit a checkpoint is refused in one line.
@Suite(.serialized) struct DataSetCommandTests {
  static let scratch = TempDirectory("datasets")
  static var folder: String { scratch.path }

  /// "Permuted MNIST": the first images of both splits, every image's pixels in one fixed
  /// shuffled order and every label moved by 3, in MNIST's file names (gzip for the images,
  /// raw labels): a set in MNIST's layout that is not MNIST.
  static let permuted: String = {
    let dir = folder + "/permuted"
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var g = SplitMix64(seed: 3)
    let order = g.permutation(784)
    for (split, n) in [(MNIST.Split.train, 60), (.test, 30)] {
      let mnist = try! MNIST.load(directory: RepositoryPaths.mnist, split: split, verifyChecksums: false)
      let images = (0..<n).map { i -> GrayImage in
        let p = mnist.image(i).pixels
        return GrayImage(width: 28, height: 28, pixels: order.map { p[$0] })
      }
      try! IDXFile.write(IDXImages(images: images), to: dir + "/\(split.filePrefix)-images-idx3-ubyte.gz", compressed: true)
      try! IDXFile.write(IDXLabels((0..<n).map { UInt8((mnist.label($0) + 3) % 10) }),
                         to: dir + "/\(split.filePrefix)-labels-idx1-ubyte", compressed: false)
    }
    return dir
  }()

  @Test func anotherIDXSetTrainsAndEvaluatesWithDataAlone() throws {
    let spec = TinyModels.specFile(TinyModels.kheradpisheh, named: "tiny-kh", in: Self.folder)
    let c = Self.folder + "/perm.fspk"
    for stage in 1...3 {
      var args = ["train", "--data", Self.permuted, "--stage", "\(stage)", "--checkpoint", c]
      if stage == 1 { args += ["--spec", spec] }
      let r = try runFirstSpike(args)
      #expect(r.status == 0, "stage \(stage): \(r.stderr)")
      #expect(r.stdout.contains("data: \(Self.permuted): IDX files in MNIST's layout, not MNIST"), "\(r.stdout)")
    }
    let eval = try runFirstSpike(["evaluate", "--checkpoint", c])
    #expect(eval.status == 0, "\(eval.stderr)")
    #expect(eval.stdout.contains("on 30 test images") && eval.stdout.contains("not MNIST"), "\(eval.stdout)")
    let model = try SingleSpikeModel.load(path: c)
    #expect(model.training.data.identity == nil && model.training.data.profile?.width == 28)
    // The last stage finished: calibrated, on shifted views (every training image was trained on).
    #expect(model.training.calibration?.images == 60 && model.training.calibration?.fittedOn.contains("shifted") == true)
  }

  /// The vendored MNIST is identified; a cup/dog model is refused MNIST in one line.
  @Test func mismatchedDataIsRefused() throws {
    let shallow = RepositoryPaths.checkpoints + "/shallow-rstdp.fspk"
    let r = try runFirstSpike(["evaluate", "--checkpoint", shallow, "--data", "datasets/mnist", "--limit", "5"])
    #expect(r.status == 1)
    #expect(r.stderr == "firstspike: error: \(shallow): datasets/mnist has classes 0, 1, 2, 3, …, 9 (10), but the model was trained on cup, dog (--allow-data-mismatch to use it anyway)\n")
    let small = Self.folder + "/small"
    try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: true)
    try IDXFile.write(IDXImages(count: 2, rows: 32, columns: 32, pixels: [UInt8](repeating: 9, count: 2048)),
                      to: small + "/t10k-images-idx3-ubyte", compressed: false)
    try IDXFile.write(IDXLabels([1, 9]), to: small + "/t10k-labels-idx1-ubyte", compressed: false)
    let kh = RepositoryPaths.checkpoints + "/kheradpisheh2018.fspk"
    let sized = try runFirstSpike(["evaluate", "--checkpoint", kh, "--data", small])
    #expect(sized.stderr == "firstspike: error: \(kh): \(small) holds 32×32 images, but the model was trained on 28×28 images (--allow-data-mismatch to use it anyway)\n")
    let forced = try runFirstSpike(["evaluate", "--checkpoint", kh, "--data", small, "--allow-data-mismatch", "--json"])
    #expect(forced.status == 0, "\(forced.stderr)")
    let ok = try runFirstSpike(["evaluate", "--checkpoint", kh, "--limit", "3", "--json"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(ok.stdout.utf8)) as? [String: Any])
    #expect(json["data"] as? String == "datasets/mnist: MNIST, verified (SHA-256 of the decompressed files)")
    #expect(json["spikes_layers"] as? [String] == ["encoder", "layer 1", "layer 2"])
    #expect(json["synaptic_events_layers"] as? [String] == ["layer 1", "layer 2"])
  }
}
