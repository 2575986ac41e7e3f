/// What one of a program's timers is for: the identity `ProcessHandle.after` schedules and
/// `ProgramModel.timer` gets back when it fires.
///
/// One case per purpose, carrying the values that tell two timers of the same purpose apart
/// (which child, which signal, which program of supervisord). Purposes are never encoded as
/// ranges of one integer, so no count of children or programs can make one timer pass for
/// another (issue 8: child 1,015's start was once taken for the SIGTERM handler's end).
enum ProgramTimer: Equatable, Sendable {
    /// The program's own work is done (`runsFor`; `sleep`'s duration).
    case runTimeOver
    /// Declared child number N (0-based) is due to start (`startAfter`).
    case startChild(Int)
    /// The cleanup of the handler of this signal is done.
    case handlerDone(Signal)
    /// Block number N (0-based) of `blocks:` is due: `sigprocmask(SIG_BLOCK)`.
    case blockSignals(Int)
    /// Block number N's `unblockAfter` is over: `sigprocmask(SIG_UNBLOCK)`.
    case unblockSignals(Int)
    /// Send number N (0-based) of `sends:` is due.
    case sendSignal(Int)
    /// A forwarding handler's wait for its children ran out (`app.forward-wait`).
    case forwardLimit
    /// A forwarding handler had no child to wait for: it exits now.
    case forwardDone
    /// A runtime preset's shutdown number `serial`, begun by `signal`, finished its cleanup.
    case presetShutdownDone(serial: Int, signal: Signal)
    /// Exit now with the status decided earlier, once what was sent in this instant is delivered.
    case exitNow
    /// `timeout`'s alarm: its duration, then its `--kill-after`.
    case alarm
    /// A shell goes on with its script after letting a signal it sent be delivered.
    case resumeScript
    /// supervisord's `poll()` times out: a turn of its main loop (a deadline, so a pipe's end
    /// of file in the same millisecond wakes the loop first).
    case pollTick
    /// A pipe supervisord watches reached end of file: its `poll()` returns now.
    case pipeEndOfFile
}
