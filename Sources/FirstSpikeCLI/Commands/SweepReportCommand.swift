import ArgumentParser
import FirstSpike
import Foundation

struct SweepReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep-report",
    abstract: "Table of a sweep's trials (parameters, metric, best pass, wall time, state) and a plot of the metric.",
    discussion: """
      Reads the sweep folder's plan and trial states, so it works while the sweep runs \
      (running, waiting, preempted, failed and pending trials are listed after the finished \
      ones, with their progress). Finished trials are sorted by the metric, best first.

      Examples:
        firstspike sweep-report runs/moz
        firstspike sweep-report runs/moz --format csv > moz.csv
        firstspike sweep-report runs/moz --out docs/sweeps/moz   (writes moz.md, moz.csv, moz.json, moz.svg)
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case markdown, csv, json }

  @Argument(help: "Sweep folder.") var folder: String
  @Option(help: "Table format on stdout: markdown, csv or json.") var format: Format = .markdown
  @Option(help: "Also draw the metric against each varied parameter into this SVG file.") var plot: String?
  @Option(help: "Write PREFIX.md, PREFIX.csv, PREFIX.json and PREFIX.svg.") var out: String?

  func run() throws {
    let report = try SweepReport.load(SweepFolder(folder))
    switch format {
    case .markdown: print(report.markdown() + "\n\n" + report.overheadSummary())
    case .csv: print(report.csv(), terminator: "")
    case .json: print(jsonText(report.json()))
    }
    if let plot { try write(report.plot(), to: plot) }
    if let out {
      try write(report.markdown() + "\n\n" + report.overheadSummary() + "\n", to: out + ".md")
      try write(report.csv(), to: out + ".csv")
      try write(jsonText(report.json()) + "\n", to: out + ".json")
      try write(report.plot(), to: out + ".svg")
    }
  }

  func write(_ text: String, to path: String) throws {
    try AtomicFile.write(Array(text.utf8), to: path)
    FileHandle.standardError.write(Data("wrote \(path)\n".utf8))
  }
}
