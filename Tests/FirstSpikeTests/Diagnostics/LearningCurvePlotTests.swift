import Testing

@testable import FirstSpike

@Suite struct LearningCurvePlotTests {
  static let curve = LearningCurveData(
    stage: 3, passes: 6,
    train: [(1, 0.80), (2, 0.86), (3, 0.90), (4, 0.92), (5, 0.93), (6, 0.935)],
    test: [(1, 0.84), (2, 0.88), (3, 0.915), (4, 0.91), (5, 0.905), (6, 0.90)],
    model: "tiny", summary: "stage 3: layer 3, R-STDP, 6 of 10 passes run", bestPass: 3)

  @Test func axesCoverTheDataWithNiceTicks() {
    let plot = LearningCurvePlot(Self.curve)
    #expect(plot.accuracyAxis.low <= 80 && plot.accuracyAxis.high >= 93.5 && plot.accuracyAxis.high <= 100)
    #expect(plot.passAxis.low <= 1 && plot.passAxis.high >= 6)
    let a = plot.point(pass: 1, accuracy: 0.8), b = plot.point(pass: 6, accuracy: 0.935)
    #expect(a.x < b.x && a.y > b.y, "later passes right, higher accuracy up")
    #expect(a.x >= plot.frame.x && b.x <= plot.frame.x + plot.frame.width)
  }

  /// The test line, the train line and the best-pass ring are where the data says.
  @Test func seriesAndBestPassAreDrawnAtTheirPoints() throws {
    let plot = LearningCurvePlot(Self.curve)
    let picture = try DecodedPicture(plot.draw(.png))
    for (pass, accuracy) in Self.curve.test {
      let p = plot.point(pass: pass, accuracy: accuracy)
      #expect(picture.has(LearningCurvePlot.testColor, near: p.x, p.y), "test point of pass \(pass)")
    }
    let t = plot.point(pass: 2, accuracy: 0.86)
    #expect(picture.has(LearningCurvePlot.trainColor, near: t.x, t.y), "train point of pass 2")
    let best = plot.point(pass: 3, accuracy: 0.915)
    #expect(plot.best?.pass == 3)
    #expect(picture.has(.highlight, near: best.x + 6, best.y, radius: 2), "ring around the best pass")
    #expect(!picture.has(.highlight, near: plot.point(pass: 5, accuracy: 0.905).x, plot.point(pass: 5, accuracy: 0.905).y, radius: 3))
  }

  @Test func noBestPassWithoutATestAtThatPass() {
    var curve = Self.curve
    curve.bestPass = 9
    #expect(LearningCurvePlot(curve).best == nil)
  }

  @Test func svgToo() throws {
    let size = try #require(svgSize(LearningCurvePlot(Self.curve, width: 640, height: 400).draw(.svg).bytes))
    #expect(size.width == "640px" && size.height == "400px")
  }
}
