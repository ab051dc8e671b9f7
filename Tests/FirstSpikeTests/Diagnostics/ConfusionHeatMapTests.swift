import Testing

@testable import FirstSpike

@Suite struct ConfusionHeatMapTests {
  static let labels = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2]
  static let predictions = [0, 0, 0, 1, 1, 1, -1, 2, 0, 2]

  @Test func countsRowsAndASilentColumn() {
    let map = ConfusionHeatMap(labels: Self.labels, predictions: Self.predictions, classNames: ["a", "b", "c"], title: "t", subtitle: "s")
    #expect(map.hasSilentColumn)
    #expect(map.counts == [[3, 1, 0, 0], [0, 2, 0, 1], [1, 0, 2, 0]])
    #expect(abs(map.share(1, 3) - 1.0 / 3) < 1e-12 && map.share(0, 0) == 0.75)
    let quiet = ConfusionHeatMap(labels: [0, 1], predictions: [0, 1], classNames: ["a", "b"], title: "t", subtitle: "s")
    #expect(!quiet.hasSilentColumn && quiet.counts == [[1, 0], [0, 1]])
  }

  /// Every cell is filled with viridis of the square root of its row share (checked beside its
  /// text, in a corner).
  @Test func cellsAreColouredByTheirRowShare() throws {
    let map = ConfusionHeatMap(labels: Self.labels, predictions: Self.predictions, classNames: ["a", "b", "c"], title: "t", subtitle: "s")
    let picture = try DecodedPicture(map.draw(.png))
    for r in 0..<3 {
      for c in 0..<4 {
        let o = map.cellOrigin(r, c)
        #expect(picture.color(o.x + 4, o.y + 4).distance(to: ColorMap.viridis(map.share(r, c).squareRoot())) < 0.01, "cell (\(r), \(c))")
      }
    }
  }

  @Test func aBigMatrixStaysReadable() {
    let labels = (0..<1000).map { $0 % 10 }
    let map = ConfusionHeatMap(labels: labels, predictions: labels, classNames: (0..<10).map(String.init), title: "t", subtitle: "s")
    #expect(map.cell >= 44, "room for a count and a percentage in each cell")
    #expect(map.width < 1000 && map.height < 1000)
  }

  /// A model of more classes than a picture can show (a crafted checkpoint's class names) is
  /// one error, not a trap in the canvas.
  @Test func tooManyClassesIsAnError() {
    let labels = Array(0..<1200)
    let map = ConfusionHeatMap(labels: labels, predictions: labels, classNames: labels.map(String.init), title: "t", subtitle: "s")
    #expect(throws: DiagnosticsError("the heat map of 1200 classes would be \(map.width)×\(map.height) pixels; pictures are at most 32767 pixels a side")) {
      _ = try map.draw(.svg)
    }
  }
}
