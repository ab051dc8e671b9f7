import Foundation

/// A confusion matrix as a heat map: one row per true class, one column per predicted class
/// (and a "silent" column when some images made no decision), each cell coloured by the share
/// of its row's images on a square-root scale (viridis: dark purple 0 % … yellow 100 %,
/// monotonic in gray level; the square root lets the 1–5 % confusions of a good model stand
/// out from the empty cells) and labelled with its count and row percentage.
public struct ConfusionHeatMap {
  public var classNames: [String]
  /// `counts[true][predicted]`; the last column is "silent" when ``hasSilentColumn``.
  public var counts: [[Int]]
  public var hasSilentColumn: Bool
  public var title: String
  public var subtitle: String
  /// Side of a cell in pixels.
  let cell: Double
  let origin: (x: Double, y: Double)

  static let colors = ColorMap.viridis

  /// The heat map of `predictions` (class index, −1 for silent) against `labels`.
  public init(labels: [Int], predictions: [Int], classNames: [String], title: String, subtitle: String) {
    precondition(labels.count == predictions.count, "\(predictions.count) predictions for \(labels.count) labels")
    let k = max(classNames.count, (labels + predictions).max().map { $0 + 1 } ?? 0)
    let silent = predictions.contains { $0 < 0 }
    var counts = [[Int]](repeating: [Int](repeating: 0, count: k + (silent ? 1 : 0)), count: k)
    for (l, p) in zip(labels, predictions) { counts[l][p < 0 ? k : p] += 1 }
    self.classNames = (0..<k).map { $0 < classNames.count ? classNames[$0] : "\($0)" }
    self.counts = counts
    self.hasSilentColumn = silent
    self.title = title
    self.subtitle = subtitle
    let cell = min(110, max(30, (520 / Double(max(k, 1))).rounded(.down)))
    self.cell = cell
    let width = Self.width(columns: k + (silent ? 1 : 0), cell: cell)
    origin = (x: 118, y: 12 + Canvas.headerHeight(title: title, lines: [subtitle], width: Double(width) - 32) + 52)
  }

  /// The heat map of a model's evaluation on `labels` (its split named `split`), titled with
  /// the model, the accuracy and the silent count.
  public init(evaluation: any ModelEvaluation, labels: [Int], model: String, classNames: [String], split: String) {
    let method = evaluation.method.map { " by \($0)" } ?? ""
    let silent = evaluation.predictions.filter { $0 < 0 }.count
    self.init(labels: labels, predictions: evaluation.predictions, classNames: classNames,
              title: "\(model): confusion on \(labels.count) \(split) images",
              subtitle: String(format: "accuracy %.2f %%%@ (%d silent, counted as wrong); rows: true class, columns: predicted",
                               100 * evaluation.accuracy, method, silent))
  }

  static func width(columns: Int, cell: Double) -> Int { max(520, Int(118 + Double(columns) * cell + 130)) }

  var columns: Int { counts.first?.count ?? 0 }
  public var width: Int { Self.width(columns: columns, cell: cell) }
  public var height: Int { Int(origin.y + Double(counts.count) * cell + 34) }

  /// The share of row `r`'s images in column `c` (0 for an empty row).
  func share(_ r: Int, _ c: Int) -> Double {
    let total = counts[r].reduce(0, +)
    return total == 0 ? 0 : Double(counts[r][c]) / Double(total)
  }

  /// The fill colour of cell `(r, c)`: viridis at `√share`.
  func color(_ r: Int, _ c: Int) -> Color { Self.colors(share(r, c).squareRoot()) }

  /// The top-left corner of cell `(r, c)` in pixels.
  func cellOrigin(_ r: Int, _ c: Int) -> (x: Double, y: Double) {
    (origin.x + Double(c) * cell, origin.y + Double(r) * cell)
  }

  public func draw(_ format: PictureFormat) throws(DiagnosticsError) -> Picture {
    let canvas = try Canvas.checked(width: width, height: height, format: format, what: "the heat map of \(counts.count) classes")
    canvas.header(title: title, lines: [subtitle], x: 16, y: 12, width: Double(width) - 32)
    drawLabels(canvas)
    drawCells(canvas)
    drawColorBar(canvas)
    return try canvas.finish()
  }

  func drawLabels(_ c: Canvas) {
    let n = Double(columns), rows = Double(counts.count)
    c.text("predicted class", x: origin.x + n * cell / 2, y: origin.y - 34, size: 13, bold: true, anchor: .middle)
    c.text("true class", x: 24, y: origin.y + rows * cell / 2, size: 13, bold: true, anchor: .middle, rotated: true)
    let size = min(13, max(9, cell / 3))
    for col in 0..<columns {
      let name = col < classNames.count ? classNames[col] : "silent"
      c.text(name, x: origin.x + (Double(col) + 0.5) * cell, y: origin.y - 10, size: size,
             color: col < classNames.count ? .ink : .muted, anchor: .middle)
    }
    for (r, name) in classNames.enumerated() {
      c.text(name, x: origin.x - 10, y: origin.y + (Double(r) + 0.5) * cell + size / 3, size: size, anchor: .end)
    }
  }

  func drawCells(_ c: Canvas) {
    let countSize = min(15, max(8, cell / 4)), shareSize = min(12, max(7, cell / 5))
    for r in counts.indices {
      for col in 0..<columns {
        let (x, y) = cellOrigin(r, col), fill = color(r, col)
        c.rect(x: x, y: y, width: cell, height: cell, fill: fill, stroke: .white, lineWidth: 1)
        let ink: Color = fill.luma < 0.5 ? .white : .black
        let cx = x + cell / 2, two = cell >= 44 && counts[r].reduce(0, +) > 0
        c.text("\(counts[r][col])", x: cx, y: y + cell / 2 + (two ? -2 : countSize / 3), size: countSize, color: ink,
               bold: r == col, anchor: .middle)
        if two {
          c.text(String(format: "%.1f%%", 100 * share(r, col)), x: cx, y: y + cell / 2 + shareSize + 3, size: shareSize,
                 color: ink, anchor: .middle)
        }
      }
    }
    if hasSilentColumn {
      let x = origin.x + Double(classNames.count) * cell
      c.line(x, origin.y - 4, x, origin.y + Double(counts.count) * cell + 4, color: .ink, width: 2)
    }
  }

  func drawColorBar(_ c: Canvas) {
    let x = origin.x + Double(columns) * cell + 22, top = origin.y, h = Double(counts.count) * cell
    let steps = 64
    for i in 0..<steps {
      let t0 = Double(i) / Double(steps)
      c.rect(x: x, y: top + h * (1 - t0 - 1 / Double(steps)), width: 16, height: h / Double(steps) + 0.5,
             fill: Self.colors(t0 + 0.5 / Double(steps)))
    }
    c.rect(x: x, y: top, width: 16, height: h, stroke: .ink)
    for pct in [0, 1, 5, 10, 25, 50, 100] {
      let y = top + h * (1 - (Double(pct) / 100).squareRoot())
      c.line(x + 16, y, x + 20, y, color: .ink)
      c.text("\(pct) %", x: x + 23, y: y + 4, size: 11, color: .muted)
    }
    c.text("share of the row's images (square-root scale)", x: x + 86, y: top + h / 2, size: 11, color: .muted,
           anchor: .middle, rotated: true)
  }
}
