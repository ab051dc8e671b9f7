import FirstSpike
import Foundation

/// Turns a stage's events into a progress bar (stderr) and one line per pass and result
/// (stdout), for every model kind.
///
/// The bar covers the whole stage (every pass still to run), so its rate and ETA are for the
/// stage, not the current pass; its rate is measured from the start of this run (test
/// evaluations and saves between passes included).
final class StagePrinter {
  var bar: ProgressReporter?
  var last: StageTick?

  func handle(_ event: StageEvent) {
    switch event {
    case .preparing(let note):
      FileHandle.standardError.write(Data("\(note)\n".utf8))
    case .image(let tick):
      let total = max(1, tick.passes) * tick.images
      if bar == nil || bar!.total != max(total, 1) {
        bar?.finish()
        bar = ProgressReporter(label: "", total: total)
      }
      bar!.label = "stage \(tick.stage) pass \(tick.passesDone + 1)/\(tick.passes)"
      last = tick
      bar!.update(tick.passesDone * tick.images + tick.position) { tick.metric.map { String(format: $0.format, $0.value) } ?? "" }
    case .pass(_, let summary):
      if let bar, let last { bar.update((last.passesDone + 1) * last.images, force: true) }
      bar?.finish()
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
