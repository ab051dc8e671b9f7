import ArgumentParser
import FirstSpike

/// `--checkpoint FILE`: the model a command reads.
struct CheckpointOption: ParsableArguments {
  @Option(help: "Checkpoint file (.fspk).") var checkpoint: String
}

/// `--limit K`: the first K images of a split.
struct LimitOption: ParsableArguments {
  @Option(help: "Use only the first K images of the split.") var limit: Int?

  func validate() throws {
    if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more, not \(limit)") }
  }
}

/// `--threads N`: worker threads of parallel loops.
struct ThreadsOption: ParsableArguments {
  @Option(help: "Worker threads (results do not depend on it).") var threads = defaultThreadCount

  func validate() throws {
    if threads < 1 { throw ValidationError("--threads must be 1 or more, not \(threads)") }
  }
}

/// `--json`: one JSON document on stdout instead of text.
struct JSONOption: ParsableArguments {
  @Flag(help: "Print JSON instead of text.") var json = false
}

/// `--no-timing`: an evaluation's JSON without its wall-clock seconds, so that the same work
/// prints the same bytes (a merge of shards and one evaluation of the whole split, reruns).
struct TimingOption: ParsableArguments {
  @Flag(help: "Leave the wall-clock \"seconds\" out of --json (the same evaluation then prints the same bytes).")
  var noTiming = false

  func apply(to json: inout [String: Any]) {
    if noTiming { json.removeValue(forKey: "seconds") }
  }
}

extension PresetVariant: ExpressibleByArgument {}
