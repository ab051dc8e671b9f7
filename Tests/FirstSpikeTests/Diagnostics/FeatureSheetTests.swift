import Testing

@testable import FirstSpike

@Suite struct FeatureSheetTests {
  static func tiles(_ n: Int, side: Int = 5) -> [FeatureSet.Tile] {
    (0..<n).map { k in .pixels(GrayImage(width: side, height: side, pixels: (0..<side * side).map { UInt8(($0 * 7 + k * 13) % 256) })) }
  }

  static func set(_ n: Int, groups: [FeatureSet.Group] = [], side: Int = 5) -> FeatureSet {
    FeatureSet(title: "t", caption: "c", key: ("low", "high"), tileWidth: side, tileHeight: side, tiles: tiles(n, side: side),
               groups: groups, summary: "s")
  }

  @Test func defaultScaleMakesTilesAtLeast48PixelsAndColumnsAboutSquare() {
    let sheet = FeatureSheet(Self.set(30, side: 17))
    #expect(sheet.scale == 3 && sheet.columns == 6)
    #expect(FeatureSheet(Self.set(4, side: 50)).scale == 1)
    #expect(FeatureSheet(Self.set(30, side: 17), columns: 10, scale: 2).scale == 2)
  }

  /// Each class starts a row labelled with it; a class with more tiles than columns wraps.
  @Test func groupsStartLabelledRows() {
    let groups = [FeatureSet.Group(label: "cup", tiles: [0, 1, 2]), FeatureSet.Group(label: "dog", tiles: [3, 4, 5, 6, 7])]
    let sheet = FeatureSheet(Self.set(8, groups: groups), columns: 4)
    #expect(sheet.rows.map(\.label) == ["cup", "dog", nil])
    #expect(sheet.rows.map(\.tiles) == [[0, 1, 2], [3, 4, 5, 6], [7]])
    #expect(FeatureSheet(Self.set(8, groups: groups)).columns == 5, "default: the largest group")
  }

  /// Tile `k` is drawn, magnified, at its row and column (groups start new rows).
  @Test func tilesAreDrawnPixelExactAtTheirPlace() throws {
    let groups = [FeatureSet.Group(label: "first class", tiles: [0, 1, 2, 3]), FeatureSet.Group(label: "b", tiles: [4, 5, 6])]
    let sheet = FeatureSheet(Self.set(7, groups: groups), columns: 3, scale: 4)
    let picture = try DecodedPicture(sheet.draw(.png))
    for k in 0..<7 {
      guard case .pixels(let image) = sheet.features.tiles[k] else { continue }
      let (row, column) = [(0, 0), (0, 1), (0, 2), (1, 0), (2, 0), (2, 1), (2, 2)][k]
      let o = sheet.tileOrigin(row: row, column: column)
      #expect(o.x == o.x.rounded() && o.y == o.y.rounded(), "tile \(k) on whole pixels")
      for (y, x) in [(0, 0), (2, 3), (4, 4), (1, 0)] {
        let v = Double(image[y, x]) / 255
        #expect(picture.color(o.x + Double(4 * x + 1), o.y + Double(4 * y + 2)).distance(to: Color(gray: v)) < 1e-9, "tile \(k) (\(x), \(y))")
      }
    }
  }

  /// A sketch tile: white, with a dark line where its one full-strength stroke lies.
  @Test func strokeTilesAreDrawn() throws {
    let stroke = FeatureSet.Stroke(x0: 2, y0: 10, x1: 18, y1: 10, strength: 1)
    let set = FeatureSet(title: "t", caption: "c", key: ("no weight", "largest"), tileWidth: 20, tileHeight: 20,
                         tiles: [.strokes([stroke])], summary: "s")
    let sheet = FeatureSheet(set)
    #expect(sheet.scale == 6, "sketches get at least 120 pixels")
    for format in PictureFormat.allCases { _ = try sheet.draw(format) }
    let picture = try DecodedPicture(sheet.draw(.png))
    let o = sheet.tileOrigin(row: 0, column: 0)
    #expect(picture.color(o.x + 60, o.y + 60).luma < 0.2, "on the line")
    #expect(picture.color(o.x + 60, o.y + 20) == .white && picture.color(o.x + 60, o.y + 100) == .white, "off the line")
  }

  /// One weight at tap (ky, kx) of channel c gives one full-strength stroke through that tap's
  /// centre along the channel's orientation; every other stroke has strength 0.
  @Test func edgeSketchOfOneWeight() {
    var weights = ConvWeights(inChannels: 2, outChannels: 1, kernel: 4)
    weights[0, 1, 2, 3] = 0.8
    var layer = ModelSpec.shallowRSTDP.layers[0]
    layer.inputPool = PoolSpec(size: 3, stride: 2)
    let (side, tiles) = FeatureReconstruction.edgeSketches(weights: weights, layer: layer, encoderKernelSize: 3, orientations: [0, 90])
    #expect(side == 3 * 2 + 3 + 2)
    let strong = tiles[0].filter { $0.strength > 0 }
    #expect(tiles[0].count == 4 * 4 * 2 && strong.count == 1)
    let s = strong[0]
    // Centre: 2·σ + (s − 1)/2 + (e − 1)/2 + 0.5 = 6.5 rows, 3·2 + 2.5 = 8.5 columns; 90° is vertical.
    #expect(abs((s.x0 + s.x1) / 2 - 8.5) < 1e-9 && abs((s.y0 + s.y1) / 2 - 6.5) < 1e-9)
    #expect(abs(s.x0 - s.x1) < 1e-9 && abs(abs(s.y1 - s.y0) - 3) < 1e-9 && s.strength == 1)
    #expect(FeatureReconstruction.edgeOrientations(ModelSpec.shallowRSTDP.encoder) == [67.5, 112.5, 157.5, 202.5])
    #expect(FeatureReconstruction.edgeOrientations(ModelSpec.mozafari2019.encoder) == nil)
  }
}
