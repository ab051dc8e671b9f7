import FirstSpikeTestSupport
import Foundation
import Testing

@testable import FirstSpike

@Suite struct ReportPageTests {
  /// The page is one file: every picture a `data:` URL that decodes, no link to anything else.
  @Test func pageIsSelfContained() throws {
    let model = try ModelRegistry.load(path: RepositoryPaths.checkpoints + "/shallow-rstdp.fspk")
    let data = try TrainingData.load(path: RepositoryPaths.eth80, split: .test, limit: 12).images
    let result = model.evaluate(data, threads: 2)
    let context = EvaluationContext(checkpoint: "m.fspk", split: "test", seconds: 0, threads: 2)
    let page = ReportPage(model: model, checkpoint: "m.fspk", evaluation: .init(result: result, labels: data.labels, context: context),
                          example: (data.images[0], data.labels[0]))
    let html = try page.html()
    for heading in ["Model", "Stages", "Learning curve", "Test evaluation", "Learned features", "One test image, layer by layer"] {
      #expect(html.contains("<h2>\(heading)</h2>"), "\(heading)")
    }
    #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src=\"file"))
    let sources = html.components(separatedBy: "<img src=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
    #expect(sources.count == 4, "curve, confusion, features, explanation")
    for source in sources {
      let parts = source.split(separator: ",", maxSplits: 1)
      let bytes = try #require(Data(base64Encoded: String(parts[1])))
      if parts[0] == "data:image/png;base64" {
        _ = try PNGFile.decodeRGBA(Array(bytes), path: "<img>", maxPixels: 1 << 26)
      } else {
        #expect(parts[0] == "data:image/svg+xml;base64" && svgSize(Array(bytes)) != nil)
      }
    }
    #expect(html.contains(ReportPage.bandColor.css))
  }

  @Test func escapesText() throws {
    let model = try ModelRegistry.load(path: RepositoryPaths.checkpoints + "/shallow-rstdp.fspk")
    let page = ReportPage(model: model, checkpoint: "a<b>&\"c\".fspk", evaluation: nil, example: nil)
    let html = try page.html()
    #expect(html.contains("a&lt;b&gt;&amp;&quot;c&quot;.fspk") && !html.contains("a<b>"))
    #expect(!html.contains("<h2>Test evaluation</h2>"))
  }
}
