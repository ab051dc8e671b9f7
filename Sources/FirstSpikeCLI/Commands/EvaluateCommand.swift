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

      Examples:
        firstspike evaluate --checkpoint checkpoints/mozafari2019.fspk --data datasets/mnist
        firstspike evaluate --checkpoint m.fspk --limit 1000 --json
        firstspike evaluate --checkpoint m.fspk --plot confusion.png
      """)

  @OptionGroup var checkpointOption: CheckpointOption
  @OptionGroup var dataOptions: DataOptions
  @Option(help: "Split to evaluate.") var split: TrainingData.Split = .test
  @OptionGroup var limitOption: LimitOption
  @OptionGroup var threadsOption: ThreadsOption
  @OptionGroup var output: JSONOption
  @Option(help: "Also draw the confusion matrix as a heat map into this file (.png or .svg).") var plot: String?

  func run() throws {
    let path = checkpointOption.checkpoint
    let format = try plot.map { try PictureFormat(path: $0) }
    let model = try ModelRegistry.load(path: path)
    if let problem = model.inferenceProblem(checkpoint: path) ?? model.untrainedStageProblem {
      throw FileProblem(path: path, reason: problem)
    }
    let (data, _, note) = try dataOptions.load(split, record: model.data, limit: limitOption.limit, for: model, checkpoint: path)
    guard data.count > 0 else { throw FileProblem(path: dataOptions.data ?? model.data.path, reason: "the \(split) split holds no images") }
    if let status = model.stageStatus(model.stageCount), !status.finished {
      FileHandle.standardError.write(Data("firstspike: note: \(path): stage \(model.stageCount) is unfinished (stopped at \(status.location)); evaluating the weights it saved\n".utf8))
    }
    let start = ContinuousClock.now
    let evaluation = model.evaluate(data, threads: threadsOption.threads)
    let context = EvaluationContext(checkpoint: path, split: split.rawValue, seconds: seconds(ContinuousClock.now - start),
                                    threads: threadsOption.threads)
    if output.json {
      var json = evaluation.json(context)
      json["data"] = note
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
}
