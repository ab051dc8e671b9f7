import ArgumentParser
import FirstSpike
import Foundation

struct EvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Accuracy, confusion matrix, spikes, synaptic events and energy of a checkpoint.",
    discussion: """
      Runs the trained network on a split of the data set (by default the one it was trained \
      on), in parallel over images. Silent images (no output spike) count as wrong.

      --shard I/N evaluates only the I-th of N contiguous parts of the split (0-based; auto/N \
      takes I from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX); with --json it prints the \
      part's exact counts, and `firstspike merge` of all N parts prints what one evaluation of \
      the whole split prints (seconds: the sum of the parts').

      Examples:
        firstspike evaluate --checkpoint checkpoints/mozafari2019.fspk --data datasets/mnist
        firstspike evaluate --checkpoint m.fspk --limit 1000 --json
        firstspike evaluate --checkpoint m.fspk --plot confusion.png
        firstspike evaluate --checkpoint m.fspk --shard 0/4 --json > part-0.json
        firstspike merge part-*.json --json
        firstspike evaluate --checkpoint m.fspk --json --no-timing   # = merge … --json --no-timing, byte for byte
      """)

  @OptionGroup var checkpointOption: CheckpointOption
  @OptionGroup var dataOptions: DataOptions
  @Option(help: "Split to evaluate.") var split: TrainingData.Split = .test
  @OptionGroup var limitOption: LimitOption
  @Option(help: ArgumentHelp("Evaluate part I of N of the split (I/N, 0-based, or auto/N: I from the scheduler's task index).",
                             valueName: "I/N"))
  var shard: String?
  @OptionGroup var threadsOption: ThreadsOption
  @OptionGroup var output: JSONOption
  @OptionGroup var timing: TimingOption
  @Option(help: "Also draw the confusion matrix as a heat map into this file (.png or .svg).") var plot: String?

  func validate() throws {
    if let shard { _ = try ShardSelection.parse(shard, environment: ProcessInfo.processInfo.environment) }
  }

  func run() throws {
    let path = checkpointOption.checkpoint
    let format = try plot.map { try PictureFormat(path: $0) }
    let model = try ModelRegistry.load(path: path)
    if let problem = model.inferenceProblem(checkpoint: path) ?? model.untrainedStageProblem {
      throw FileProblem(path: path, reason: problem)
    }
    let (all, record, note) = try dataOptions.load(split, record: model.data, limit: limitOption.limit, for: model, checkpoint: path)
    guard all.count > 0 else { throw FileProblem(path: dataOptions.data ?? model.data.path, reason: "the \(split) split holds no images") }
    if let status = model.stageStatus(model.stageCount), !status.finished {
      FileHandle.standardError.write(Data("firstspike: note: \(path): stage \(model.stageCount) is unfinished (stopped at \(status.location)); evaluating the weights it saved\n".utf8))
    }
    let selection = try shard.map { try ShardSelection.parse($0, environment: ProcessInfo.processInfo.environment) }
    let images = selection?.range(total: all.count) ?? 0..<all.count
    let data = selection == nil ? all : all.subset(Array(images))
    let start = ContinuousClock.now
    let evaluation = model.evaluate(data, firstIndex: images.lowerBound, threads: threadsOption.threads)
    let context = EvaluationContext(checkpoint: path, split: split.rawValue, seconds: seconds(ContinuousClock.now - start),
                                    threads: threadsOption.threads)
    if let selection {
      try printShard(evaluation, context: context, selection: selection, total: all.count, data: record.path, note: note,
                     kind: type(of: model).kind)
    } else if output.json {
      var json = evaluation.json(context)
      json["data"] = note
      timing.apply(to: &json)
      print(jsonText(json))
    } else {
      print("data: \(note)\n" + evaluation.text(context))
    }
    if let plot, let format {
      let map = ConfusionHeatMap(evaluation: evaluation, labels: data.labels, model: model.name, classNames: model.classNames,
                                 split: split.rawValue)
      try writePicture(to: plot) { () throws(DiagnosticsError) in try map.draw(format) }
      if !output.json { print("\nwrote the confusion heat map to \(plot)") }
    }
  }

  /// A shard's exact counts (`--json`, what `merge` reads), or its text report.
  func printShard(_ evaluation: some ModelEvaluation, context: EvaluationContext, selection: ShardSelection, total: Int,
                  data: String, note: String, kind: ModelKind) throws {
    let images = selection.range(total: total)
    guard output.json else {
      print("data: \(note)\nshard \(selection) of the \(total) \(split.rawValue) images: images \(images.lowerBound)..<\(images.upperBound)")
      print(evaluation.text(context))
      return
    }
    let part = try EvaluationShardFile(
      kind: kind, checkpoint: context.checkpoint, checkpointSHA256: try SHA256.hexDigest(ofFile: context.checkpoint),
      split: split.rawValue, data: data, dataNote: note, limit: limitOption.limit, shard: selection, total: total,
      seconds: context.seconds, threads: context.threads, evaluation: evaluation)
    print(jsonText(part.json()))
  }
}
