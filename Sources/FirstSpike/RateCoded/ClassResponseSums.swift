/// Spike counts summed per excitatory neuron and class over a labelled set.
public struct ClassResponseSums: Sendable, Equatable, Codable {
  public var classes: Int
  public var neurons: Int
  /// `counts[n * classes + c]`: spikes of neuron `n` over all images of class `c`.
  public var counts: [Int]
  /// Images of each class.
  public var images: [Int]

  public init(neurons: Int, classes: Int) {
    self.classes = classes
    self.neurons = neurons
    counts = [Int](repeating: 0, count: neurons * classes)
    images = [Int](repeating: 0, count: classes)
  }

  /// Adds one image's spike counts.
  public mutating func add(_ spikeCounts: some Collection<Int32>, label: Int) {
    precondition(spikeCounts.count == neurons && (0..<classes).contains(label),
                 "\(spikeCounts.count) counts for \(neurons) neurons, label \(label) of \(classes)")
    images[label] += 1
    for (j, s) in spikeCounts.enumerated() { counts[j * classes + label] += Int(s) }
  }
}
