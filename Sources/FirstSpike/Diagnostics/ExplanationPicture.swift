import Foundation

/// One image's pass through a network as one picture (`firstspike explain`): a header with
/// the decision, a row of panels — the input as the network read it, then one activity map
/// per layer with the winning neuron ringed — the colour keys, and the class scores as bars.
public struct ExplanationPicture {
  public var explanation: ImageExplanation
  /// Side of a panel's map area in pixels.
  let panel = 210.0
  let gap = 26.0
  let margin = 16.0
  let headerHeight: Double
  /// Heights of the panel titles and captions (the tallest), so that maps line up.
  let panelTextHeight: Double
  /// What the scores mean, wrapped.
  let scoreLines: [String]

  public init(_ explanation: ImageExplanation) {
    self.explanation = explanation
    let width = Double(Self.width(panels: explanation.maps.count + 1, panel: panel, gap: gap, margin: margin))
    let (title, lines) = Self.header(explanation)
    headerHeight = Canvas.headerHeight(title: title, lines: lines, width: width - 2 * margin)
    let probe = Canvas(width: 1, height: 1, format: .png)
    let texts = [("input, as the network read it", Self.inputCaption(explanation))] + explanation.maps.map { ($0.title, $0.caption) }
    let side = panel
    scoreLines = probe.wrapped(explanation.scoreMeaning, width: width - 2 * margin, size: 12)
    panelTextHeight = texts.map { title, caption in
      Double(probe.wrapped(title, width: side, size: 13, bold: true).count) * 17
        + Double(probe.wrapped(caption, width: side, size: 11).count) * 14
    }.max() ?? 0
  }

  static func width(panels: Int, panel: Double, gap: Double, margin: Double) -> Int {
    Int(2 * margin + Double(panels) * panel + Double(panels - 1) * gap)
  }

  public var width: Int { max(Self.width(panels: explanation.maps.count + 1, panel: panel, gap: gap, margin: margin), 640) }
  var panelsTop: Double { 12 + headerHeight + 8 }
  var mapTop: Double { panelsTop + panelTextHeight + 6 }
  var keysTop: Double { mapTop + panel + 40 }
  var scoresTop: Double { keysTop + 58 }
  var barsTop: Double { scoresTop + 22 + Double(scoreLines.count) * 15 }
  public var height: Int { Int(barsTop + Double(explanation.scores.count) * 20 + 16) }

  static func header(_ e: ImageExplanation) -> (title: String, lines: [String]) {
    let verdict = e.decision.map { "decided \u{201C}\(e.className($0))\u{201D}" } ?? "stayed silent (no decision)"
    return ("\(e.model): what the network did with this image — it \(verdict)", [e.decisionNote])
  }

  static func inputCaption(_ e: ImageExplanation) -> String {
    "\(e.input.width)×\(e.input.height) pixels, 0 black … 255 white; \(e.inputNote)"
  }

  /// The left edge of panel `i` (0: the input).
  func panelX(_ i: Int) -> Double { margin + Double(i) * (panel + gap) }

  public func draw(_ format: PictureFormat) throws(DiagnosticsError) -> Picture {
    let c = try Canvas.checked(width: width, height: height, format: format, what: "the explanation")
    let (title, lines) = Self.header(explanation)
    c.header(title: title, lines: lines, x: margin, y: 12, width: Double(width) - 2 * margin)
    drawPanelText(c, 0, title: "input, as the network read it", caption: Self.inputCaption(explanation))
    drawInput(c)
    for (i, map) in explanation.maps.enumerated() {
      drawPanelText(c, i + 1, title: map.title, caption: map.caption)
      drawMap(c, map, x: panelX(i + 1))
      c.text("→", x: panelX(i + 1) - gap / 2, y: mapTop + panel / 2 + 6, size: 16, color: .muted, anchor: .middle)
    }
    drawKeys(c)
    drawScores(c)
    return try c.finish()
  }

  func drawPanelText(_ c: Canvas, _ i: Int, title: String, caption: String) {
    var y = panelsTop + 13
    for line in c.wrapped(title, width: panel, size: 13, bold: true) {
      c.text(line, x: panelX(i), y: y, size: 13, bold: true)
      y += 17
    }
    y -= 2
    for line in c.wrapped(caption, width: panel, size: 11) {
      c.text(line, x: panelX(i), y: y, size: 11, color: .muted)
      y += 14
    }
  }

  func drawInput(_ c: Canvas) {
    let image = explanation.input
    let scale = max(1, Int(panel / Double(max(image.width, image.height))))
    let (w, h) = (Double(image.width * scale), Double(image.height * scale))
    let x = panelX(0) + (panel - w) / 2, y = mapTop + (panel - h) / 2
    c.image(image, x: x, y: y, scale: scale)
    c.rect(x: x, y: y, width: w, height: h, stroke: .muted)
  }

  func drawScores(_ c: Canvas) {
    let e = explanation, top = scoresTop
    c.text(e.scoresAreProbabilities ? "class probabilities" : "class scores", x: margin, y: top + 14, size: 13, bold: true)
    for (i, line) in scoreLines.enumerated() { c.text(line, x: margin, y: top + 32 + Double(i) * 15, size: 12, color: .muted) }
    let labelWidth = min(120, (e.classNames.map { c.textWidth($0, size: 12) }.max() ?? 10) + 14)
    let barLeft = margin + labelWidth, barWidth = min(560, Double(width) - barLeft - 120)
    let low = min(0, e.scores.min() ?? 0), high = max(e.scoresAreProbabilities ? 1 : 0, e.scores.max() ?? 0)
    let span = high > low ? high - low : 1
    func x(_ v: Double) -> Double { barLeft + (v - low) / span * barWidth }
    for (k, score) in e.scores.enumerated() {
      let y = barsTop + Double(k) * 20, won = k == e.decision
      c.text(e.className(k), x: barLeft - 8, y: y + 12, size: 12, bold: won, anchor: .end)
      let (a, b) = (x(min(0, score)), x(max(0, score)))
      c.rect(x: x(low), y: y + 2, width: barWidth, height: 14, fill: Color(hex: 0xf2f2f2))
      c.rect(x: a, y: y + 2, width: max(b - a, 0.5), height: 14, fill: won ? .highlight : Color(hex: 0x8a8a8a))
      let text = e.scoresAreProbabilities ? String(format: "%.1f %%", 100 * score) : Self.number(score)
      c.text(text + (won ? "  ← decision" : ""), x: x(high) + 8, y: y + 13, size: 11, color: won ? .highlight : .muted, bold: won)
    }
    if low < 0 { c.line(x(0), barsTop - 2, x(0), barsTop + 2 + Double(e.scores.count) * 20, color: .ink) }
  }
}
