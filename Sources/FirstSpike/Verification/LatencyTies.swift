/// Latency-code differences that no rule of the reference decides: neurons whose value exactly
/// equals the values on both sides of a bin boundary, so that only the sort's order of equal
/// values puts them in one bin or the next. FirstSpike's rule is a stable sort (lower flat
/// index first, `docs/semantics.md` §3.5); SpykeTorch's `torch.sort` is not stable.
enum LatencyTies {
  /// One line per differing neuron when every one is such a tie and FirstSpike's side follows
  /// its stable rule (among the tied neurons, bins never decrease with the flat index);
  /// nil otherwise.
  static func explain(_ differing: [Int], values: [Float], shape: Shape3, timeSteps T: Int,
                      ours: [Int], theirs: [Int]) -> [String]? {
    let sorted = values.filter { $0 > 0 }.sorted(by: >)
    let b = sorted.count / T
    guard b > 0 else { return nil }
    func bin(_ t: Int) -> Int { t < 0 ? T : t }
    var lines: [String] = []
    for n in differing {
      let v = values[n], a = bin(ours[n]), t = bin(theirs[n])
      guard abs(a - t) == 1 else { return nil }
      // The later bin starts at sorted rank max(a, t)·b: both neighbours of that boundary equal v.
      let boundary = max(a, t) * b
      guard boundary >= 1, boundary < sorted.count, sorted[boundary - 1] == v, sorted[boundary] == v else { return nil }
      let tied = values.indices.filter { values[$0] == v }
      let stable = zip(tied, tied.dropFirst()).allSatisfy { bin(ours[$0.0]) <= bin(ours[$0.1]) }
      guard stable else { return nil }
      let c = n / shape.plane, r = (n % shape.plane) / shape.width, x = n % shape.width
      lines.append("latency neuron [\(c), \(r), \(x)], value \(v): an exact tie of \(tied.count) values across the "
        + "\(min(a, t))|\(max(a, t)) bin boundary; FirstSpike's stable sort (FirstSpike rule: lower flat index first) "
        + "gives \(ours[n]), SpykeTorch's unstable torch.sort gives \(theirs[n])")
    }
    return lines
  }
}
