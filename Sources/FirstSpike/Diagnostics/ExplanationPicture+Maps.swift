/// The activity maps of an ``ExplanationPicture`` and their colour keys.
///
/// First-spike times use the Blues map reversed — the earliest spike darkest, the latest still
/// tinted, no spike white — and spike counts the Purples map (more spikes darker), so both
/// read in gray scale. The winning cell gets a red square ring.
extension ExplanationPicture {
  static let rowLabelWidth = 34.0

  /// A figure with as many digits as its size needs (866, 12.4, 0.731).
  static func number(_ v: Double) -> String {
    abs(v) >= 100 ? String(format: "%.0f", v) : abs(v) >= 1 ? String(format: "%.2f", v) : String(format: "%.3f", v)
  }

  /// The colour of a cell's value.
  static func color(_ value: Double?, _ measure: ImageExplanation.Map.Measure) -> Color {
    guard let v = value else { return .white }
    switch measure {
    case .firstSpike(let steps, _):
      let t = steps > 1 ? v / Double(steps - 1) : 0
      return ColorMap.blues(0.25 + 0.75 * (1 - t))
    case .spikeCount(let max, _):
      return v <= 0 ? .white : ColorMap.purples(0.2 + 0.8 * v / Double(Swift.max(max, 1)))
    case .potential(let low, let high):
      return ColorMap.purples(0.25 + 0.75 * (high > low ? (v - low) / (high - low) : 1))
    }
  }

  /// Cell side and the map's top-left corner inside a panel at `x`.
  func geometry(_ map: ImageExplanation.Map, x: Double) -> (cell: Double, x: Double, y: Double) {
    let labelled = map.rows.contains { $0.label != nil }
    let left = labelled ? Self.rowLabelWidth : 0
    let cell = min((panel - left) / Double(max(map.columns, 1)), panel / Double(max(map.rows.count, 1)))
    let (w, h) = (cell * Double(map.columns), cell * Double(map.rows.count))
    return (cell, x + left + (panel - left - w) / 2, mapTop + (panel - h) / 2)
  }

  func drawMap(_ c: Canvas, _ map: ImageExplanation.Map, x: Double) {
    let (cell, x0, y0) = geometry(map, x: x)
    let full = map.rows.allSatisfy { $0.cells.count == map.columns }
    for (r, row) in map.rows.enumerated() {
      let y = y0 + Double(r) * cell
      c.rect(x: x0, y: y, width: cell * Double(row.cells.count), height: cell, fill: .white,
             stroke: full ? nil : Color(hex: 0xaaaaaa), lineWidth: 0.5)
      if let label = row.label {
        let won = map.marked?.row == r
        c.text(label, x: x0 - 6, y: y + cell / 2 + 4, size: min(12, max(8, cell)), color: won ? .highlight : .ink,
               bold: won, anchor: .end)
      }
      for (col, value) in row.cells.enumerated() where value != nil {
        c.rect(x: x0 + Double(col) * cell, y: y, width: cell + 0.3, height: cell + 0.3, fill: Self.color(value, map.measure))
      }
      for col in row.later { drawLater(c, x: x0 + Double(col) * cell, y: y, side: cell) }
    }
    if full { c.rect(x: x0, y: y0, width: cell * Double(map.columns), height: cell * Double(map.rows.count), stroke: .muted) }
    if let m = map.marked {
      let pad = max(2, (10 - cell) / 2)
      c.rect(x: x0 + Double(m.column) * cell - pad, y: y0 + Double(m.row) * cell - pad, width: cell + 2 * pad,
             height: cell + 2 * pad, stroke: .highlight, lineWidth: 2.5)
    }
    var y = mapTop + panel + 16
    for line in c.wrapped(map.note, width: panel, size: 11) {
      c.text(line, x: x, y: y, size: 11)
      y += 14
    }
  }

  /// One key per kind of measure shown, then the winner's ring.
  func drawKeys(_ c: Canvas) {
    var x = margin
    let y = keysTop
    var seen: [ImageExplanation.Map.Measure] = []
    for map in explanation.maps where !seen.contains(map.measure) {
      seen.append(map.measure)
      x = drawKey(c, map.measure, x: x, y: y) + 36
    }
    if explanation.maps.contains(where: { $0.rows.contains { !$0.later.isEmpty } }) {
      drawLater(c, x: x, y: y + 14, side: 14)
      c.rect(x: x, y: y + 14, width: 14, height: 14, stroke: .muted)
      c.text("fired later than the decision", x: x + 22, y: y + 26, size: 11)
      x += 22 + c.textWidth("fired later than the decision", size: 11) + 30
    }
    c.rect(x: x, y: y + 14, width: 14, height: 14, stroke: .highlight, lineWidth: 2.5)
    c.text("winning neuron", x: x + 22, y: y + 26, size: 11)
  }

  /// A neuron that fired after the deciding time step: light gray, struck through.
  func drawLater(_ c: Canvas, x: Double, y: Double, side: Double) {
    c.rect(x: x, y: y, width: side + 0.3, height: side + 0.3, fill: Color(hex: 0xd4d4d4))
    c.line(x, y + side, x + side, y, color: Color(hex: 0x777777), width: max(0.6, side / 12))
  }

  /// A colour bar for `measure` at `(x, y)`; returns its right edge.
  func drawKey(_ c: Canvas, _ measure: ImageExplanation.Map.Measure, x: Double, y: Double) -> Double {
    let barWidth = 180.0, n = 36
    let (title, low, high, highValue, none): (String, String, String, Double, String)
    switch measure {
    case .firstSpike(let steps, let unit):
      (title, low, high, highValue, none) = ("first spike (\(unit))", "0: earliest", "\(steps - 1): latest", Double(steps - 1), "no spike")
    case .spikeCount(let max, let per):
      (title, low, high, highValue, none) = ("spikes per \(per)", "1", "\(max)", Double(max), "0")
    case .potential(let lo, let hi):
      (title, low, high, highValue, none) = ("potential at the spike", Self.number(lo), Self.number(hi), hi, "no spike")
    }
    c.text(title, x: x, y: y + 10, size: 11, bold: true)
    for i in 0..<n {
      let v: Double
      switch measure {
      case .spikeCount: v = 1 + (highValue - 1) * Double(i) / Double(n - 1)
      case .potential(let lo, _): v = lo + (highValue - lo) * Double(i) / Double(n - 1)
      case .firstSpike: v = highValue * Double(i) / Double(n - 1)
      }
      c.rect(x: x + Double(i) * barWidth / Double(n), y: y + 16, width: barWidth / Double(n) + 0.3, height: 12,
             fill: Self.color(v, measure))
    }
    c.rect(x: x, y: y + 16, width: barWidth, height: 12, stroke: .muted)
    c.text(low, x: x, y: y + 42, size: 10, color: .muted)
    c.text(high, x: x + barWidth, y: y + 42, size: 10, color: .muted, anchor: .end)
    c.rect(x: x + barWidth + 12, y: y + 16, width: 12, height: 12, fill: .white, stroke: .muted)
    c.text(none, x: x + barWidth + 30, y: y + 26, size: 10, color: .muted)
    return x + barWidth + 30 + c.textWidth(none, size: 10)
  }
}
