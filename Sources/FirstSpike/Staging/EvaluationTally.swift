/// The integer sums an evaluation is made of: image, correct and silent counts, the confusion
/// matrix, and spike and synaptic-event totals per layer. Every figure a report prints is a
/// function of a tally (and of the model's constants), and the tally of a set is the sum of
/// its parts' tallies, so an evaluation sharded over machines (`evaluate --shard`) and merged
/// (`firstspike merge`) equals one evaluation of the whole set exactly.
public struct EvaluationTally: Codable, Sendable, Equatable {
  public var images: Int
  public var correct: Int
  public var silent: Int
  /// `confusion[true][predicted]`; silent images are not in it.
  public var confusion: [[Int]]
  /// Spikes summed over the images, per layer (the layers are the kind's).
  public var spikes: [Int]
  /// Synaptic events (accumulates) summed over the images, per layer (empty where a kind
  /// derives them from spikes).
  public var events: [Int]

  public init(images: Int, correct: Int, silent: Int, confusion: [[Int]], spikes: [Int], events: [Int]) {
    self.images = images
    self.correct = correct
    self.silent = silent
    self.confusion = confusion
    self.spikes = spikes
    self.events = events
  }

  /// The tally of `predictions` (−1 = silent) against `labels` with `classes` classes (the
  /// confusion matrix grows to hold any larger label), and spike and event totals.
  public init(predictions: [Int], labels: [Int], classes: Int, spikes: [Int], events: [Int]) {
    let k = max(classes, (labels.max() ?? -1) + 1, (predictions.max() ?? -1) + 1)
    var confusion = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
    var correct = 0, silent = 0
    for (p, l) in zip(predictions, labels) {
      if p < 0 { silent += 1; continue }
      if p == l { correct += 1 }
      if p < k { confusion[l][p] += 1 }
    }
    self.init(images: labels.count, correct: correct, silent: silent, confusion: confusion,
              spikes: spikes, events: events)
  }

  /// `totals[j] / images` for every layer `j` (0 for no images), as every report computes it.
  public static func perImage(_ totals: [Int], images: Int) -> [Double] {
    totals.map { images > 0 ? Double($0) / Double(images) : 0 }
  }

  /// Adds the tally of more images of the same evaluation (a confusion matrix of fewer
  /// classes is padded with zeros, as one evaluation of all the images would have sized it).
  /// - Throws: ``TallyMismatch`` when the parts count different layers.
  public mutating func add(_ other: EvaluationTally) throws(TallyMismatch) {
    guard spikes.count == other.spikes.count, events.count == other.events.count else {
      throw TallyMismatch(reason: "the parts count spikes of \(spikes.count) and \(other.spikes.count) layers, events of \(events.count) and \(other.events.count)")
    }
    let k = max(confusion.count, other.confusion.count)
    var sum = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
    for m in [confusion, other.confusion] {
      for (i, row) in m.enumerated() {
        for (j, c) in row.enumerated() { sum[i][j] = try Self.sum(sum[i][j], c) }
      }
    }
    images = try Self.sum(images, other.images)
    correct = try Self.sum(correct, other.correct)
    silent = try Self.sum(silent, other.silent)
    confusion = sum
    spikes = try zip(spikes, other.spikes).map { a, b throws(TallyMismatch) in try Self.sum(a, b) }
    events = try zip(events, other.events).map { a, b throws(TallyMismatch) in try Self.sum(a, b) }
  }

  static func sum(_ a: Int, _ b: Int) throws(TallyMismatch) -> Int {
    let (s, overflow) = a.addingReportingOverflow(b)
    if overflow { throw TallyMismatch(reason: "the counts overflow when added") }
    return s
  }

  /// Whether the counts agree with each other (a tally read from a file is checked).
  public var isConsistent: Bool {
    let rows = confusion.count
    let inMatrix = confusion.reduce(0) { $0 + $1.reduce(0, +) }
    let diagonal = (0..<rows).reduce(0) { $0 + (confusion[$1].count > $1 ? confusion[$1][$1] : 0) }
    return images >= 0 && silent >= 0 && correct >= 0 && confusion.allSatisfy { $0.count == rows && $0.allSatisfy { $0 >= 0 } }
      && inMatrix + silent <= images && diagonal == correct
      && spikes.allSatisfy { $0 >= 0 } && events.allSatisfy { $0 >= 0 }
  }
}

/// Parts of an evaluation that cannot be added (different models or layers).
public struct TallyMismatch: Error, Sendable, Equatable, CustomStringConvertible {
  public var reason: String
  public init(reason: String) { self.reason = reason }
  public var description: String { reason }
}
