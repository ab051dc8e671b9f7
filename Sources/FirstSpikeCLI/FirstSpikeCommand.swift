import ArgumentParser
import FirstSpike
import Foundation

@main
struct FirstSpikeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "firstspike",
    abstract: "Single-spike convolutional spiking networks: train, evaluate, classify.",
    version: FirstSpikeVersion.string,
    subcommands: [
      TrainCommand.self, EvaluateCommand.self, ClassifyCommand.self, CalibrateCommand.self, InspectCommand.self,
      FeaturesCommand.self, ExplainCommand.self, ReportCommand.self, ExportCommand.self, InfoCommand.self, TraceCommand.self, BenchCommand.self,
      MergeCommand.self, SweepCommand.self, SweepTrialCommand.self, SweepReportCommand.self,
    ])

  /// Runs the command and reports every library error as one line
  /// `firstspike: error: <path>: <what is wrong>` with exit status 1.
  static func main() {
    // FIRSTSPIKE_KERNELS naming a kernel clone this CPU cannot run: refuse rather than run another.
    if let problem = KernelClone.environmentProblem { reportAndExit(problem) }
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let error as any FirstSpikeError {
      reportAndExit(error.description)
    } catch let error as CocoaError {
      reportAndExit(error.localizedDescription)
    } catch {
      if exitCode(for: error) == .success {
        let width = HelpText.terminalWidth
        let screen = HelpText.merge(wide: fullMessage(for: error, columns: 100_000),
                                    normal: fullMessage(for: error, columns: width), width: width)
        print(screen)
        Foundation.exit(0)
      }
      exit(withError: error)
    }
  }

  static func reportAndExit(_ message: String) -> Never {
    let line = message.replacingOccurrences(of: "\n", with: " ")
    FileHandle.standardError.write(Data("firstspike: error: \(line)\n".utf8))
    Foundation.exit(1)
  }
}
