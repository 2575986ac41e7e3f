#if os(Linux)
import Glibc

/// The last of SIGINT, SIGTERM or SIGHUP received during a verify run (0: none). Written by
/// the signal handler, read by the run's loops: a plain word, as `sig_atomic_t` is in C.
nonisolated(unsafe) private var receivedSignal: Int32 = 0

/// SIGINT, SIGTERM and SIGHUP during `verify`: instead of dying with the tree still running,
/// a tracefs instance switched on and the working directory on disk, the run notices the
/// signal (its loops check every millisecond), kills the tree, removes the instance and the
/// directory, and reports `VerifyError.interrupted` (the CLI exits 128 + the signal number).
///
/// The handler only records the signal number, which is async-signal-safe; everything else
/// happens in the run. The previous dispositions come back when the run ends.
struct Interruption {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private var saved: [sigaction] = []

    /// Installs the handlers (and forgets an earlier run's signal).
    init() {
        receivedSignal = 0
        for s in Interruption.signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in receivedSignal = sig }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            var old = sigaction()
            sigaction(s, &action, &old)
            saved.append(old)
        }
        // Swift's runtime threads may block signals; the thread running verify must not.
        var set = sigset_t()
        sigemptyset(&set)
        for s in Interruption.signals { sigaddset(&set, s) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Puts the previous dispositions back.
    func restore() {
        for (s, old) in zip(Interruption.signals, saved) {
            var o = old
            sigaction(s, &o, nil)
        }
    }

    /// The signal received so far, if any.
    static var received: Int32? { receivedSignal == 0 ? nil : receivedSignal }

    /// Throws `.interrupted` once a signal has arrived.
    static func check() throws(VerifyError) {
        if let s = received { throw .interrupted(s) }
    }
}
#endif
