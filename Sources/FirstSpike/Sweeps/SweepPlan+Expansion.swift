import Foundation

extension SweepPlan {
  /// Expands `spec` into trials, builds every trial's model once (so that a setting the model
  /// does not have fails here, before anything trains) and marks the stages that several
  /// trials share. `file` names the spec in errors.
  public static func make(spec: SweepSpec, models: TrialModels, data: DataRecord, file: String) throws -> SweepPlan {
    let combinations = try levelCombinations(spec, file: file)
    var trials: [TrialPlan] = []
    for (index, levels) in combinations.enumerated() {
      trials.append(try trial(index: index, levels: levels, spec: spec, models: models, data: data, file: file))
    }
    var uses: [String: Int] = [:]
    for t in trials { for s in t.stages.dropLast() { uses[s.key, default: 0] += 1 } }
    for t in trials.indices {
      for s in trials[t].stages.indices.dropLast() { trials[t].stages[s].shared = uses[trials[t].stages[s].key]! > 1 }
    }
    return SweepPlan(spec: spec, trials: trials)
  }

  /// The level of every parameter in each trial: the grid in order (first parameter slowest)
  /// or a seeded random sample.
  static func levelCombinations(_ spec: SweepSpec, file: String) throws -> [[SweepLevel]] {
    let ps = spec.parameters
    // Saturates at Int.max: a random sample may draw from a grid too large to list.
    let gridSize = ps.filter { $0.range == nil }.reduce(1) { n, p in
      let (m, overflow) = n.multipliedReportingOverflow(by: p.levels.count)
      return overflow ? Int.max : m
    }
    if case .grid = spec.search, gridSize > SweepSpec.maximumTrials {
      throw SweepSpecError(file: file, path: "parameters", reason: "the grid has more than \(SweepSpec.maximumTrials) trials")
    }
    func gridPoint(_ i: Int) -> [SweepLevel] {
      var rest = i, point: [SweepLevel] = []
      for p in ps.reversed() {
        point.append(p.levels[rest % p.levels.count])
        rest /= p.levels.count
      }
      return point.reversed()
    }
    switch spec.search {
    case .grid:
      return (0..<gridSize).map(gridPoint)
    case .random(let trials, let seed):
      var g = SplitMix64(seed: seed)
      if ps.allSatisfy({ $0.range == nil }) {
        guard trials <= gridSize else {
          throw SweepSpecError(file: file, path: "search.random.trials", reason: "\(trials) distinct trials asked of a grid of \(gridSize)")
        }
        var chosen = Set<Int>(), order: [Int] = []
        while order.count < trials {
          let i = Int(g.next() % UInt64(gridSize))
          if chosen.insert(i).inserted { order.append(i) }
        }
        return order.map(gridPoint)
      }
      return (0..<trials).map { _ in ps.map { p in p.range.map { draw($0, &g) } ?? p.levels[g.nextInt(below: p.levels.count)] } }
    }
  }

  /// A value of `range` as a level.
  static func draw(_ range: SweepRange, _ g: inout SplitMix64) -> SweepLevel {
    let u = g.nextUniform()
    var x = range.log ? exp(log(range.low) + u * (log(range.high) - log(range.low))) : range.low + u * (range.high - range.low)
    if range.integer { x = x.rounded() }
    let value = range.integer ? String(Int(x)) : JSONReader.text(x)
    return SweepLevel(label: SweepParameter.label(x, integer: range.integer), assignments: [SweepAssignment(target: range.target, value: value)])
  }

  static func trial(index: Int, levels: [SweepLevel], spec: SweepSpec, models: TrialModels, data: DataRecord,
                    file: String) throws -> TrialPlan {
    var seed = spec.base.seed, limit = spec.limit, testLimit = spec.testLimit, stages = spec.stages
    var settings = spec.base.settings
    let label = zip(spec.parameters, levels).map { "\($0.name)=\($1.label)" }.joined(separator: ", ")
    func bad(_ reason: String) -> SweepSpecError { SweepSpecError(file: file, path: "", reason: "trial \(index) (\(label)): \(reason)") }
    func integer(_ a: SweepAssignment, _ range: ClosedRange<Int>) throws -> Int {
      guard let v = Int(a.value), range.contains(v) else { throw bad("\(a.target)=\(a.value): expected a whole number from \(range.lowerBound)") }
      return v
    }
    for a in levels.flatMap(\.assignments) {
      switch SweepTarget(a.target) {
      case .seed: seed = UInt64(try integer(a, 0...Int.max))
      case .limit: limit = try integer(a, 1...Int.max)
      case .testLimit: testLimit = try integer(a, 1...Int.max)
      case .spec: settings.append(a)
      case .stageOption(let stage, let option):
        let i = stages.firstIndex { $0.stage == stage }!
        let v = try integer(a, option == "evalEvery" ? 0...Int.max : 1...Int.max)
        switch option {
        case "epochs": stages[i].epochs = v
        case "limit": stages[i].limit = v
        case "testLimit": stages[i].testLimit = v
        case "evalEvery": stages[i].evalEvery = v
        default: stages[i].saveEvery = v
        }
      }
    }
    let model: any Model
    do {
      model = try models.model(settings: settings, seed: seed, data: data)
    } catch {
      throw bad("\(error)")
    }
    let first = stages[0].stage, last = stages[stages.count - 1].stage
    guard last <= model.stageCount else { throw bad("\(model.name) has \(model.stageCount) stages, not \(last)") }
    guard model.completedStages >= first - 1 else {
      throw bad("stage \(first) needs stages 1…\(first - 1) trained first: list them in \"stages\" or give \"initFrom\" (it supplies \(model.completedStages))")
    }
    var resolved: [TrialStage] = [], options: [[String: Any]] = []
    for s in stages {
      let o = TrialStage(stage: s.stage, epochs: s.epochs, limit: s.limit ?? limit, testLimit: s.testLimit ?? testLimit,
                         evalEvery: s.evalEvery ?? 1, saveEvery: s.saveEvery ?? 10_000, key: "", shared: false)
      options.append(["stage": o.stage, "epochs": o.epochs ?? -1, "limit": o.limit ?? -1, "testLimit": o.testLimit ?? -1,
                      "evalEvery": o.evalEvery])
      var keyed = o
      keyed.key = stageKey(model.trainingKey(throughStage: s.stage), seed: seed, data: spec.data,
                           initFrom: models.initFromDigest, options: options)
      resolved.append(keyed)
    }
    return TrialPlan(index: index, levels: levels.map(\.label), settings: settings, seed: seed, stages: resolved,
                     metricLimit: spec.metric.limit)
  }

  /// The digest that names a shared stage.
  static func stageKey(_ training: String, seed: UInt64, data: SweepData, initFrom: String?, options: [[String: Any]]) -> String {
    let document: [String: Any] = [
      "key": "firstspike-sweep-stage-1", "model": training, "seed": String(seed),
      "data": ["path": data.path, "trainFraction": data.trainFraction, "splitSeed": String(data.splitSeed)],
      "initFrom": initFrom ?? "", "stages": options,
    ]
    let text = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data()
    return SHA256.hexDigest([UInt8](text))
  }
}
