import Foundation

extension SweepSpec {
  /// The most trials a sweep may expand to.
  public static let maximumTrials = 100_000

  /// Reads the sweep spec at `path`; relative paths in it are taken from `workingDirectory`.
  /// Every error is one line naming the file and the JSON path.
  public static func read(path: String, workingDirectory: String) throws -> SweepSpec {
    let bytes = try FileBytes.readPrefix(path: path, count: (4 << 20) + 1)
    guard bytes.count <= 4 << 20 else { throw SweepSpecError(file: path, path: "", reason: "larger than 4 MiB: not a sweep spec") }
    let value: Any
    do {
      value = try JSONSerialization.jsonObject(with: Data(bytes))
    } catch {
      throw SweepSpecError(file: path, path: "", reason: "not valid JSON (\(error.localizedDescription))")
    }
    return try SweepSpec(json: value, file: path, workingDirectory: workingDirectory)
  }

  init(json: Any, file: String, workingDirectory: String) throws {
    var r = try JSONReader(json, file: file, path: "")
    func absolute(_ p: String) -> String {
      p.hasPrefix("/") ? p : URL(fileURLWithPath: p, relativeTo: URL(fileURLWithPath: workingDirectory, isDirectory: true)).standardizedFileURL.path
    }
    name = try r.string("name") ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    let builtIn = try r.string("model"), specFile = try r.string("spec")
    guard (builtIn == nil) != (specFile == nil) else { throw r.error("model", "give \"model\" (a built-in) or \"spec\" (a spec file), one of them") }
    if let builtIn, ModelRegistry.builtIn(builtIn) == nil {
      throw r.error("model", "unknown model '\(builtIn)' (known: \(ModelRegistry.builtInNames.joined(separator: ", ")))")
    }
    let preset = try r.string("preset") ?? PresetVariant.improved.rawValue
    guard PresetVariant(rawValue: preset) != nil else {
      throw r.error("preset", "expected one of \(PresetVariant.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    var settings: [SweepAssignment] = []
    if let s = r.raw("set") {
      let fixed = try JSONReader(s, file: file, path: "set")
      settings = fixed.object.keys.sorted().map { SweepAssignment(target: $0, value: JSONReader.text(fixed.object[$0]!)) }
      for a in settings where SpecOverride(path: a.target, value: a.value).steps == nil || SweepTarget(a.target).isOption {
        throw fixed.error(a.target, "not a spec path (keys separated by '.', elements by '[i]')")
      }
    }
    base = SweepBase(builtIn: builtIn, preset: preset, specFile: specFile.map(absolute), settings: settings,
                     initFrom: try r.string("initFrom").map(absolute), seed: try r.seed("seed") ?? 0)
    guard let dataPath = try r.string("data") else { throw r.error("data", "missing: the data set's folder (as train --data)") }
    let fraction = try r.double("trainFraction") ?? 0.75
    guard fraction > 0 && fraction < 1 else { throw r.error("trainFraction", "expected a number strictly between 0 and 1") }
    data = SweepData(path: absolute(dataPath), trainFraction: fraction, splitSeed: try r.seed("splitSeed") ?? 0,
                     verifyChecksums: !(try r.bool("skipChecksums") ?? false))
    limit = try r.int("limit", in: 1...Int.max)
    testLimit = try r.int("testLimit", in: 1...Int.max)
    guard let stageList = try r.array("stages") else { throw r.error("stages", "missing: the stages each trial trains, e.g. [{\"stage\": 3, \"epochs\": 5}]") }
    stages = try stageList.enumerated().map { try Self.stage($1, file: file, path: "stages[\($0)]") }
    for (i, s) in stages.enumerated().dropFirst() where s.stage != stages[i - 1].stage + 1 {
      throw SweepSpecError(file: file, path: "stages[\(i)].stage", reason: "stages must follow each other (stage \(stages[i - 1].stage + 1) expected)")
    }
    let parameterList: [Any]
    if let p = r.raw("parameters") as? [Any], p.isEmpty { parameterList = [] } else { parameterList = try r.array("parameters") ?? [] }
    parameters = try parameterList.enumerated().map { try SweepParameter(json: $1, file: file, path: "parameters[\($0)]") }
    if let dup = Dictionary(grouping: parameters, by: \.name).first(where: { $0.value.count > 1 })?.key {
      throw r.error("parameters", "two parameters are called '\(dup)'")
    }
    search = try Self.search(r.raw("search"), file: file)
    metric = try Self.metric(r.raw("metric"), file: file)
    try r.finish()
    try checkTargets(file: file)
  }

  static func stage(_ json: Any, file: String, path: String) throws -> SweepStage {
    var r = try JSONReader(json, file: file, path: path)
    guard let stage = try r.int("stage", in: 1...1000) else { throw r.error("stage", "missing: the stage number (1-based)") }
    let s = SweepStage(stage: stage, epochs: try r.int("epochs", in: 1...1_000_000), limit: try r.int("limit", in: 1...Int.max),
                       testLimit: try r.int("testLimit", in: 1...Int.max), evalEvery: try r.int("evalEvery", in: 0...1_000_000),
                       saveEvery: try r.int("saveEvery", in: 1...Int.max))
    try r.finish()
    return s
  }

  static func search(_ json: Any?, file: String) throws -> SweepSearch {
    guard let json else { return .grid }
    if let s = json as? String {
      guard s == "grid" else { throw SweepSpecError(file: file, path: "search", reason: "expected \"grid\" or {\"random\": {\"trials\": N, \"seed\": S}}") }
      return .grid
    }
    var r = try JSONReader(json, file: file, path: "search")
    guard let random = r.raw("random") else { throw r.error("random", "expected \"grid\" or {\"random\": {\"trials\": N, \"seed\": S}}") }
    try r.finish()
    var rr = try JSONReader(random, file: file, path: "search.random")
    guard let trials = try rr.int("trials", in: 1...maximumTrials) else { throw rr.error("trials", "missing: how many trials to draw") }
    let seed = try rr.seed("seed") ?? 0
    try rr.finish()
    return .random(trials: trials, seed: seed)
  }

  static func metric(_ json: Any?, file: String) throws -> SweepMetric {
    guard let json else { return SweepMetric(name: "accuracy", split: "test", limit: nil, maximize: true) }
    var r = try JSONReader(json, file: file, path: "metric")
    let name = try r.string("name") ?? "accuracy"
    let split = try r.string("split") ?? "test"
    guard TrainingData.Split(rawValue: split) != nil else { throw r.error("split", "expected \"test\" or \"train\"") }
    let goal = try r.string("goal") ?? "max"
    guard goal == "max" || goal == "min" else { throw r.error("goal", "expected \"max\" or \"min\"") }
    let m = SweepMetric(name: name, split: split, limit: try r.int("limit", in: 1...Int.max), maximize: goal == "max")
    try r.finish()
    return m
  }

  /// Every target names something that exists: a listed stage's option, or a spec path.
  func checkTargets(file: String) throws {
    for (i, p) in parameters.enumerated() {
      let targets = p.levels.flatMap { $0.assignments.map(\.target) } + (p.range.map { [$0.target] } ?? [])
      for t in Set(targets).sorted() {
        let path = "parameters[\(i)]"
        switch SweepTarget(t) {
        case .stageOption(let stage, let option):
          guard stages.contains(where: { $0.stage == stage }) else {
            throw SweepSpecError(file: file, path: path, reason: "'\(t)': stage \(stage) is not among the stages")
          }
          guard SweepStage.options.contains(option) else {
            throw SweepSpecError(file: file, path: path, reason: "'\(t)': unknown stage option (known: \(SweepStage.options.joined(separator: ", ")))")
          }
        case .spec(let specPath):
          guard SpecOverride(path: specPath, value: "0").steps != nil else {
            throw SweepSpecError(file: file, path: path, reason: "'\(t)' is not a spec path (keys separated by '.', elements by '[i]')")
          }
        case .seed, .limit, .testLimit: break
        }
      }
    }
    if case .random = search {} else if let p = parameters.first(where: { $0.range != nil }) {
      throw SweepSpecError(file: file, path: "parameters", reason: "'\(p.name)' has a range: a range needs \"search\": {\"random\": …}")
    }
  }
}

/// What a parameter target sets.
public enum SweepTarget: Equatable, Sendable {
  case seed, limit, testLimit
  case stageOption(stage: Int, option: String)
  case spec(String)

  public init(_ target: String) {
    switch target {
    case "seed": self = .seed
    case "limit": self = .limit
    case "testLimit": self = .testLimit
    default:
      let parts = target.split(separator: ".", maxSplits: 1)
      if parts.count == 2, parts[0].hasPrefix("stage"), let n = Int(parts[0].dropFirst(5)) {
        self = .stageOption(stage: n, option: String(parts[1]))
      } else {
        self = .spec(target)
      }
    }
  }

  var isOption: Bool { if case .spec = self { false } else { true } }
}
