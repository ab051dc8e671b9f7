import Testing

@testable import FirstSpike

#if canImport(Glibc)
  import Glibc
#endif

/// Raises real signals in this process, so the tests run one at a time and always with the
/// handler installed (otherwise SIGINT would end the test run).
@Suite(.serialized) struct InterruptTests {
  /// Raises `sig` on this thread with `sig` unblocked. The test runner's threads block SIGINT
  /// and SIGTERM (measured), which would leave a raised signal pending; POSIX delivers a
  /// pending signal before `pthread_sigmask` returns from unblocking it.
  func deliver(_ sig: Int32) {
    var only = sigset_t()
    sigemptyset(&only)
    sigaddset(&only, sig)
    var saved = sigset_t()
    pthread_sigmask(SIG_UNBLOCK, &only, &saved)
    raise(sig)
    pthread_sigmask(SIG_SETMASK, &saved, nil)
  }

  /// True when `sig` currently has the default disposition.
  func isDefault(_ sig: Int32) -> Bool {
    var current = sigaction()
    sigaction(sig, nil, &current)
    return current.__sigaction_handler.sa_handler == nil
  }

  @Test func firstSignalSetsTheFlagAndRestoresTheDefault() {
    Interrupt.install()
    defer { Interrupt.uninstall() }
    #expect(!Interrupt.requested)
    #expect(Interrupt.signal == nil)
    #expect(!isDefault(SIGINT) && !isDefault(SIGTERM))
    deliver(SIGINT)
    #expect(Interrupt.requested)
    #expect(Interrupt.signal == SIGINT)
    // One-shot: a second Ctrl-C would now terminate the process.
    #expect(isDefault(SIGINT))
    #expect(!isDefault(SIGTERM))
    Interrupt.reset()
    #expect(!Interrupt.requested)
  }

  @Test func sigtermIsHandledToo() {
    Interrupt.install()
    defer { Interrupt.uninstall() }
    deliver(SIGTERM)
    #expect(Interrupt.signal == SIGTERM)
    #expect(isDefault(SIGTERM))
  }

  @Test func uninstallRestoresThePreviousHandlers() {
    var before = sigaction()
    sigaction(SIGINT, nil, &before)
    Interrupt.install()
    Interrupt.install()  // re-arming keeps the original to restore
    Interrupt.uninstall()
    var after = sigaction()
    sigaction(SIGINT, nil, &after)
    let handler = { (a: sigaction) in unsafeBitCast(a.__sigaction_handler.sa_handler, to: Int.self)
    }
    #expect(handler(after) == handler(before))
  }
}
