import Foundation

/// The adaptive threshold of Diehl & Cook's excitatory neurons (BindsNET `DiehlAndCookNodes`):
/// the threshold is `threshold + θ`; while learning, every step `θ ← θ · exp(−dt / tcDecay)`
/// and every spike `θ ← θ + thetaPlus`. θ is kept between images and fixed when not learning.
public struct AdaptiveThreshold: Sendable, Equatable, Codable {
  /// Increase of θ per spike, mV.
  public var thetaPlus: Float
  /// Time constant of θ's decay, ms.
  public var tcDecay: Float

  public init(thetaPlus: Float, tcDecay: Float) {
    self.thetaPlus = thetaPlus
    self.tcDecay = tcDecay
  }

  public static let diehlCook = AdaptiveThreshold(thetaPlus: 0.05, tcDecay: 1e7)

  /// Decay factor of θ per step.
  public func decay(dt: Double) -> Float { Float(exp(-dt / Double(tcDecay))) }
}
