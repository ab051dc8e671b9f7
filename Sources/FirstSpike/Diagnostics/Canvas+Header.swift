/// Titles and captions that wrap to the picture's width instead of running off it.
extension Canvas {
  /// `text` broken at spaces into lines no wider than `width` pixels (a single word wider
  /// than that stays on its own line).
  func wrapped(_ text: String, width: Double, size: Double, bold: Bool = false) -> [String] {
    var lines: [String] = [], line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
      let candidate = line.isEmpty ? word : line + " " + word
      if !line.isEmpty && textWidth(candidate, size: size, bold: bold) > width {
        lines.append(line)
        line = word
      } else {
        line = candidate
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  /// Line heights of a header: a bold 16-pixel title, then 12-pixel muted lines.
  static let titleSize = 16.0, titleLeading = 21.0, captionSize = 12.0, captionLeading = 16.0

  /// The height a ``header(title:lines:x:y:width:)`` takes, measured without drawing.
  static func headerHeight(title: String, lines: [String], width: Double) -> Double {
    let probe = Canvas(width: 1, height: 1, format: .png)
    let t = probe.wrapped(title, width: width, size: titleSize, bold: true).count
    let c = lines.map { probe.wrapped($0, width: width, size: captionSize).count }.reduce(0, +)
    return Double(t) * titleLeading + Double(c) * captionLeading + 8
  }

  /// Draws a wrapped title and caption lines from `y` (the top); returns the y below them.
  @discardableResult
  func header(title: String, lines: [String], x: Double, y: Double, width: Double) -> Double {
    let titleLines = wrapped(title, width: width, size: Self.titleSize, bold: true)
    for (i, line) in titleLines.enumerated() {
      text(line, x: x, y: y + Self.titleSize + Double(i) * Self.titleLeading, size: Self.titleSize, bold: true)
    }
    var baseline = y + Double(titleLines.count) * Self.titleLeading + Self.captionSize - 1
    var count = 0
    for caption in lines {
      for line in wrapped(caption, width: width, size: Self.captionSize) {
        text(line, x: x, y: baseline, size: Self.captionSize, color: .muted)
        baseline += Self.captionLeading
        count += 1
      }
    }
    return y + Double(titleLines.count) * Self.titleLeading + Double(count) * Self.captionLeading + 8
  }
}
