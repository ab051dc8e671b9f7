import FirstSpike
import Foundation

/// Turns a stage's events into a progress bar (stderr) and one line per pass and result
/// (stdout), for every model kind.
final class StagePrinter {
  var bar: ProgressReporter?
  var pass = -1

  func handle(_ event: StageEvent) {
    switch event {
    case .preparing(let note):
      FileHandle.standardError.write(Data("\(note)\n".utf8))
    case .image(let tick):
      if tick.passesDone != pass {
        bar?.finish()
        pass = tick.passesDone
        bar = ProgressReporter(label: "stage \(tick.stage) pass \(tick.passesDone + 1)/\(tick.passes)", total: tick.images)
      }
      bar?.update(tick.position) { tick.metric.map { String(format: $0.format, $0.value) } ?? "" }
    case .pass(_, let summary):
      if let bar { bar.update(bar.total, force: true) }
      bar?.finish()
      bar = nil
      pass = -1
      print(summary)
      fflush(nil)
    case .result(let line):
      print(line)
    case .saved:
      break
    }
  }

  func finish() { bar?.finish() }
}
