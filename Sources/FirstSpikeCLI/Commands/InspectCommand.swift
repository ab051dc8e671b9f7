import ArgumentParser
import FirstSpike
import Foundation

struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Describe a checkpoint: model, stages, passes, accuracy history, rates, sizes.",
    discussion: """
      \(ModelOptions.builtInList)

      Examples:
        firstspike inspect checkpoints/mozafari2019.fspk
        firstspike inspect --spec mozafari2019 > my-model.json   (a spec to edit and train with --spec)
        firstspike inspect --spec mozafari2019 --preset paper    (the published settings)
        firstspike inspect checkpoints/mozafari2019.fspk --plot curve.svg
      """)

  @Argument(help: "Checkpoint file.") var file: String?
  @Option(help: "Print the JSON spec of a built-in model or of the checkpoint (use with --spec to train a custom model).")
  var spec: String?
  @Option(help: "With --spec MODEL: improved (FirstSpike's defaults) or paper (the published settings).")
  var preset: PresetVariant = .improved
  @Option(help: "Also draw the accuracy per pass of the latest stage with a history (train dashed, test solid, best pass marked) into this file (.png or .svg).")
  var plot: String?

  func run() throws {
    if let spec {
      if let builtIn = ModelRegistry.builtIn(spec) { print(builtIn.specJSON(preset)); return }
      print(try ModelRegistry.load(path: spec).specJSON)
      return
    }
    guard let file else { throw ValidationError("give a checkpoint file (or --spec MODEL)") }
    if let plot { _ = try PictureFormat(path: plot) }  // before anything is printed
    let opened = try ModelRegistry.open(path: file)
    print("\(file): FirstSpike checkpoint, format version \(opened.archive.formatVersion), \(fileSize(file)) bytes")
    for line in opened.model.inspection() { print(line) }
    if let plot { try drawCurve(opened.model, to: plot) }
    print("tensors:")
    for t in opened.archive.tensors { print("  \(t)") }
  }

  func drawCurve(_ model: any Model, to path: String) throws {
    guard let curve = model.learningCurve() else {
      throw ValidationError("\(file ?? ""): no stage with accuracy history to plot")
    }
    let format = try PictureFormat(path: path)
    try writePicture(to: path) { () throws(DiagnosticsError) in try LearningCurvePlot(curve).draw(format) }
    print("wrote the learning curve of stage \(curve.stage) (\(curve.passes) passes) to \(path)")
  }
}
