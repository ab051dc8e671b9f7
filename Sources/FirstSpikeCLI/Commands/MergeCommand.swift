import ArgumentParser
import FirstSpike
import Foundation

struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge the shards of a sharded evaluation (evaluate --shard I/N --json) into one report.",
    discussion: """
      Checks that the files are the N shards of one evaluation (same checkpoint bytes, split, \
      data set and limit; every shard exactly once), adds their exact counts and prints the \
      report one `evaluate` of the whole split prints — with --json byte for byte, except \
      "seconds", which is the sum of the shards' seconds (--no-timing leaves it out of both).

      Examples:
        for i in 0 1 2 3; do firstspike evaluate --checkpoint m.fspk --shard $i/4 --json > part-$i.json; done
        firstspike merge part-*.json --json
      """)

  @Argument(help: "Shard files (the output of evaluate --shard I/N --json), in any order.") var files: [String]
  @OptionGroup var output: JSONOption
  @OptionGroup var timing: TimingOption

  func validate() throws {
    if files.isEmpty { throw ValidationError("give the shard files to merge") }
  }

  func run() throws {
    let shards = try files.map { (path: $0, shard: try EvaluationShardFile(path: $0)) }
    let (evaluation, context, note) = try EvaluationShardFile.merge(shards)
    if output.json {
      var json = evaluation.json(context)
      if let note { json["data"] = note }
      timing.apply(to: &json)
      print(jsonText(json))
    } else {
      print((note.map { "data: \($0)\n" } ?? "") + evaluation.text(context))
    }
  }
}
