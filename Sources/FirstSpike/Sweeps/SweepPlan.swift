import Foundation

/// A sweep expanded into trials (`plan.json` of a sweep folder): written once by
/// `firstspike sweep`, read by every trial task, compared on every rerun so a folder never
/// mixes two sweeps.
public struct SweepPlan: Sendable, Equatable, Codable {
  public static let format = "firstspike-sweep-plan"
  public static let version = 1

  public var format = SweepPlan.format
  public var version = SweepPlan.version
  public var spec: SweepSpec
  public var trials: [TrialPlan]

  /// The names of the varied parameters (the report's columns).
  public var parameterNames: [String] { spec.parameters.map(\.name) }
}

/// One trial: a level of every parameter and what it makes of the base model and options.
public struct TrialPlan: Sendable, Equatable, Codable {
  public var index: Int
  /// The label of each parameter's level, in the order of ``SweepPlan/parameterNames``.
  public var levels: [String]
  /// Spec settings (the base's, then the varied ones), applied in order.
  public var settings: [SweepAssignment]
  public var seed: UInt64
  public var stages: [TrialStage]
  /// The first K images of the metric's split (nil: all).
  public var metricLimit: Int?

  /// "dropout=0.3, grid=6x6, seed=1".
  public func describe(_ names: [String]) -> String {
    zip(names, levels).map { "\($0)=\($1)" }.joined(separator: ", ")
  }
}

/// One stage of a trial with its resolved `train` options.
public struct TrialStage: Sendable, Equatable, Codable {
  public var stage: Int
  public var epochs: Int?
  public var limit: Int?
  public var testLimit: Int?
  public var evalEvery: Int
  public var saveEvery: Int
  /// SHA-256 of what this stage and the earlier ones depend on (the models' training key, the
  /// seed, the data, the init-from checkpoint and these stages' options).
  public var key: String
  /// Trained once, in the sweep's `shared/` folder, for every trial with the same key.
  public var shared: Bool
}
