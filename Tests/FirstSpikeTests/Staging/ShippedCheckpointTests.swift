import FirstSpikeTestSupport
import Foundation
import Testing
@testable import FirstSpike

/// Every checkpoint shipped in `checkpoints/` loads (through the registry, as every command
/// opens it) and classifies a fixed handful of images exactly as recorded: class and margin.
/// Recorded with the release build of commit 23b0546 (`firstspike classify --json` on MNIST test
/// images 0–7 exported as PNG, and on eight ETH-80 files), before any change of this branch;
/// a difference means a shipped model no longer evaluates as RESULTS.md says.
@Suite struct ShippedCheckpointTests {
  /// (checkpoint, recorded (class, margin) of MNIST test images 0…7).
  static let mnist: [(String, [(Int, Double)])] = [
    ("mozafari2019", [(7, 131.086669921875), (2, 172.590087890625), (1, 134.7587890625), (0, 90.5086669921875),
                      (4, 71.47998046875), (1, 104.97930908203125), (4, 30.8050537109375), (9, 42.40362548828125)]),
    ("mozafari2019-paper", [(7, 86.09225463867188), (2, 83.56082153320312), (1, 70.9156494140625),
                            (0, 44.510040283203125), (4, 40.25909423828125), (1, 60.72357177734375),
                            (4, 35.646881103515625), (9, 16.4178466796875)]),
    ("kheradpisheh2018", [(7, 5.5696611404418945), (2, 4.568519592285156), (1, 3.6768527030944824),
                          (0, 4.947648048400879), (4, 4.504408836364746), (1, 3.756485939025879),
                          (4, 4.675074577331543), (9, 7.5140838623046875)]),
    ("diehlcook2015-n100", [(7, 0.5314820227458448), (2, 0.1770627237626134), (1, 0.643297966170715),
                            (0, 0.8070802876033459), (4, 0.35001943365340416), (1, 0.7765829170108427),
                            (4, 0.3147481924466196), (9, 0.3123644694760279)]),
    ("diehlcook2015-n400", [(7, 0.534031309414838), (2, 0.24337708428012905), (1, 0.44226745287151187),
                            (0, 0.11622127530671075), (4, 0.5443698357743273), (1, 0.7619678938690755),
                            (4, 0.4066113993234748), (9, 0.2611588592301286)]),
  ]

  /// shallow-rstdp on cup/dog files 1, 11, 21, 31 of each class (sorted names).
  static let eth80: [(String, Int, Double)] = [
    ("cup/cup1-000-000.png", 0, 5.0073089599609375), ("cup/cup1-045-090.png", 0, 19.709976196289062),
    ("cup/cup1-066-333.png", 0, 7.5023651123046875), ("cup/cup1-090-112.png", 0, 11.424301147460938),
    ("dog/dog1-000-000.png", 1, 4.6617431640625), ("dog/dog1-045-090.png", 1, 15.051544189453125),
    ("dog/dog1-066-333.png", 1, 5.7331695556640625), ("dog/dog1-090-112.png", 1, 10.118881225585938),
  ]

  static func open(_ name: String) throws -> any Model {
    try ModelRegistry.load(path: RepositoryPaths.checkpoints + "/\(name).fspk")
  }

  @Test(arguments: 0..<5) func mnistCheckpointClassifiesAsRecorded(entry: Int) throws {
    let (name, recorded) = Self.mnist[entry]
    let model = try Self.open(name)
    #expect(model.name == (name.hasPrefix("mozafari") ? "mozafari2019" : name.hasPrefix("diehl") ? "diehlcook2015" : name))
    let test = try MNIST.load(directory: RepositoryPaths.mnist, split: .test)
    let classifier = model.classifier()
    for (i, (label, margin)) in recorded.enumerated() {
      let d = classifier.classify(test.image(i))
      #expect(d.label == label && d.margin == margin, "\(name) image \(i): \(String(describing: d.label)) \(d.margin)")
    }
  }

  @Test func shallowCheckpointClassifiesAsRecorded() throws {
    let classifier = try Self.open("shallow-rstdp").classifier()
    for (file, label, margin) in Self.eth80 {
      let d = classifier.classify(try GrayImage(pngPath: RepositoryPaths.eth80 + "/" + file))
      #expect(d.label == label && d.margin == margin, "\(file): \(String(describing: d.label)) \(d.margin)")
    }
  }

  /// The gradient-trained checkpoints (#15) and the validation-selected shallow twin, recorded
  /// the same way with the release build of the branch that trained them: MNIST test images
  /// 0…7, or the eight ETH-80 files above.
  static let gradientMNIST: [(String, [(Int, Double)])] = [
    ("s4nn", [
      (7, 117.24159240722656), (2, 101.829345703125), (1, 116.42350769042969), (0, 102.66412353515625),
      (4, 104.10232543945312), (1, 100.16020202636719), (4, 104.90145111083984), (9, 108.82843780517578)]),
    ("ttfs-cnn", [
      (7, 3.039118766784668), (2, 3.3320670127868652), (1, 3.012561798095703), (0, 3.378615379333496),
      (4, 3.026642322540283), (1, 3.0112783908843994), (4, 3.147217035293579), (9, 3.0079567432403564)]),
    ("mozafari2019-hybrid", [
      (7, 135.47671508789062), (2, 104.37522888183594), (1, 107.06999969482422), (0, 102.58607482910156),
      (4, 121.91393280029297), (1, 145.3150177001953), (4, 102.5688247680664), (9, 162.41070556640625)]),
  ]
  static let gradientETH80: [(String, [(Int, Double)])] = [
    ("s4nn-eth80", [
      (0, 130.17303466796875), (0, 163.03526306152344), (0, 142.85604858398438), (0, 111.25975036621094),
      (1, 274.31329345703125), (1, 163.64317321777344), (1, 114.53520965576172), (1, 275.0634765625)]),
    ("ttfs-cnn-eth80", [
      (0, 3.2032840251922607), (0, 3.012803077697754), (0, 3.001840591430664), (0, 3.125826120376587),
      (1, 3.059110403060913), (1, 3.0183825492858887), (1, 3.016601085662842), (1, 3.028956413269043)]),
    ("mozafari2019-hybrid-eth80", [
      (0, 241.50686645507812), (0, 134.00543212890625), (0, 488.2384948730469), (0, 188.00099182128906),
      (1, 582.9985961914062), (1, 1130.63525390625), (1, 456.91680908203125), (1, 854.1956787109375)]),
    ("shallow-rstdp-validated", [
      (0, 87.68331909179688), (0, 99.62924194335938), (0, 60.682525634765625), (0, 58.599578857421875),
      (1, 90.02560424804688), (1, 123.91061401367188), (1, 89.31007385253906), (1, 93.39936828613281)]),
  ]

  @Test(arguments: 0..<3) func gradientCheckpointClassifiesAsRecorded(entry: Int) throws {
    let (name, recorded) = Self.gradientMNIST[entry]
    let classifier = try Self.open(name).classifier()
    let test = try MNIST.load(directory: RepositoryPaths.mnist, split: .test)
    let got = (0..<8).map { classifier.classify(test.image($0)) }.map { ($0.label ?? -1, $0.margin) }
    #expect(got.map(\.0) == recorded.map(\.0) && got.map(\.1) == recorded.map(\.1), "\(name): \(got)")
  }

  @Test(arguments: 0..<4) func eth80CheckpointClassifiesAsRecorded(entry: Int) throws {
    let (name, recorded) = Self.gradientETH80[entry]
    let classifier = try Self.open(name).classifier()
    let got = try Self.eth80.map { try classifier.classify(GrayImage(pngPath: RepositoryPaths.eth80 + "/" + $0.0)) }
      .map { ($0.label ?? -1, $0.margin) }
    #expect(got.map(\.0) == recorded.map(\.0) && got.map(\.1) == recorded.map(\.1), "\(name): \(got)")
  }

  /// The lists above are every file in `checkpoints/` (a new one needs its own entry).
  /// The shipped profiles predate slants: an MNIST model's takes MNIST's slant, ETH-80's none
  /// (its photographs are only resized).
  @Test func shippedProfilesTakeMNISTsSlant() throws {
    for name in ["kheradpisheh2018", "mozafari2019", "s4nn"] {
      let model = try Self.open(name)
      #expect(model.data.profile?.slant == nil)
      let (profile, note) = model.inputProfile()
      #expect(profile.slant == DataProfile.mnist.slant && note == nil, "\(name)")
    }
    #expect(try Self.open("shallow-rstdp").inputProfile().profile.slant == nil)
  }

  @Test func everyShippedCheckpointIsCovered() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.checkpoints)
      .filter { $0.hasSuffix(".fspk") }.sorted()
    let listed = Self.mnist.map(\.0) + ["shallow-rstdp"] + Self.gradientMNIST.map(\.0) + Self.gradientETH80.map(\.0)
    #expect(files == listed.map { $0 + ".fspk" }.sorted())
  }
}
