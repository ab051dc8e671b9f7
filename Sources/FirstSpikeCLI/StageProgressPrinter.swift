import FirstSpike
import Foundation

/// Turns a stage's events into a progress bar and one line per pass.
final class StageProgressPrinter {
  let stage: Int
  let images: Int
  var bar: ProgressReporter?
  var pass = -1

  init(stage: Int, images: Int) {
    self.stage = stage
    self.images = images
  }

  func handle(_ event: StageEvent) {
    switch event {
    case .caching(let split, let count):
      FileHandle.standardError.write(Data("computing the frozen layers' output for \(count) \(split) images…\n".utf8))
    case .image(let p):
      if p.passesDone != pass {
        bar?.finish()
        pass = p.passesDone
        bar = ProgressReporter(label: "stage \(stage) pass \(p.passesDone + 1)/\(p.passes)", total: images)
      }
      let o = p.passOutcomes
      let extra = o.total > 0 ? String(format: "train acc %.2f%%", 100 * o.accuracy)
                              : String(format: "a+ %.4f", p.rates.first?.ltp ?? 0)
      bar?.update(p.position, extra: extra)
    case .pass(let r, let p):
      bar?.update(images, force: true)
      bar?.finish()
      bar = nil
      pass = -1
      var line = String(format: "pass %d/%d: %.1f s", r.pass, p.passes, r.seconds)
      if let t = r.train {
        line += String(format: ", train %.2f%% (silent %d)", 100 * t.accuracy, t.silent)
      }
      if let a = r.testAccuracy {
        line += String(format: ", test %.2f%%", 100 * a)
        if let b = p.bestTestAccuracy, let bp = p.bestPass { line += String(format: " (best %.2f%% after pass %d)", 100 * b, bp) }
      }
      print(line)
      fflush(nil)
    case .svm(let done, let classes):
      print("SVM: \(done)/\(classes) classes trained")
    case .saved:
      break
    }
  }

  func finish() { bar?.finish() }
}
