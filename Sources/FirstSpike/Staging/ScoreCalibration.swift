import Foundation

/// Turns a model's class scores (``ImageDecision/scores``, each kind on its own scale: a
/// potential, an SVM score, a spike-count score) into probabilities that mean the same for
/// every kind: `p = softmax(scores / temperature)`, with the temperature fitted by maximum
/// likelihood on held-out images (temperature scaling, Guo et al. 2017). Dividing by a positive
/// temperature never changes which class is largest, so decisions and accuracies stay as
/// they are.
///
/// Stored in the checkpoint's training record; fitted by `train` when the last stage finishes
/// and by `firstspike calibrate`.
public struct ScoreCalibration: Codable, Sendable, Equatable {
  public var temperature: Double
  /// What it was fitted on, e.g. "5000 held-out training images (55000..<60000)".
  public var fittedOn: String
  public var images: Int
  /// On those images, after fitting: accuracy, mean top-class probability, mean negative
  /// log-likelihood of the true class, and the expected calibration error (10 bins).
  public var accuracy: Double
  public var meanConfidence: Double
  public var negativeLogLikelihood: Double
  public var calibrationError: Double

  /// The probability of every class for `scores`.
  public func probabilities(_ scores: [Double]) -> [Double] {
    Self.softmax(scores, temperature: temperature)
  }

  /// `softmax(scores / temperature)`, computed stably (the largest score subtracted first).
  public static func softmax(_ scores: [Double], temperature: Double) -> [Double] {
    guard let top = scores.max(), temperature > 0 else { return scores.map { _ in 1 / Double(max(1, scores.count)) } }
    let e = scores.map { exp(($0 - top) / temperature) }
    let sum = e.reduce(0, +)
    return e.map { $0 / sum }
  }

  /// Mean negative log-likelihood of `labels` under `softmax(scores / temperature)`.
  public static func negativeLogLikelihood(_ scores: [[Double]], labels: [Int], temperature: Double) -> Double {
    var total = 0.0
    for (s, y) in zip(scores, labels) {
      let top = s.max() ?? 0
      var sum = 0.0
      for v in s { sum += exp((v - top) / temperature) }
      total += log(sum) - (s[y] - top) / temperature
    }
    return scores.isEmpty ? 0 : total / Double(scores.count)
  }

  /// Fits the temperature to `scores` (one row per image, the model's class scores) and their
  /// `labels`: the minimum of the mean negative log-likelihood over `log T ∈ [−12, 12]`, a grid
  /// of step 0.25 refined by golden-section search.
  public static func fit(scores: [[Double]], labels: [Int], fittedOn: String) -> ScoreCalibration {
    precondition(scores.count == labels.count, "\(scores.count) score rows for \(labels.count) labels")
    let nll = { (logT: Double) in negativeLogLikelihood(scores, labels: labels, temperature: exp(logT)) }
    var best = -12.0, bestValue = nll(best)
    for i in 1...96 {
      let x = -12 + 0.25 * Double(i), v = nll(x)
      if v < bestValue { (best, bestValue) = (x, v) }
    }
    var (a, b) = (best - 0.25, best + 0.25)
    let g = (5.0.squareRoot() - 1) / 2
    for _ in 0..<40 {
      let c = b - g * (b - a), d = a + g * (b - a)
      if nll(c) < nll(d) { b = d } else { a = c }
    }
    let t = exp((a + b) / 2)
    return ScoreCalibration(temperature: t, fittedOn: fittedOn, images: scores.count, scores: scores, labels: labels)
  }

  /// A calibration of temperature `t`, with its figures measured on `scores`/`labels`.
  init(temperature t: Double, fittedOn: String, images: Int, scores: [[Double]], labels: [Int]) {
    temperature = t
    self.fittedOn = fittedOn
    self.images = images
    let reliability = Self.reliability(scores, labels: labels, temperature: t)
    accuracy = reliability.accuracy
    meanConfidence = reliability.confidence
    calibrationError = reliability.error
    negativeLogLikelihood = Self.negativeLogLikelihood(scores, labels: labels, temperature: t)
  }

  /// Accuracy, mean top probability and expected calibration error (10 equal-width bins of
  /// the top probability: Σ |accuracy − confidence| weighted by the bin's share) of the
  /// argmax decisions (the first largest score; all-equal rows count as wrong, as silent
  /// images do).
  public static func reliability(_ scores: [[Double]], labels: [Int], temperature: Double)
    -> (accuracy: Double, confidence: Double, error: Double)
  {
    guard !scores.isEmpty else { return (0, 0, 0) }
    var bins = [(count: Double, correct: Double, confidence: Double)](repeating: (0, 0, 0), count: 10)
    var correct = 0.0, confidence = 0.0
    for (s, y) in zip(scores, labels) {
      let p = softmax(s, temperature: temperature)
      let top = p.indices.max { p[$0] < p[$1] || (p[$0] == p[$1] && $0 > $1) }!
      let right = top == y && Set(s).count > 1 ? 1.0 : 0.0
      let bin = min(9, Int(p[top] * 10))
      bins[bin].count += 1
      bins[bin].correct += right
      bins[bin].confidence += p[top]
      correct += right
      confidence += p[top]
    }
    let n = Double(scores.count)
    let error = bins.reduce(0.0) { $0 + abs($1.correct - $1.confidence) } / n
    return (correct / n, confidence / n, error)
  }

  /// "temperature 3.2 on 5000 held-out training images (accuracy 97.8%, mean confidence 97.1%, calibration error 0.9%)".
  public var summary: String {
    String(format: "temperature %.4g on %@ (accuracy %.2f%%, mean confidence %.2f%%, calibration error %.2f%%)",
           temperature, fittedOn, 100 * accuracy, 100 * meanConfidence, 100 * calibrationError)
  }
}
