import FirstSpike
import FirstSpikeTestSupport
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Real signals against a child `firstspike train`: Ctrl-C (SIGINT) saves and resumes
/// bit-identically; SIGKILL while a save is being written leaves the previous checkpoint intact,
/// loadable and resumable.
@Suite(.serialized) struct SignalTests {
  static let scratch = TempDirectory("signals")
  static let spec = TinyModels.mozafariSpecFile(in: scratch.path)

  static func trainArguments(_ checkpoint: String, saveEvery: Int, resume: Bool = false) -> [String] {
    ["train", "--spec", spec, "--data", RepositoryPaths.mnist, "--stage", "1", "--limit", "400", "--epochs", "1",
     "--save-every", "\(saveEvery)", "--checkpoint", checkpoint] + (resume ? ["--resume"] : [])
  }

  /// A running child `firstspike`, started as a shell starts a program: no signal blocked and
  /// SIGINT/SIGTERM at their default action (a child of a test thread would otherwise inherit
  /// that thread's blocked SIGINT), its output going to files. Paths are absolute.
  final class Child {
    let pid: pid_t
    let out = temporaryPath("child.out"), err = temporaryPath("child.err")

    init(_ args: [String]) throws {
      var attributes = posix_spawnattr_t(), actions = posix_spawn_file_actions_t()
      posix_spawnattr_init(&attributes)
      posix_spawn_file_actions_init(&actions)
      defer {
        posix_spawnattr_destroy(&attributes)
        posix_spawn_file_actions_destroy(&actions)
      }
      var none = sigset_t(), handled = sigset_t()
      sigemptyset(&none)
      sigemptyset(&handled)
      sigaddset(&handled, SIGINT)
      sigaddset(&handled, SIGTERM)
      posix_spawnattr_setsigmask(&attributes, &none)
      posix_spawnattr_setsigdefault(&attributes, &handled)
      posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
      posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
      posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
      let argv = ([firstSpikeBinary] + args).map { strdup($0) } + [nil]
      defer { argv.forEach { free($0) } }
      var child: pid_t = 0
      let rc = posix_spawn(&child, firstSpikeBinary, &actions, &attributes, argv, environ)
      guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }
      pid = child
    }

    func signal(_ s: Int32) { kill(pid, s) }

    /// Waits for the child: its exit status, or the signal that ended it.
    func wait() -> (status: Int32, signalled: Bool, stdout: String, stderr: String) {
      var raw: Int32 = 0
      while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
      let text = { (p: String) in (try? String(contentsOfFile: p, encoding: .utf8)) ?? "" }
      let signal = raw & 0x7F
      return (signal == 0 ? (raw >> 8) & 0xFF : signal, signal != 0, text(out), text(err))
    }
  }

  /// Polls `condition` every 100 µs for at most `seconds`.
  static func waitFor(seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition() { return true }
      usleep(100)
    }
    return condition()
  }

  /// Ctrl-C mid-pass: exit 130 with the checkpoint saved at exactly the image the child says
  /// it reached; `--resume` finishes with the weights of an uninterrupted run, bit for bit.
  /// `--save-every` is past the end of the pass, so the only save there can be is the one the
  /// interrupt makes: no checkpoint exists when the signal is sent.
  @Test func ctrlCSavesAndResumesBitIdentically() throws {
    let whole = Self.scratch.file("whole.fspk"), stopped = Self.scratch.file("stopped.fspk")
    let full = try runFirstSpike(Self.trainArguments(whole, saveEvery: 1000))
    #expect(full.status == 0, "\(full.stderr)")
    let child = try Child(Self.trainArguments(stopped, saveEvery: 1000))
    // The progress bar's first line (stderr, unbuffered) comes after the pass's first image.
    let stderrText = { (try? String(contentsOfFile: child.err, encoding: .utf8)) ?? "" }
    #expect(Self.waitFor(seconds: 300) { stderrText().contains("stage 1 pass 1/1:") })
    #expect(!FileManager.default.fileExists(atPath: stopped), "a checkpoint exists before the interrupt")
    child.signal(SIGINT)
    let r = child.wait()
    #expect(r.status == 130 && !r.signalled, "status \(r.status): \(r.stderr)")
    let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("interrupted at pass 1, image ") }, "\(r.stdout)")
    let printed = try #require(Int(line.dropFirst("interrupted at pass 1, image ".count).prefix { $0.isNumber }), "\(line)")
    #expect(line == "interrupted at pass 1, image \(printed); checkpoint saved to \(stopped)")
    #expect(printed >= 1 && printed < 400, "stopped at \(printed)")
    let saved = try SingleSpikeModel.load(path: stopped)
    #expect(saved.training[stage: 1]?.position == printed && saved.training[stage: 1]?.imagesSeen == printed,
            "saved \(String(describing: saved.training[stage: 1])), printed \(printed)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: Self.scratch.path).filter { $0.contains(".tmp-") }.isEmpty)
    let resumed = try runFirstSpike(Self.trainArguments(stopped, saveEvery: 1000, resume: true))
    #expect(resumed.status == 0, "\(resumed.stderr)")
    let a = try SingleSpikeModel.load(path: whole), b = try SingleSpikeModel.load(path: stopped)
    #expect(a.weights[0].storage == b.weights[0].storage)
    #expect(a.training[stage: 1]?.imagesSeen == 400 && b.training[stage: 1]?.imagesSeen == 400)
  }

  /// SIGKILL while the child writes a checkpoint (its temporary file exists and was not yet
  /// renamed): the checkpoint is the previous save byte for byte, loads, and `--resume`
  /// finishes the stage. Repeated until a kill lands inside a save (each attempt resumes).
  @Test func killMidSaveKeepsThePreviousCheckpoint() throws {
    let folder = TempDirectory("kill"), path = folder.file("model.fspk")
    var caught = false
    for attempt in 0..<20 where !caught {
      let child = try Child(Self.trainArguments(path, saveEvery: 1, resume: attempt > 0))
      // A previous checkpoint first, then the next save's temporary file.
      #expect(Self.waitFor(seconds: 300) { FileManager.default.fileExists(atPath: path) }, "attempt \(attempt)")
      var before: Data?
      let temporary = Self.waitFor(seconds: 60) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        guard names.contains(where: { $0.hasPrefix(".model.fspk.tmp-") }) else { return false }
        before = FileManager.default.contents(atPath: path)
        child.signal(SIGKILL)
        return true
      }
      let r = child.wait()
      if !temporary || !r.signalled { continue }  // the stage ended before a kill landed
      #expect(r.status == SIGKILL)
      let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      // The temporary file survived the kill: the kill came before the rename.
      guard names.contains(where: { $0.hasPrefix(".model.fspk.tmp-") }) else { continue }
      caught = true
      #expect(FileManager.default.contents(atPath: path) == before, "attempt \(attempt): the checkpoint changed")
      let loaded = try SingleSpikeModel.load(path: path)
      #expect((loaded.training[stage: 1]?.position ?? 0) > 0)
      for name in names where name.hasPrefix(".model.fspk.tmp-") { try FileManager.default.removeItem(atPath: folder.file(name)) }
    }
    #expect(caught, "no SIGKILL landed inside a save in 20 attempts")
    let finish = try runFirstSpike(Self.trainArguments(path, saveEvery: 1000, resume: true))
    #expect(finish.status == 0, "\(finish.stderr)")
    #expect(try SingleSpikeModel.load(path: path).training[stage: 1]?.finished == true)
  }

  /// A real write failure as root (which ignores folder permissions): the file-size limit
  /// (`ulimit -f`, SIGXFSZ ignored so that `write` fails with EFBIG) stops a save part-way; the
  /// error is one line, the previous checkpoint is untouched and no temporary file is left.
  @Test func failedWriteKeepsThePreviousCheckpoint() throws {
    let folder = TempDirectory("efbig"), path = folder.file("model.fspk")
    let first = try runFirstSpike(Self.trainArguments(path, saveEvery: 1000))
    #expect(first.status == 0, "\(first.stderr)")
    let before = try #require(FileManager.default.contents(atPath: path))
    let blocks = before.count / 512 / 2  // half the checkpoint's size
    let stage2 = ["train", "--data", RepositoryPaths.mnist, "--stage", "2", "--limit", "400", "--epochs", "1",
                  "--save-every", "5", "--checkpoint", path]
    let command = "trap '' XFSZ; ulimit -f \(blocks); exec '\(firstSpikeBinary)' " + stage2.map { "'\($0)'" }.joined(separator: " ")
    let r = try Self.runShell(command)
    #expect(r.status == 1, "\(r)")
    // (Progress goes to stderr too; the error is its one last line.)
    let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("firstspike: error:") }
    #expect(errors == ["firstspike: error: \(path): cannot write: File too large"] && r.stderr.hasSuffix("File too large\n"), "\(r.stderr)")
    #expect(FileManager.default.contents(atPath: path) == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["model.fspk"])
    #expect(try SingleSpikeModel.load(path: path).completedStages == 1)
  }

  static func runShell(_ command: String) throws -> CLIResult {
    let p = Process(), out = Pipe(), err = Pipe()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return CLIResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                     stderr: String(decoding: e, as: UTF8.self))
  }
}
