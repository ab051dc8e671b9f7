import Foundation

/// Help screens whose examples are never wrapped, so they can be pasted.
///
/// argument-parser wraps a command's whole discussion at the terminal width, examples
/// included. This renders the overview and discussion unwrapped, wraps only the prose lines
/// (those that do not start with a space) to the width, keeps every indented line (examples,
/// lists) as written, and takes the rest of the screen (usage, options) as argument-parser
/// renders it.
enum HelpText {
  /// The screen for `wide` (rendered with no effective width limit) and `normal` (rendered at
  /// `width`); `normal` when either lacks a usage section.
  static func merge(wide: String, normal: String, width: Int) -> String {
    guard let w = wide.range(of: "\nUSAGE:"), let n = normal.range(of: "\nUSAGE:") else { return normal }
    let head = wide[..<w.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.first == " " ? String(line) : wrap(String(line), width: width)
    }
    return head.joined(separator: "\n") + normal[n.lowerBound...]
  }

  /// `text` broken at spaces into lines of at most `width` characters (a longer word stays whole).
  static func wrap(_ text: String, width: Int) -> String {
    var lines: [String] = [], line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
      if !line.isEmpty && line.count + 1 + word.count > width {
        lines.append(line)
        line = String(word)
      } else {
        line = line.isEmpty ? String(word) : line + " " + word
      }
    }
    lines.append(line)
    return lines.joined(separator: "\n")
  }

  /// The terminal's width on stdout, or 80 when it is not a terminal.
  static var terminalWidth: Int {
    var size = winsize()
    if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 {
      return Int(size.ws_col)
    }
    return 80
  }
}
