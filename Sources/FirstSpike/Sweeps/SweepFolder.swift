import Foundation

/// The files of a sweep under its folder (`--out DIR`):
///
/// ```
/// DIR/plan.json                  the expanded sweep (SweepPlan)
/// DIR/trials/0007/model.fspk     trial 7's checkpoint (its own stages)
/// DIR/trials/0007/log.txt        everything its task printed, all attempts
/// DIR/trials/0007/state.json     pending/waiting/running/preempted/failed/done, timing, metric
/// DIR/trials/0007/evaluation.json   evaluate --json of the finished checkpoint
/// DIR/shared/stage2-<key>.fspk   a stage several trials share, trained once (.lock, .done)
/// DIR/slurm/job.sh, DIR/slurm/*.out   the array job and Slurm's own output
/// ```
public struct SweepFolder: Sendable {
  public let root: String
  public init(_ root: String) { self.root = root }

  public var planPath: String { "\(root)/plan.json" }
  public var slurmFolder: String { "\(root)/slurm" }
  public var sharedFolder: String { "\(root)/shared" }

  public func trialFolder(_ index: Int, of count: Int) -> String {
    let digits = max(4, String(max(count - 1, 0)).count)
    let number = String(index)
    return "\(root)/trials/" + String(repeating: "0", count: max(0, digits - number.count)) + number
  }

  public func checkpoint(_ t: Int, of n: Int) -> String { trialFolder(t, of: n) + "/model.fspk" }
  public func log(_ t: Int, of n: Int) -> String { trialFolder(t, of: n) + "/log.txt" }
  public func state(_ t: Int, of n: Int) -> String { trialFolder(t, of: n) + "/state.json" }
  public func evaluation(_ t: Int, of n: Int) -> String { trialFolder(t, of: n) + "/evaluation.json" }

  /// The checkpoint of a shared stage, and its lock and finished marker beside it.
  public func shared(_ stage: TrialStage) -> String { "\(sharedFolder)/stage\(stage.stage)-\(stage.key.prefix(16)).fspk" }
  public func sharedLock(_ stage: TrialStage) -> String { shared(stage) + ".lock" }
  public func sharedDone(_ stage: TrialStage) -> String { shared(stage) + ".done" }

  /// Creates the folders and writes `plan`, or checks that the folder already holds this
  /// very plan (a rerun continues it; another sweep is refused).
  /// - Returns: true when the plan was already there.
  @discardableResult
  public func create(_ plan: SweepPlan) throws -> Bool {
    let fm = FileManager.default
    if fm.fileExists(atPath: planPath) {
      let existing = try readPlan()
      guard existing == plan else {
        throw SweepFolderError(path: planPath, reason: "the folder holds another sweep (\(existing.spec.name), \(existing.trials.count) trials) than this spec expands to; give another --out")
      }
      return true
    }
    var isFolder: ObjCBool = false
    if fm.fileExists(atPath: root, isDirectory: &isFolder),
       !isFolder.boolValue || !((try? fm.contentsOfDirectory(atPath: root)) ?? ["?"]).isEmpty {
      throw SweepFolderError(path: root, reason: "exists and is not an empty folder (nor a sweep folder)")
    }
    for folder in [root, sharedFolder] + plan.trials.map({ trialFolder($0.index, of: plan.trials.count) }) {
      try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }
    try AtomicFile.write([UInt8](Self.encode(plan)), to: planPath)
    return false
  }

  public func readPlan() throws -> SweepPlan {
    guard let bytes = FileManager.default.contents(atPath: planPath) else {
      throw SweepFolderError(path: planPath, reason: "cannot be read: is \(root) a sweep folder (firstspike sweep SPEC --out \(root))?")
    }
    do {
      let plan = try JSONDecoder().decode(SweepPlan.self, from: bytes)
      guard plan.format == SweepPlan.format, plan.version == SweepPlan.version else {
        throw SweepFolderError(path: planPath, reason: "plan format \(plan.format) version \(plan.version); this build reads version \(SweepPlan.version)")
      }
      let names = plan.parameterNames.count
      guard (1...SweepSpec.maximumTrials).contains(plan.trials.count),
            plan.trials.enumerated().allSatisfy({ $0.offset == $0.element.index && !$0.element.stages.isEmpty && $0.element.levels.count == names }) else {
        throw SweepFolderError(path: planPath, reason: "not a consistent sweep plan (trial numbering, stages or levels)")
      }
      return plan
    } catch let e as SweepFolderError {
      throw e
    } catch {
      throw SweepFolderError(path: planPath, reason: "not a sweep plan (\(error))")
    }
  }

  /// Pretty-printed JSON with sorted keys, as every file of the folder is written.
  public static func encode(_ value: some Encodable) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try encoder.encode(value)
  }
}

/// A sweep folder that cannot be used: `<path>: <what>`.
public struct SweepFolderError: FirstSpikeError, Equatable {
  public var path: String
  public var reason: String
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }
  public var description: String { "\(path): \(reason)" }
}
