import FirstSpikeTestSupport
import Foundation
import Testing
@testable import FirstSpike

/// The report of a sweep folder in any state: finished trials first, best metric first, then
/// the others by state with their progress; Markdown, CSV, JSON and the SVG plot agree.
@Suite struct SweepReportTests {
  /// A folder with the 8-trial plan and these states.
  static func folder(_ states: [Int: TrialState], maximize: Bool = true) throws -> (TempDirectory, SweepFolder) {
    let dir = TempDirectory("sweepreport")
    var plan = try SweepPlanTests.plan(SweepPlanTests.dropoutGridSeed)
    plan.spec.metric.maximize = maximize
    let folder = SweepFolder(dir.path + "/sweep")
    #expect(try folder.create(plan) == false)
    #expect(try folder.create(plan) == true, "the same plan continues")
    for (t, s) in states { try s.write(folder.state(t, of: plan.trials.count)) }
    return (dir, folder)
  }

  static func state(_ phase: TrialState.Phase, metric: Double? = nil, stage: Int? = nil, pass: Int? = nil) -> TrialState {
    var s = TrialState()
    s.phase = phase
    s.metric = metric
    s.stage = stage
    s.pass = pass
    s.passes = pass.map { _ in 5 }
    s.seconds = 10
    s.attempts = 1
    s.bestPass = metric.map { _ in 3 }
    s.timing.startup = 0.05
    s.timing.setup = 0.45
    s.timing.training = 9
    s.timing.evaluation = 0.5
    if phase == .failed { s.message = "boom, with a comma" }
    return s
  }

  @Test func sortsAndShowsProgress() throws {
    let (dir, folder) = try Self.folder([
      0: Self.state(.done, metric: 0.91), 3: Self.state(.done, metric: 0.95), 5: Self.state(.running, stage: 3, pass: 2),
      6: Self.state(.failed), 7: Self.state(.preempted, stage: 2),
    ])
    try withExtendedLifetime(dir) {
      let report = try SweepReport.load(folder)
      #expect(report.rows.map(\.trial) == [3, 0, 5, 7, 6, 1, 2, 4])
      #expect(report.summary == "8 trials: 2 done, 1 running, 1 preempted, 1 failed, 3 pending")
      let md = report.markdown().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      #expect(md[2] == "| # | trial | dropout | grid | seed | accuracy | best pass | wall s | state |")
      #expect(md[4] == "| 1 | 3 | 0 | 4x4 | 1 | 0.9500 | 3 | 10.0 | done |")
      #expect(md[6] == "| 3 | 5 | 0.3 | 6x6 | 1 |  |  | 10.0 | running (stage 3, pass 2/5) |")
      #expect(md[8].hasSuffix("| failed: boom, with a comma |"))
      let csv = report.csv().split(separator: "\n").map(String.init)
      #expect(csv[0] == "trial,dropout,grid,seed,accuracy,best_pass,best_test_accuracy,seconds,state,progress,attempts,overhead_seconds,training_seconds,message")
      #expect(csv[1] == "3,0,4x4,1,0.95,3,,10.000,done,,1,0.500,9.000,")
      #expect(csv[5].hasSuffix(",\"boom, with a comma\""))
      let json = report.json()
      let trials = try #require(json["trials"] as? [[String: Any]])
      #expect(trials.count == 8 && trials[0]["trial"] as? Int == 3 && trials[0]["metric"] as? Double == 0.95)
      #expect((trials[0]["parameters"] as? [String: String]) == ["dropout": "0", "grid": "4x4", "seed": "1"])
      #expect(JSONSerialization.isValidJSONObject(json))
      #expect(report.overheadSummary().contains("0.500 s = 5.00% of the trial"))
      let svg = report.plot()
      #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
      #expect(svg.components(separatedBy: "<circle").count - 1 == 2 * 3, "two finished trials in three panels")
      #expect(svg.contains("accuracy vs dropout") && svg.contains("accuracy vs grid") && svg.contains(">4x4<"))
    }
  }

  @Test func smallerIsBetterWhenAsked() throws {
    let (dir, folder) = try Self.folder([1: Self.state(.done, metric: 0.2), 2: Self.state(.done, metric: 0.1)], maximize: false)
    let rows = try SweepReport.load(folder).rows
    #expect(rows.prefix(2).map(\.trial) == [2, 1])
    withExtendedLifetime(dir) {}
  }

  @Test func aFolderHoldsOneSweep() throws {
    let (dir, folder) = try Self.folder([:])
    try withExtendedLifetime(dir) {
      let other = try SweepPlanTests.plan("[]")
      #expect(throws: SweepFolderError.self) { try folder.create(other) }
      let notEmpty = SweepFolder(dir.path)
      #expect(throws: SweepFolderError.self) { try notEmpty.create(other) }
      #expect(throws: SweepFolderError.self) { _ = try SweepFolder(dir.path + "/none").readPlan() }
      // A plan edited by hand so that its trials are misnumbered is refused, as is garbage.
      let text = try String(contentsOfFile: folder.planPath, encoding: .utf8)
      try text.replacingOccurrences(of: "\"index\" : 3,", with: "\"index\" : 4,").write(toFile: folder.planPath, atomically: true, encoding: .utf8)
      #expect(throws: SweepFolderError.self) { _ = try folder.readPlan() }
      try "{]".write(toFile: folder.planPath, atomically: true, encoding: .utf8)
      #expect(throws: SweepFolderError.self) { _ = try SweepReport.load(folder) }
    }
  }

  @Test func aHeldLockMakesOthersWait() throws {
    let dir = TempDirectory("lock")
    let path = dir.file("x.lock")
    do {
      let first = try #require(try FileLock.acquire(path, holder: "trial 1", shouldStop: { false }, whileWaiting: { _ in }))
      var seen = "", polls = 0
      let second = try FileLock.acquire(path, holder: "trial 2", poll: 0.01, shouldStop: { polls += 1; return polls > 3 },
                                        whileWaiting: { seen = $0 })
      #expect(second == nil && seen == "trial 1" && polls == 4)
      withExtendedLifetime(first) {}
    }
    let third = try FileLock.acquire(path, holder: "trial 3", shouldStop: { true }, whileWaiting: { _ in })
    #expect(third != nil, "a released lock is free")
  }
}
