import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Seconds since this process started (Linux: `/proc/self/stat` start time against
/// `/proc/uptime`, 10 ms resolution), 0 where unknown.
func processAge() -> Double {
  guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
        let uptime = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
        let close = stat.lastIndex(of: ")") else { return 0 }
  // Fields after the command name (which may hold spaces): state is field 3, starttime 22.
  let fields = stat[stat.index(after: close)...].split(separator: " ")
  guard fields.count > 19, let ticks = Double(fields[19]), let up = Double(uptime.split(separator: " ").first ?? "") else { return 0 }
  let hz = Double(sysconf(Int32(_SC_CLK_TCK)))
  return hz > 0 ? max(0, up - ticks / hz) : 0
}

/// Sends stdout and stderr to the end of the file at `path` from now on; returns a handle on
/// the original stderr (for a last line where the task's own output goes).
func redirectOutput(toLog path: String) throws -> FileHandle {
  fflush(nil)
  let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
  guard fd >= 0 else { throw FileProblem(path: path, reason: "cannot open the log: \(String(cString: strerror(errno)))") }
  let original = dup(STDERR_FILENO)
  dup2(fd, STDOUT_FILENO)
  dup2(fd, STDERR_FILENO)
  close(fd)
  return FileHandle(fileDescriptor: original, closeOnDealloc: true)
}

/// The absolute path of the running `firstspike` binary (what tasks and workers run).
func executablePath() -> String {
  (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
}
