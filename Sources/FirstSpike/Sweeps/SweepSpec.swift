import Foundation

/// A parameter sweep as `firstspike sweep SPEC.json` reads it (format: `docs/sweeps.md`): a
/// base model, the data, the stages every trial trains with their options, the parameters to
/// vary, how to choose their combinations (a grid or a seeded random sample), and the metric
/// to report. Paths are resolved against the folder the command runs in and kept absolute,
/// so the tasks of a cluster job find them from any node of a shared file system.
public struct SweepSpec: Sendable, Equatable, Codable {
  public var name: String
  public var base: SweepBase
  public var data: SweepData
  /// Default training and test image limits of every stage (first K images).
  public var limit: Int?
  public var testLimit: Int?
  public var stages: [SweepStage]
  public var parameters: [SweepParameter]
  public var search: SweepSearch
  public var metric: SweepMetric
}

/// The model every trial starts from.
public struct SweepBase: Sendable, Equatable, Codable {
  /// A built-in model and its preset, or a spec file (exactly one of `builtIn`, `specFile`).
  public var builtIn: String?
  public var preset: String
  public var specFile: String?
  /// Spec settings every trial gets (`--set PATH=VALUE`), before the varied ones.
  public var settings: [SweepAssignment]
  /// A checkpoint whose trained stages every trial takes (`train --init-from`).
  public var initFrom: String?
  public var seed: UInt64
}

/// Where the images come from (as `train --data` and its options).
public struct SweepData: Sendable, Equatable, Codable {
  public var path: String
  public var trainFraction: Double
  public var splitSeed: UInt64
  public var verifyChecksums: Bool
}

/// One stage every trial trains, with its `train` options (nil: the model's or the sweep's).
public struct SweepStage: Sendable, Equatable, Codable {
  public var stage: Int
  public var epochs: Int?
  public var limit: Int?
  public var testLimit: Int?
  public var evalEvery: Int?
  public var saveEvery: Int?

  /// The option names a parameter may set (`stage3.epochs`).
  public static let options = ["epochs", "limit", "testLimit", "evalEvery", "saveEvery"]
}

/// One setting of a trial: `target` is `seed`, `limit`, `testLimit`, `stageN.OPTION` or a
/// spec path (`layers[2].training.inputDropout`); `value` is JSON text.
public struct SweepAssignment: Sendable, Hashable, Codable {
  public var target: String
  public var value: String
  public init(target: String, value: String) {
    self.target = target
    self.value = value
  }
}

/// A varied parameter: its levels (each one label and the settings it makes), or, for random
/// search only, a numeric range of one target.
public struct SweepParameter: Sendable, Equatable, Codable {
  public var name: String
  public var levels: [SweepLevel]
  public var range: SweepRange?
}

public struct SweepLevel: Sendable, Equatable, Codable {
  public var label: String
  public var assignments: [SweepAssignment]
}

/// Values drawn uniformly from `low...high` (of the logarithm with `log`; rounded with
/// `integer`).
public struct SweepRange: Sendable, Equatable, Codable {
  public var target: String
  public var low: Double
  public var high: Double
  public var log: Bool
  public var integer: Bool
}

public enum SweepSearch: Sendable, Equatable, Codable {
  /// Every combination of the parameters' levels, the first parameter varying slowest.
  case grid
  /// `trials` combinations drawn with a generator seeded `seed`: distinct grid points when
  /// every parameter has levels, else independent draws.
  case random(trials: Int, seed: UInt64)
}

/// The figure a trial is judged by: a number of the `evaluate --json` report of its final
/// checkpoint on `split` (first `limit` images), better when larger (`goal` max) or smaller.
public struct SweepMetric: Sendable, Equatable, Codable {
  public var name: String
  public var split: String
  public var limit: Int?
  public var maximize: Bool
}
