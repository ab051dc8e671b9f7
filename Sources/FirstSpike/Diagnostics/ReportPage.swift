import Foundation

/// One self-contained HTML page about a checkpoint (`firstspike report`): the model, its
/// stages, the learning curve, a test evaluation with its confusion heat map, the features of
/// every learned layer and one test image explained layer by layer. Every picture is inline
/// (a `data:` URL), the style sheet is in the page: it needs no other file and no network.
public struct ReportPage {
  /// A test evaluation to show: the evaluation, the true labels of its images, and how it ran.
  public struct Evaluation {
    public var result: any ModelEvaluation
    public var labels: [Int]
    public var context: EvaluationContext
    public init(result: any ModelEvaluation, labels: [Int], context: EvaluationContext) {
      self.result = result
      self.labels = labels
      self.context = context
    }
  }

  /// The colour of the page's title band (the rendering check in CI looks for it).
  public static let bandColor = Color(hex: 0x1f3b57)

  public var model: any Model
  public var checkpoint: String
  public var evaluation: Evaluation?
  /// A test image to explain, and its label.
  public var example: (image: GrayImage, label: Int)?

  public init(model: any Model, checkpoint: String, evaluation: Evaluation?, example: (image: GrayImage, label: Int)?) {
    self.model = model
    self.checkpoint = checkpoint
    self.evaluation = evaluation
    self.example = example
  }

  /// The page, as UTF-8 HTML.
  public func html() throws -> String {
    var body = [section("Model", modelSection())]
    body.append(section("Stages", stagesSection()))
    if let curve = model.learningCurve() {
      body.append(section("Learning curve", try figure(LearningCurvePlot(curve).draw(.svg), alt: "learning curve",
                                                       caption: "Train: the share of right decisions while the stage learned during the pass. "
                                                         + "Test: accuracy on the test split after the pass.")))
    }
    if let evaluation { body.append(section("Test evaluation", try evaluationSection(evaluation))) }
    var features: [String] = []
    for layer in model.featureLayers {
      let set = try model.features(layer: layer)
      features.append(try figure(FeatureSheet(set).draw(.png), alt: "features of layer \(layer)", caption: set.summary))
    }
    body.append(section("Learned features", features.joined(separator: "\n")))
    if let example {
      let explanation = try model.explain(example.image)
      let label = model.classNames.indices.contains(example.label) ? model.classNames[example.label] : "\(example.label)"
      body.append(section("One test image, layer by layer", try figure(
        ExplanationPicture(explanation).draw(.png), alt: "explanation of one test image",
        caption: "The first image of the test split (true class \u{201C}\(label)\u{201D}), as firstspike explain draws it.")))
    }
    return page(body.joined(separator: "\n"))
  }

  func modelSection() -> String {
    "<p class=\"lead\">\(escape(model.title)): \(model.inputWidth)×\(model.inputHeight) input, classes "
      + "\(escape(model.classNames.joined(separator: " ")))</p>\n<details><summary>Everything <code>firstspike inspect</code> "
      + "prints</summary><pre>\(escape(model.inspection().joined(separator: "\n")))</pre></details>"
  }

  func stagesSection() -> String {
    var rows = ["<table><tr><th>stage</th><th>what it trains</th><th>state</th></tr>"]
    for stage in stride(from: 1, through: model.stageCount, by: 1) {
      let state: String
      if let s = model.stageStatus(stage) {
        state = s.finished ? "finished (\(s.trainingImages) images per pass)" : "unfinished: \(s.location)"
      } else {
        state = "not trained"
      }
      rows.append("<tr><td>\(stage)</td><td>\(escape(model.stageSummary(stage, passes: nil)))</td><td>\(escape(state))</td></tr>")
    }
    return (rows + ["</table>"]).joined(separator: "\n")
  }

  func evaluationSection(_ e: Evaluation) throws -> String {
    let r = e.result, images = e.labels.count
    let method = r.method.map { " by \($0)" } ?? ""
    let map = ConfusionHeatMap(evaluation: r, labels: e.labels, model: model.name, classNames: model.classNames, split: e.context.split)
    return "<p class=\"lead\">" + String(format: "Accuracy <b>%.2f %%</b>", 100 * r.accuracy)
      + "\(escape(method)) on \(images) images of the \(escape(e.context.split)) split.</p>\n"
      + (try figure(map.draw(.svg), alt: "confusion heat map", caption: "Each cell counts the test images of the row's class that the model called the column's class; "
                            + "the diagonal is right. Colour: the share of the row."))
      + "\n<details><summary>Everything <code>firstspike evaluate</code> prints</summary><pre>"
      + escape(r.text(e.context)) + "</pre></details>"
  }

  func figure(_ p: Picture, alt: String, caption: String) -> String {
    "<figure><img src=\"\(p.dataURL)\" width=\"\(p.width)\" height=\"\(p.height)\" alt=\"\(escape(alt))\">"
      + "<figcaption>\(escape(caption))</figcaption></figure>"
  }

  func section(_ title: String, _ content: String) -> String {
    "<section><h2>\(escape(title))</h2>\n\(content)\n</section>"
  }

  func page(_ body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en"><head><meta charset="utf-8">
    <title>\(escape(model.name)) — FirstSpike report</title>
    <style>
    body { margin: 0; font: 15px/1.45 "DejaVu Sans", sans-serif; color: #222; background: #fff; }
    header { background: \(Self.bandColor.css); color: #fff; padding: 18px 28px; }
    header h1 { margin: 0; font-size: 24px; } header p { margin: 4px 0 0; color: #d6e2ee; }
    main { padding: 8px 28px 28px; }
    h2 { font-size: 19px; border-bottom: 1px solid #ccc; padding-bottom: 3px; margin-top: 28px; }
    figure { margin: 12px 0; } img { max-width: 100%; height: auto; border: 1px solid #e4e4e4; }
    figcaption { color: #555; font-size: 13px; } pre { font-size: 12px; background: #f6f6f6; padding: 8px; overflow-x: auto; }
    table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 4px 8px; text-align: left; }
    .lead { font-size: 16px; }
    </style></head>
    <body>
    <header><h1>\(escape(model.name))</h1><p>\(escape(checkpoint)) · FirstSpike \(FirstSpikeVersion.string) report</p></header>
    <main>
    \(body)
    </main></body></html>

    """
  }

  func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}
