import FirstSpike
import Foundation

/// Turns a rate-coded stage's events into a progress bar and one line per pass (stage 1), or
/// the label summary (stage 2).
final class RateCodedProgressPrinter {
  let images: Int
  var bar: ProgressReporter?
  var pass = -1

  init(images: Int) {
    self.images = images
  }

  func handle(_ event: RateCodedEvent) {
    switch event {
    case .image(_, let p):
      if p.passesDone != pass {
        bar?.finish()
        pass = p.passesDone
        bar = ProgressReporter(label: "stage 1 pass \(p.passesDone + 1)/\(p.passes)", total: images)
      }
      bar?.update(p.position, extra: String(format: "%.1f spikes/image", Double(p.passSpikes) / Double(max(1, p.position))))
    case .pass(let r, let p):
      bar?.update(images, force: true)
      bar?.finish()
      bar = nil
      pass = -1
      let n = Double(max(1, p.trainingImages))
      print(String(format: "pass %d/%d: %.1f s, %.1f excitatory spikes and %.2f presentations per image",
                   r.pass, p.passes, r.seconds, Double(p.passSpikes) / n, Double(p.passPresentations) / n))
      fflush(nil)
    case .responding(let split, let count):
      FileHandle.standardError.write(Data("running the network on \(count) \(split) images…\n".utf8))
    case .labels(let r):
      let assigned = r.neuronsPerClass.reduce(0, +)
      print("labels from \(r.labellingImages) images: \(assigned) neurons assigned (per class \(r.neuronsPerClass.map(String.init).joined(separator: " "))), \(r.unassigned) unassigned; \(String(format: "%.1f", r.seconds)) s")
      if let a = r.testAccuracy, let k = r.testImages {
        print(String(format: "test accuracy on %d images: %.2f%% by proportion weighting, %.2f%% by all activity",
                     k, 100 * a.proportionWeighting, 100 * a.allActivity))
      }
    case .saved:
      break
    }
  }

  func finish() { bar?.finish() }
}
