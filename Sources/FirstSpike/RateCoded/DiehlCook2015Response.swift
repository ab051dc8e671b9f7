/// The spike trains of one image's presentation (the last one, when it was repeated).
public struct DiehlCook2015Response: Sendable, Equatable {
  public var input: SpikeTrain
  public var excitatory: SpikeTrain
  public var inhibitory: SpikeTrain
  /// Input rate of a 255 pixel in that presentation, Hz.
  public var intensity: Double
  /// Presentations made (1 unless retried).
  public var presentations: Int
}
