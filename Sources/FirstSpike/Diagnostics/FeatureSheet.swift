import Foundation

/// A layer's features on one sheet: title, caption, a shade key, then the tiles, each
/// magnified `scale` times (nearest neighbour, so no detail is invented), in rows of `columns`.
/// Grouped features (one group per class of a decision layer) start a new row per group, with
/// the group's label at its left.
public struct FeatureSheet {
  public var features: FeatureSet
  public var scale: Int
  public var columns: Int
  /// Rows of tile indices, with the label of the group a row starts (nil: continues one).
  let rows: [(label: String?, tiles: [Int])]
  let labelWidth: Double
  let gap = 4.0
  /// Extra space above each group after the first, so groups of several rows read as blocks.
  let groupGap = 8.0
  let margin = 16.0
  /// The caption as drawn (with the magnification), and where the tiles start.
  let caption: String
  let top: Double

  /// The widest sheet the default scale aims for, in pixels.
  public static let preferredWidth = 1400

  /// `columns` nil: about square for ungrouped tiles, else the largest group (at most 20);
  /// `scale` nil: the smallest magnification that makes a tile at least 48 pixels wide (120
  /// for stroke sketches, whose lines need room), made smaller (down to 1) while the sheet is
  /// wider than ``preferredWidth``.
  public init(_ features: FeatureSet, columns: Int? = nil, scale: Int? = nil) {
    self.features = features
    let n = features.tiles.count
    let groupMax = features.groups.map(\.tiles.count).max() ?? 0
    let cols = max(1, min(n, columns ?? (features.groups.isEmpty ? Int(Double(n).squareRoot().rounded(.up)) : min(20, groupMax))))
    self.columns = cols
    var rows: [(label: String?, tiles: [Int])] = []
    let groups = features.groups.isEmpty ? [FeatureSet.Group(label: "", tiles: Array(0..<n))] : features.groups
    for g in groups {
      for start in stride(from: 0, to: g.tiles.count, by: cols) {
        rows.append((start == 0 && !g.label.isEmpty ? g.label : nil, Array(g.tiles[start..<min(g.tiles.count, start + cols)])))
      }
    }
    self.rows = rows
    let longest = features.groups.map(\.label).max { $0.count < $1.count } ?? ""
    labelWidth = features.groups.isEmpty ? 0 : (Double(min(longest.count, 24)) * 8.5 + 20).rounded(.up)
    let side = max(features.tileWidth, features.tileHeight)
    let sketched = features.tiles.contains { if case .strokes = $0 { return true } else { return false } }
    var s = scale ?? max(1, Int(((sketched ? 120 : 48) / Double(side)).rounded(.up)))
    if scale == nil {
      while s > 1 && Self.width(columns: cols, tile: features.tileWidth * s, labelWidth: labelWidth) > Self.preferredWidth { s -= 1 }
    }
    precondition(s >= 1, "scale \(s) must be positive")
    self.scale = s
    caption = features.caption + (s > 1 ? " Shown \(s)× enlarged." : "")
    let textWidth = Double(max(Self.width(columns: cols, tile: features.tileWidth * s, labelWidth: labelWidth), 560)) - 32
    // Whole pixels, so that magnified tiles land exactly on the pixel grid.
    top = (12 + Canvas.headerHeight(title: features.title, lines: [caption], width: textWidth) + 30).rounded(.up)
  }

  static func width(columns: Int, tile: Int, labelWidth: Double) -> Int {
    Int(16 * 2 + labelWidth + Double(columns) * (Double(tile) + 4))
  }

  public var width: Int {
    max(Self.width(columns: columns, tile: features.tileWidth * scale, labelWidth: labelWidth), 560)
  }
  /// Groups started before or at row `r`, not counting the first.
  func groupsBefore(_ r: Int) -> Int { max(0, rows.prefix(r + 1).filter { $0.label != nil }.count - 1) }

  public var height: Int {
    Int(top + Double(rows.count) * (Double(features.tileHeight * scale) + gap) + Double(groupsBefore(rows.count - 1)) * groupGap + margin)
  }

  /// The top-left corner of the tile in row `r`, column `c`.
  func tileOrigin(row r: Int, column c: Int) -> (x: Double, y: Double) {
    (margin + labelWidth + Double(c) * (Double(features.tileWidth * scale) + gap),
     top + Double(r) * (Double(features.tileHeight * scale) + gap) + Double(groupsBefore(r)) * groupGap)
  }

  public func draw(_ format: PictureFormat) throws(DiagnosticsError) -> Picture {
    let c = try Canvas.checked(width: width, height: height, format: format, what: "the feature sheet (\(columns) per row, tiles ×\(scale))")
    let below = c.header(title: features.title, lines: [caption], x: margin, y: 12, width: Double(width) - 2 * margin)
    drawKey(c, y: below)
    let (tw, th) = (Double(features.tileWidth * scale), Double(features.tileHeight * scale))
    for (r, row) in rows.enumerated() {
      if let label = row.label {
        let o = tileOrigin(row: r, column: 0)
        c.text(label, x: o.x - 10, y: o.y + min(th / 2, 18) + 5, size: 13, bold: true, anchor: .end)
      }
      for (col, index) in row.tiles.enumerated() {
        let o = tileOrigin(row: r, column: col)
        switch features.tiles[index] {
        case .pixels(let image): c.image(image, x: o.x, y: o.y, scale: scale)
        case .strokes(let strokes): drawStrokes(c, strokes, x: o.x, y: o.y, width: tw, height: th)
        }
      }
    }
    return try c.finish()
  }

  func drawKey(_ c: Canvas, y: Double) {
    let x = margin
    let sketch = features.tiles.contains { if case .strokes = $0 { return true } else { return false } }
    c.text("key:", x: x, y: y + 12, size: 11, color: .muted)
    for i in 0..<32 {
      let t = Double(i) / 31
      c.rect(x: x + 34 + Double(i) * 4, y: y + 2, width: 4, height: 13, fill: Color(gray: sketch ? 1 - t : t))
    }
    c.rect(x: x + 34, y: y + 2, width: 128, height: 13, stroke: .muted)
    let (low, high) = sketch ? (features.key.light, features.key.dark) : (features.key.dark, features.key.light)
    c.text("\(low) ← → \(high)", x: x + 170, y: y + 12, size: 11, color: .muted)
  }

  /// A sketch tile, drawn into a raster of its own first: SVG files stay small (one image
  /// instead of thousands of lines per tile) and look the same as PNG ones.
  func drawStrokes(_ c: Canvas, _ strokes: [FeatureSet.Stroke], x: Double, y: Double, width: Double, height: Double) {
    let tile = Canvas(width: Int(width), height: Int(height), format: .png)
    let s = Double(scale)
    for k in strokes.sorted(by: { $0.strength < $1.strength }) where k.strength > 0.05 {
      tile.line(k.x0 * s, k.y0 * s, k.x1 * s, k.y1 * s, color: Color(gray: 1 - k.strength), width: max(1, s * 0.8))
    }
    c.image(tile.pixels(), x: x, y: y)
    c.rect(x: x, y: y, width: width, height: height, stroke: Color(hex: 0xbbbbbb))
  }
}
