import Foundation

/// One panel of a scatter plot: `y` against `x` for a set of points, with categorical x
/// positions (`categories`, in order: point `x` is an index) or a numeric x axis (linear or
/// logarithmic). Categorical panels also join the mean of each category.
public struct ScatterPanel: Sendable {
  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var categories: [String]?
  public var logX: Bool
  public var points: [(x: Double, y: Double)]

  public init(title: String, xLabel: String, yLabel: String, categories: [String]?, logX: Bool = false,
              points: [(x: Double, y: Double)]) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.categories = categories
    self.logX = logX
    self.points = points
  }
}

/// Scatter panels side by side as one SVG document (plain text, no library: every viewer and
/// browser shows it). All panels share the y range, so they compare at a glance.
public enum ScatterPlot {
  static let (panelWidth, panelHeight) = (300.0, 240.0)
  static let (left, right, top, bottom) = (58.0, 16.0, 34.0, 46.0)

  public static func svg(_ panels: [ScatterPanel], title: String) -> String {
    let columns = max(1, min(3, panels.count)), rows = max(1, (panels.count + columns - 1) / columns)
    let width = Double(columns) * panelWidth, height = Double(rows) * panelHeight + 28
    let ys = panels.flatMap { $0.points.map(\.y) }
    var (lo, hi) = (ys.min() ?? 0, ys.max() ?? 1)
    if hi - lo < 1e-9 { (lo, hi) = (lo - 0.005, hi + 0.005) }
    let pad = (hi - lo) * 0.08
    (lo, hi) = (lo - pad, hi + pad)
    var out = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"11\">",
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
      "<text x=\"\(f(width / 2))\" y=\"18\" text-anchor=\"middle\" font-size=\"13\">\(escape(title))</text>",
    ]
    for (i, p) in panels.enumerated() {
      let x0 = Double(i % columns) * panelWidth, y0 = 28 + Double(i / columns) * panelHeight
      out += panel(p, x0: x0, y0: y0, yRange: (lo, hi))
    }
    out.append("</svg>")
    return out.joined(separator: "\n") + "\n"
  }

  static func panel(_ p: ScatterPanel, x0: Double, y0: Double, yRange: (Double, Double)) -> [String] {
    let (px0, px1) = (x0 + left, x0 + panelWidth - right), (py0, py1) = (y0 + top, y0 + panelHeight - bottom)
    let xs = p.points.map { p.logX ? log10($0.x) : $0.x }
    let (xlo, xhi): (Double, Double)
    if let c = p.categories { (xlo, xhi) = (-0.5, Double(c.count) - 0.5) } else {
      let (a, b) = (xs.min() ?? 0, xs.max() ?? 1)
      let m = b - a < 1e-12 ? 0.5 : (b - a) * 0.08
      (xlo, xhi) = (a - m, b + m)
    }
    func sx(_ x: Double) -> Double { px0 + (x - xlo) / (xhi - xlo) * (px1 - px0) }
    func sy(_ y: Double) -> Double { py1 - (y - yRange.0) / (yRange.1 - yRange.0) * (py1 - py0) }
    var out = [
      "<text x=\"\(f((px0 + px1) / 2))\" y=\"\(f(y0 + 20))\" text-anchor=\"middle\" font-size=\"12\">\(escape(p.title))</text>",
      "<rect x=\"\(f(px0))\" y=\"\(f(py0))\" width=\"\(f(px1 - px0))\" height=\"\(f(py1 - py0))\" fill=\"none\" stroke=\"#888\"/>",
      "<text x=\"\(f((px0 + px1) / 2))\" y=\"\(f(py1 + 34))\" text-anchor=\"middle\">\(escape(p.xLabel))</text>",
      "<text transform=\"translate(\(f(x0 + 14)),\(f((py0 + py1) / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(p.yLabel))</text>",
    ]
    for y in niceTicks(yRange.0, yRange.1) {
      out.append("<line x1=\"\(f(px0 - 4))\" y1=\"\(f(sy(y)))\" x2=\"\(f(px1))\" y2=\"\(f(sy(y)))\" stroke=\"#ddd\"/>")
      out.append("<text x=\"\(f(px0 - 6))\" y=\"\(f(sy(y) + 4))\" text-anchor=\"end\">\(String(format: "%.4g", y))</text>")
    }
    let ticks: [(Double, String)] = p.categories.map { $0.enumerated().map { (Double($0.offset), $0.element) } }
      ?? (0...3).map { k in
        let x = xlo + (Double(k) + 0.5) / 4 * (xhi - xlo)
        return (x, String(format: "%.3g", p.logX ? pow(10, x) : x))
      }
    for (x, label) in ticks {
      out.append("<line x1=\"\(f(sx(x)))\" y1=\"\(f(py1))\" x2=\"\(f(sx(x)))\" y2=\"\(f(py1 + 4))\" stroke=\"#888\"/>")
      out.append("<text x=\"\(f(sx(x)))\" y=\"\(f(py1 + 16))\" text-anchor=\"middle\">\(escape(label))</text>")
    }
    if let c = p.categories {
      let means = c.indices.compactMap { i -> (Double, Double)? in
        let v = p.points.filter { Int($0.x) == i }.map(\.y)
        return v.isEmpty ? nil : (Double(i), v.reduce(0, +) / Double(v.count))
      }
      if means.count > 1 {
        let path = means.map { "\(f(sx($0.0))),\(f(sy($0.1)))" }.joined(separator: " ")
        out.append("<polyline points=\"\(path)\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.5\"/>")
      }
      for m in means {
        out.append("<line x1=\"\(f(sx(m.0) - 10))\" y1=\"\(f(sy(m.1)))\" x2=\"\(f(sx(m.0) + 10))\" y2=\"\(f(sy(m.1)))\" stroke=\"#d62728\" stroke-width=\"2\"/>")
      }
    }
    for (pt, x) in zip(p.points, xs) {
      out.append("<circle cx=\"\(f(sx(x)))\" cy=\"\(f(sy(pt.y)))\" r=\"3.5\" fill=\"#1f77b4\" fill-opacity=\"0.75\"/>")
    }
    return out
  }

  /// About five round values (1, 2 or 5 × 10^k apart) inside `lo...hi`.
  static func niceTicks(_ lo: Double, _ hi: Double) -> [Double] {
    let raw = (hi - lo) / 5, magnitude = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
    var ticks: [Double] = [], y = ceil(lo / step) * step
    while y <= hi + step * 1e-9 {
      ticks.append(abs(y) < step * 1e-9 ? 0 : y)
      y += step
    }
    return ticks
  }

  static func f(_ x: Double) -> String { String(format: "%.1f", x) }

  static func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
      .replacingOccurrences(of: "\"", with: "&quot;")
  }
}
