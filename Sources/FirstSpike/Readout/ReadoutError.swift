/// Errors of the linear SVM readout.
public enum ReadoutError: FirstSpikeError, Equatable {
  /// A trainer was resumed on data of another shape than it started on.
  case trainingDataShape(expected: String, actual: String)
  /// A trainer was resumed on data whose contents differ from the data it started on.
  case trainingDataFingerprint(expected: UInt64, actual: UInt64)

  public var description: String {
    switch self {
    case let .trainingDataShape(expected, actual):
      return "svm trainer: training data is \(actual), the saved trainer expects \(expected)"
    case let .trainingDataFingerprint(expected, actual):
      return "svm trainer: training data fingerprint \(hex(actual)) differs from the saved trainer's \(hex(expected))"
    }
  }

  private func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }
}
