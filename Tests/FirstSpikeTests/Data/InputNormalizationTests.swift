import FirstSpikeTestSupport
import Testing

@testable import FirstSpike

@Suite struct InputNormalizationTests {
  static let test = try! MNIST.load(directory: RepositoryPaths.mnist, split: .test, verifyChecksums: false)
  static let profile: DataProfile = {
    let train = try! MNIST.load(directory: RepositoryPaths.mnist, split: .train, verifyChecksums: false)
    return DataProfile(measuring: (0..<2000).map { train.image($0) })!
  }()

  /// The same profile without a slant: framing alone, no shear (a profile recorded before
  /// slants were measured, for a model that is not MNIST's).
  static let unslanted: DataProfile = {
    var p = profile
    p.slant = nil
    return p
  }()

  /// Whether normalisation shears `digit` (its slant differs from the training slant by at
  /// least 1 / ink box).
  static func shears(_ digit: GrayImage) -> Bool {
    abs(InkLayout(digit).slant! - profile.slant!) >= 1 / profile.inkBox
  }

  static func meanDifference(_ a: GrayImage, _ b: GrayImage) -> Double {
    Double(zip(a.pixels, b.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(a.pixels.count)
  }

  /// The profile of MNIST's training images: MNIST's own framing.
  @Test func mnistProfile() {
    let p = Self.profile
    #expect(p.width == 28 && p.height == 28 && p.background == 0 && p.lightInk && p.digitLike)
    #expect(p.inkBox == 20 && abs(p.centreX - 14) < 0.1 && abs(p.centreY - 14) < 0.1 && p.images == 2000)
    #expect(p.contrast > 240 && p.inkFraction > 0.1 && p.inkFraction < 0.3)
    // The first 2 000 images; DataProfile.mnist's −0.1247 is the first 10 000's.
    #expect(abs((p.slant ?? 0) - DataProfile.mnist.slant!) < 0.05, "\(String(describing: p.slant))")
  }

  /// A digit leaning the other way from the training slant is sheared to it before it is
  /// fitted; one within 1 / ink box of it, or a profile without a slant, is not sheared.
  @Test func slantIsBroughtToTheTrainingSlant() throws {
    let p = Self.profile, target = try #require(p.slant)
    for i in [0, 1, 7] {
      let digit = Self.test.image(i)
      let own = try #require(InkLayout(digit).slant)
      let leaning = digit.resized(width: 112, height: 112).sheared(by: own - target - 0.4, aboutRow: 56, fill: 0)
      let canvas = leaning.inverted().placed(onCanvas: 300, 220, row: 40, column: 60, fill: 255)
      let r = InputNormalization.apply(GrayAlphaImage(gray: canvas), profile: p)
      #expect(r.steps.contains { $0.hasPrefix("slant ") } && r.steps.last?.hasSuffix("centred") == true, "\(r.steps)")
      let out = try #require(InkLayout(r.image).slant)
      #expect(abs(out - target) < 0.05, "image \(i): slant \(out)")
      var old = p
      old.slant = nil
      let unsheared = InputNormalization.apply(GrayAlphaImage(gray: canvas), profile: old)
      let kept = try #require(InkLayout(unsheared.image).slant)
      #expect(!unsheared.steps.contains { $0.hasPrefix("slant ") } && abs(kept - target) > 0.3, "\(kept)")
    }
    let upright = Self.test.image(2).resized(width: 112, height: 112)
    let u = try #require(InkLayout(upright).slant)
    let near = upright.sheared(by: u - target - 0.02, aboutRow: 56, fill: 0).placed(onCanvas: 200, 200, row: 30, column: 30, fill: 0)
    let r = InputNormalization.apply(GrayAlphaImage(gray: near), profile: p)
    #expect(!r.steps.contains { $0.hasPrefix("slant ") } && r.steps.last?.hasSuffix("centred") == true, "\(r.steps)")
  }

  /// A profile any training set gives passes ``DataProfile/problem``; one a crafted checkpoint
  /// could hold (a frame of 10⁹ or −5 columns, a centre or ink box far outside the frame, a
  /// slant of 10³⁰⁰, a range that is no pair) is refused before it frames an image.
  @Test func profilesOutsideWhatTrainingMeasuresAreRefused() {
    #expect(Self.profile.problem == nil && DataProfile.mnist.problem == nil)
    #expect(DataProfile.photos(width: 64, height: 48).problem == nil)
    let cases: [(WritableKeyPath<DataProfile, Int>, Int)] = [(\.width, 1_000_000_000), (\.width, -5), (\.height, 0)]
    for (key, v) in cases {
      var p = Self.profile
      p[keyPath: key] = v
      #expect(p.problem?.hasPrefix("frame ") == true, "\(String(describing: p.problem))")
    }
    let doubles: [(WritableKeyPath<DataProfile, Double>, Double, String)] = [
      (\.centreX, 1e300, "centreX"), (\.centreY, -1, "centreY"), (\.inkBox, 1e300, "inkBox"), (\.contrast, -1, "contrast"),
      (\.background, .nan, "background"), (\.inkFraction, 2, "inkFraction")]
    for (key, v, name) in doubles {
      var p = Self.profile
      p[keyPath: key] = v
      #expect(p.problem?.hasPrefix(name + " ") == true, "\(name): \(String(describing: p.problem))")
    }
    var p = Self.profile
    p.slant = 1e300
    #expect(p.problem?.hasPrefix("slant ") == true)
    p = Self.profile
    p.inkBoxRange = []
    #expect(p.problem == "inkBoxRange [] is not an ascending pair")
  }

  /// Ink whose slant is no stroke's (a shear past ``InputNormalization/maxShear`` columns per
  /// row from the training slant) is framed unsheared instead of on a canvas widened by the
  /// shear times its height.
  @Test func shearsPastTheLimitAreNotApplied() throws {
    var p = Self.profile
    let digit = Self.test.image(1).resized(width: 112, height: 112)
    let own = try #require(InkLayout(digit).slant)
    p.slant = own - InputNormalization.maxShear - 1
    let r = InputNormalization.apply(GrayAlphaImage(gray: digit.placed(onCanvas: 200, 200, row: 40, column: 40, fill: 0)), profile: p)
    #expect(!r.steps.contains { $0.hasPrefix("slant ") } && r.steps.last?.hasSuffix("centred") == true, "\(r.steps)")
    p.slant = own - 1
    let s = InputNormalization.apply(GrayAlphaImage(gray: digit.placed(onCanvas: 200, 200, row: 40, column: 40, fill: 0)), profile: p)
    #expect(s.steps.contains { $0.hasPrefix("slant ") }, "\(s.steps)")
  }

  /// ETH-80 photographs are not digit-like: they would only be resized.
  @Test func photographsAreNotDigitLike() throws {
    let folder = try ImageFolder.load(directory: RepositoryPaths.eth80)
    let p = try #require(DataProfile(measuring: Array(folder.images.prefix(200))))
    #expect(!p.digitLike && p.width == 64 && p.height == 64)
    let big = GrayAlphaImage(gray: folder.images[0].resized(width: 128, height: 128))
    let r = InputNormalization.apply(big, profile: p)
    #expect(r.steps == ["resized 128×128 → 64×64"] && r.image.width == 64)
  }

  /// In-distribution images come back exactly as they are: the first 2000 test images.
  @Test func mnistTestImagesAreLeftAlone() {
    for i in 0..<2000 {
      let image = Self.test.image(i)
      let r = InputNormalization.apply(GrayAlphaImage(gray: image), profile: Self.profile)
      #expect(r.image == image && r.steps.isEmpty && r.warnings.isEmpty, "test image \(i): \(r.steps)")
    }
  }

  /// A test digit drawn black on a large white canvas, off-centre and enlarged, is brought
  /// back close to the original: inverted, cropped, fitted into 20 px, centred (and, with the
  /// training slant, sheared to it when its own slant is off by 1 / ink box or more; the
  /// framing alone, without a slant in the profile, gives back the original).
  @Test func blackInkOnALargeCanvasIsFramedLikeMNIST() throws {
    for i in [0, 1, 7, 42] {
      let digit = Self.test.image(i)
      let big = digit.resized(width: 140, height: 140).inverted()
      let canvas = big.placed(onCanvas: 300, 220, row: 30, column: 120, fill: 255)
      for p in [Self.profile, Self.unslanted] {
        let r = InputNormalization.apply(GrayAlphaImage(gray: canvas), profile: p)
        #expect(r.steps.first == "inverted" && r.steps.last?.hasSuffix("centred") == true, "\(r.steps)")
        #expect(r.steps.contains { $0.hasPrefix("slant ") } == (p.slant != nil && Self.shears(digit)), "\(r.steps)")
        let layout = InkLayout(r.image)
        #expect(layout.lightInk && layout.box?.longestSide ?? 0 >= 19 && layout.box?.longestSide ?? 0 <= 21)
        #expect(abs(layout.centre!.x - 14) <= 0.6 && abs(layout.centre!.y - 14) <= 0.6)
        if p.slant == nil {
          #expect(Self.meanDifference(r.image, digit) < 12, "image \(i): \(Self.meanDifference(r.image, digit))")
        } else {
          #expect(abs(layout.slant! - p.slant!) < 0.05, "image \(i): slant \(layout.slant!)")
        }
      }
    }
  }

  /// Black ink on a transparent canvas (RGB 0, the ink in alpha) is composited onto white,
  /// then inverted back: the original digit.
  @Test func blackInkOnTransparencyIsComposited() {
    let digit = Self.test.image(3)
    let input = GrayAlphaImage(gray: GrayImage(width: 28, height: 28), alpha: digit.pixels)
    let r = InputNormalization.apply(input, profile: Self.unslanted)
    #expect(Array(r.steps.prefix(2)) == ["alpha composited onto white", "inverted"], "\(r.steps)")
    #expect(Self.meanDifference(r.image, digit) < 3)
    let slanted = InputNormalization.apply(input, profile: Self.profile)
    #expect(Array(slanted.steps.prefix(2)) == ["alpha composited onto white", "inverted"], "\(slanted.steps)")
    #expect(slanted.steps.contains { $0.hasPrefix("slant ") } == Self.shears(digit), "\(slanted.steps)")
    let ignored = InputNormalization.apply(input, profile: Self.profile, mode: .none)
    #expect(ignored.image == GrayImage(width: 28, height: 28) && ignored.steps.isEmpty)
  }

  /// Blue-ish ink on off-white, noisy paper: levels to 0…254, no paper left in the frame.
  @Test func fadedInkOnPaperIsLevelled() {
    let digit = Self.test.image(5)
    var g = SplitMix64(seed: 9)
    var paper = GrayImage(width: 120, height: 90)
    for i in paper.pixels.indices { paper.pixels[i] = UInt8(228 + Int(g.next() % 9)) }
    let ink = digit.resized(width: 56, height: 56)
    for y in 0..<56 { for x in 0..<56 where ink[y, x] > 0 {
      paper[20 + y, 40 + x] = UInt8(Double(paper[20 + y, 40 + x]) - Double(ink[y, x]) * 0.6)
    } }
    let r = InputNormalization.apply(GrayAlphaImage(gray: paper), profile: Self.profile)
    #expect(r.steps.contains("inverted") && r.steps.contains { $0.hasPrefix("levels ") }, "\(r.steps)")
    let layout = InkLayout(r.image)
    #expect(layout.background == 0 && layout.contrast >= 240)
    #expect(Self.meanDifference(r.image, digit) < 15)
  }

  @Test func blankImagesAreReportedNotInvented() {
    let r = InputNormalization.apply(GrayAlphaImage(gray: GrayImage(width: 50, height: 40, fill: 250)), profile: Self.profile)
    #expect(r.warnings.count == 1 && r.warnings[0].hasPrefix("no ink"))
    #expect(r.image.width == 28 && r.steps == ["resized 50×40 → 28×28"])
  }

  /// `none` is the old path: the luma as read, bilinear resize.
  @Test func noneOnlyResizes() {
    let image = Self.test.image(8).resized(width: 100, height: 60)
    let r = InputNormalization.apply(GrayAlphaImage(gray: image), profile: Self.profile, mode: .none)
    #expect(r.image == image.resized(width: 28, height: 28) && r.steps == ["resized from 100×60 to 28×28"])
  }

  /// `--polarity keep` never inverts, `invert` always does.
  @Test func polarityOverrides() {
    let digit = Self.test.image(11)
    let keep = InputNormalization.apply(GrayAlphaImage(gray: digit.inverted()), profile: Self.profile, polarity: .keep)
    #expect(!keep.steps.contains("inverted"))
    let invert = InputNormalization.apply(GrayAlphaImage(gray: digit), profile: Self.profile, polarity: .invert)
    #expect(invert.steps.first == "inverted")
  }
}
