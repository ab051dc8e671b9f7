/// A confusion matrix as right-aligned text columns: a header row of class names, then one row
/// per true class (`confusion[true][predicted]`).
public func confusionTable(_ confusion: [[Int]], classNames names: [String]) -> [String] {
  let width = max(5, (names.map(\.count).max() ?? 1) + 1)
  func pad(_ s: String) -> String {
    s.count >= width ? s + " " : String(repeating: " ", count: width - s.count) + s
  }
  var lines = [pad("") + names.map(pad).joined()]
  for (i, row) in confusion.enumerated() {
    lines.append(pad(i < names.count ? names[i] : "\(i)") + row.map { pad("\($0)") }.joined())
  }
  return lines
}
