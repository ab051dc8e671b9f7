import Foundation

/// The accuracy per training pass of one stage as a line plot: what `firstspike inspect --plot`
/// and the report page draw.
///
/// Title and subtitle, a y axis "accuracy (%)" and an x axis "training pass" with nice ticks
/// and grid lines, the training accuracy (measured during each pass) dashed orange, the test
/// accuracy (after each pass) solid blue, the best test pass marked with a red ring, a dotted
/// line and its figure, and a legend. The two lines differ in dash and in gray level, so the
/// plot also reads in gray scale.
public struct LearningCurvePlot {
  public var curve: LearningCurveData
  public var width: Int
  public var height: Int
  /// The plotting area in pixels.
  let frame: (x: Double, y: Double, width: Double, height: Double)
  let passAxis: PlotAxis
  /// Accuracy in percent.
  let accuracyAxis: PlotAxis

  static let trainColor = Color(hex: 0xe66101)
  static let testColor = Color(hex: 0x1f4e9c)

  public init(_ curve: LearningCurveData, width: Int = 800, height: Int = 480) {
    self.curve = curve
    self.width = max(width, 320)
    self.height = max(height, 240)
    let best = curve.bestPass.flatMap { pass in curve.test.first { $0.pass == pass } }
    let (title, lines) = Self.header(curve, best: best)
    let top = 10 + Canvas.headerHeight(title: title, lines: lines, width: Double(self.width) - 32) + 8
    frame = (x: 72, y: top, width: Double(self.width) - 72 - 24, height: Double(self.height) - top - 58)
    let passes = (curve.train + curve.test).map(\.pass)
    passAxis = PlotAxis(covering: Double(passes.min() ?? 1), Double(max(passes.max() ?? 1, curve.passes)), count: 8,
                        integer: true, pixels: (frame.x, frame.x + frame.width))
    let values = (curve.train + curve.test).map { 100 * $0.accuracy }
    let (lo, hi) = (values.min() ?? 0, values.max() ?? 100)
    let pad = max(hi - lo, 1) * 0.08
    accuracyAxis = PlotAxis(covering: lo - pad, hi + pad, count: 7, clamp: 0...100,
                            pixels: (frame.y + frame.height, frame.y))
  }

  /// The pixel position of an accuracy (0…1) after `pass`.
  func point(pass: Int, accuracy: Double) -> (x: Double, y: Double) {
    (passAxis.pixel(Double(pass)), accuracyAxis.pixel(100 * accuracy))
  }

  /// The best test pass and its accuracy, if the curve names one that was evaluated.
  var best: (pass: Int, accuracy: Double)? {
    curve.bestPass.flatMap { pass in curve.test.first { $0.pass == pass } }
  }

  /// Draws the plot.
  public func draw(_ format: PictureFormat) throws(DiagnosticsError) -> Picture {
    let canvas = try Canvas.checked(width: width, height: height, format: format, what: "the learning curve")
    drawTitle(canvas)
    drawAxes(canvas)
    drawSeries(canvas, curve.train, color: Self.trainColor, dash: [7, 4])
    drawSeries(canvas, curve.test, color: Self.testColor, dash: [])
    drawBest(canvas)
    drawLegend(canvas)
    return try canvas.finish()
  }

  /// The title and the two lines below it.
  static func header(_ curve: LearningCurveData, best: (pass: Int, accuracy: Double)?) -> (title: String, lines: [String]) {
    let title = (curve.model.isEmpty ? "" : curve.model + ": ") + "accuracy per training pass"
    let summary = curve.summary.isEmpty ? "stage \(curve.stage), \(curve.passes) passes" : curve.summary
    var figures: [String] = []
    if let last = curve.test.last { figures.append("\(curve.heldOut) " + String(format: "accuracy after pass %d: %.2f %%", last.pass, 100 * last.accuracy)) }
    if let b = best { figures.append(String(format: "best %.2f %% after pass %d", 100 * b.accuracy, b.pass)) }
    return (title, [summary] + (figures.isEmpty ? [] : [figures.joined(separator: "; ")]))
  }

  func drawTitle(_ c: Canvas) {
    let (title, lines) = Self.header(curve, best: best)
    c.header(title: title, lines: lines, x: 16, y: 10, width: Double(width) - 32)
  }

  func drawAxes(_ c: Canvas) {
    let (x0, y0, w, h) = frame
    for t in accuracyAxis.ticks {
      let y = accuracyAxis.pixel(t)
      c.line(x0, y, x0 + w, y, color: .grid)
      c.text(accuracyAxis.label(t), x: x0 - 8, y: y + 4, size: 12, color: .muted, anchor: .end)
    }
    for t in passAxis.ticks {
      let x = passAxis.pixel(t)
      c.line(x, y0, x, y0 + h, color: .grid)
      c.line(x, y0 + h, x, y0 + h + 5, color: .ink)
      c.text(passAxis.label(t), x: x, y: y0 + h + 19, size: 12, color: .muted, anchor: .middle)
    }
    c.line(x0, y0 + h, x0 + w, y0 + h, color: .ink)
    c.line(x0, y0, x0, y0 + h, color: .ink)
    c.text("training pass (one pass = every training image once)", x: x0 + w / 2, y: Double(height) - 12, size: 13,
           anchor: .middle)
    c.text("accuracy (%)", x: 22, y: y0 + h / 2, size: 13, anchor: .middle, rotated: true)
  }

  func drawSeries(_ c: Canvas, _ values: [(pass: Int, accuracy: Double)], color: Color, dash: [Double]) {
    let points = values.sorted { $0.pass < $1.pass }.map { point(pass: $0.pass, accuracy: $0.accuracy) }
    c.polyline(points, color: color, width: 2, dash: dash)
    if points.count <= 40 {
      for p in points { c.circle(x: p.x, y: p.y, radius: 3, fill: color) }
    }
  }

  func drawBest(_ c: Canvas) {
    guard let b = best else { return }
    let p = point(pass: b.pass, accuracy: b.accuracy)
    c.line(p.x, frame.y, p.x, frame.y + frame.height, color: .highlight, width: 1, dash: [2, 3])
    c.circle(x: p.x, y: p.y, radius: 6, stroke: .highlight, lineWidth: 2.5)
    let label = "best \(curve.heldOut) " + String(format: "%.2f %% (pass %d)", 100 * b.accuracy, b.pass)
    let w = c.textWidth(label, size: 12, bold: true)
    let right = p.x + 10 + w <= frame.x + frame.width
    let y = p.y - 12 < frame.y + 14 ? p.y + 22 : p.y - 12
    let x = right ? p.x + 10 : p.x - 10 - w
    c.rect(x: x - 3, y: y - 13, width: w + 6, height: 17, fill: .white)
    c.text(label, x: x, y: y, size: 12, color: .highlight, bold: true)
  }

  func drawLegend(_ c: Canvas) {
    var rows: [(String, Color, [Double], Bool)] = []
    if !curve.train.isEmpty { rows.append(("train (measured during the pass)", Self.trainColor, [7, 4], false)) }
    if !curve.test.isEmpty { rows.append(("\(curve.heldOut) (after the pass)", Self.testColor, [], false)) }
    if best != nil { rows.append(("best \(curve.heldOut) pass (its weights are kept)", .highlight, [], true)) }
    guard !rows.isEmpty else { return }
    let w = rows.map { c.textWidth($0.0, size: 12) }.max()! + 48, h = Double(rows.count) * 20 + 10
    let x = frame.x + frame.width - w - 10, y = frame.y + frame.height - h - 10
    c.rect(x: x, y: y, width: w, height: h, fill: .white, stroke: Color(hex: 0xbbbbbb))
    for (i, row) in rows.enumerated() {
      let ly = y + 15 + Double(i) * 20
      if row.3 {
        c.circle(x: x + 20, y: ly, radius: 5, stroke: row.1, lineWidth: 2.5)
      } else {
        c.line(x + 8, ly, x + 32, ly, color: row.1, width: 2, dash: row.2)
      }
      c.text(row.0, x: x + 40, y: ly + 4, size: 12)
    }
  }
}
