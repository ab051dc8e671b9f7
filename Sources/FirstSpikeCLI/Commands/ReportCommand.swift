import ArgumentParser
import FirstSpike
import Foundation

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write one self-contained HTML page about a checkpoint: stages, curves, confusion, features.",
    discussion: """
      The page holds the model and its stages, the learning curve (where a stage kept one), \
      an evaluation on the test split of the data set the model was trained on (accuracy, \
      confusion heat map), the features of every learned layer and the first test image \
      explained layer by layer. Pictures are inline, so the file can be mailed or opened \
      anywhere. A model that cannot classify yet gets a page without the evaluation.

      Examples:
        firstspike report checkpoints/mozafari2019.fspk --out mozafari2019.html
        firstspike report m.fspk --limit 1000 --out run.html
      """)

  @Argument(help: "Checkpoint file.") var file: String
  @Option(help: "Output HTML file.") var out: String
  @OptionGroup var dataOptions: DataOptions
  @OptionGroup var limitOption: LimitOption
  @OptionGroup var threadsOption: ThreadsOption

  func run() throws {
    let model = try ModelRegistry.load(path: file)
    var evaluation: ReportPage.Evaluation?
    var example: (image: GrayImage, label: Int)?
    if let problem = model.inferenceProblem(checkpoint: file) {
      FileHandle.standardError.write(Data("firstspike: note: \(file): \(problem); the report has no evaluation\n".utf8))
    } else {
      let data = try dataOptions.load(.test, record: model.data, limit: limitOption.limit).images
      let start = ContinuousClock.now
      let result = model.evaluate(data, threads: threadsOption.threads)
      let context = EvaluationContext(checkpoint: file, split: TrainingData.Split.test.rawValue,
                                      seconds: seconds(ContinuousClock.now - start), threads: threadsOption.threads)
      evaluation = ReportPage.Evaluation(result: result, labels: data.labels, context: context)
      if data.count > 0 { example = (data.images[0], data.labels[0]) }
    }
    let html: String
    do {
      html = try ReportPage(model: model, checkpoint: file, evaluation: evaluation, example: example).html()
    } catch let error as DiagnosticsError { throw FileProblem(path: out, reason: error.description) }
    try AtomicFile.write(Array(html.utf8), to: out)
    let accuracy = evaluation.map { String(format: ", test accuracy %.2f%% on %d images", 100 * $0.result.accuracy, $0.labels.count) } ?? ""
    print("wrote \(out) (\(html.utf8.count / 1024) KiB)\(accuracy)")
  }
}
