import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The signal that asked the process to stop (SIGINT or SIGTERM), or 0. Written only by the
/// signal handler (a lock-free atomic store, which is async-signal-safe) and by `reset`.
private let receivedSignal = Atomic<Int32>(0)

/// Handlers that were in place before `install`, restored by `uninstall`. Touched only by
/// `install`/`uninstall`, never by the handler.
nonisolated(unsafe) private var previousActions: [Int32: sigaction] = [:]

/// The handler: records the signal and nothing else. `SA_RESETHAND` has already restored the
/// default action, so a second Ctrl-C terminates the process at once.
private func recordSignal(_ signal: Int32) {
  receivedSignal.store(signal, ordering: .relaxed)
}

/// Graceful Ctrl-C: the first SIGINT or SIGTERM only sets a flag that long loops poll (at image
/// boundaries) to save a checkpoint and exit; a second one kills the process as usual.
///
/// ```swift
/// Interrupt.install()
/// defer { Interrupt.uninstall() }
/// for image in images {
///   if Interrupt.requested { try save(); break }
///   train(image)
/// }
/// ```
///
/// The kernel runs the handler on any thread that does not block the signal (the main thread
/// of the CLI does not; Swift Testing's worker threads do, so tests unblock around `raise`).
public enum Interrupt {
  /// The signals handled: SIGINT (Ctrl-C) and SIGTERM (`kill`, job schedulers).
  public static let signals: [Int32] = [SIGINT, SIGTERM]

  /// True once a handled signal arrived since `install` (or `reset`).
  public static var requested: Bool { receivedSignal.load(ordering: .relaxed) != 0 }

  /// The signal that arrived (`SIGINT` or `SIGTERM`), or nil; the shell convention for the
  /// exit status after it is `128 + signal`.
  public static var signal: Int32? {
    let value = receivedSignal.load(ordering: .relaxed)
    return value == 0 ? nil : value
  }

  /// Installs the flag-setting handler for SIGINT and SIGTERM (one-shot: `SA_RESETHAND`, and
  /// `SA_RESTART` so interrupted reads and writes resume) and clears the flag. Both signals are
  /// unblocked for the calling thread: a process started with them blocked (a parent's mask is
  /// inherited through `fork`/`posix_spawn`) would otherwise never see a scheduler's SIGTERM and
  /// train on until killed. Calling it again re-arms the handlers. Not thread-safe against
  /// concurrent `install`/`uninstall`.
  public static func install() {
    reset()
    var unblock = sigset_t()
    sigemptyset(&unblock)
    for sig in signals { sigaddset(&unblock, sig) }
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    for sig in signals {
      var action = sigaction()
      #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = recordSignal
        action.sa_flags = Int32(bitPattern: UInt32(SA_RESETHAND)) | Int32(SA_RESTART)
      #else
        action.__sigaction_u.__sa_handler = recordSignal
        action.sa_flags = SA_RESETHAND | SA_RESTART
      #endif
      sigemptyset(&action.sa_mask)
      var previous = sigaction()
      sigaction(sig, &action, &previous)
      if previousActions[sig] == nil { previousActions[sig] = previous }
    }
  }

  /// Restores the handlers that were in place before the first `install`.
  public static func uninstall() {
    for sig in signals {
      guard var previous = previousActions.removeValue(forKey: sig) else { continue }
      sigaction(sig, &previous, nil)
    }
  }

  /// Clears the flag (e.g. after the checkpoint was saved and the loop goes on).
  public static func reset() {
    receivedSignal.store(0, ordering: .relaxed)
  }
}
