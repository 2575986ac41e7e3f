/// What the kernel does with a signal when it is sent: the send-time checks of `kill(2)`, as
/// one function that the kernel itself runs (`Kernel.send`) and that the player asks about a
/// process at a moment (`predict`), so the two cannot disagree.
///
/// Rules: `kernel.dead-target`, `kernel.dying-drops`, `kernel.signal-coalesce`, `kernel.pid1-unkillable`,
/// `kernel.uncatchable`, `kernel.sigwait`, `kernel.ignored`, `kernel.pid1-ignores-default`,
/// `kernel.default-fatal`, `kernel.caught` (`shared/reference/linux-init.md`).
public enum SendCheck: Sendable, Equatable {
    /// The target has already exited (a zombie or gone): no effect.
    case deadTarget
    /// Its group exit has started (SIGKILL or an accepted fatal signal): dropped at send time.
    case dying
    /// The same signal is already pending for it: not queued again.
    case alreadyPending
    /// SIGKILL from inside the namespace to its PID 1: discarded.
    case pid1Unkillable
    /// SIGKILL: it dies, no handler runs.
    case killed
    /// Blocked: it stays pending until the program takes it (`sigwait`), as tini and dumb-init
    /// do, or unblocks it (`app.sigprocmask`).
    case pendingBlocked
    /// Its disposition is ignore: discarded.
    case ignored
    /// Its default action is to ignore it: discarded.
    case defaultIgnore
    /// PID 1 of its namespace with the default disposition: discarded at send time.
    case pid1Default
    /// Default disposition of a fatal signal: it dies of it (128+N).
    case dies
    /// A handler is installed: the handler runs.
    case caught

    /// The checks of `kill(2)` in the kernel's order.
    static func atSend(
        _ sig: Signal, alive: Bool, dying: Bool = false, alreadyPending: Bool, isNamespaceInit: Bool, fromOutside: Bool,
        blocked: SignalSet, disposition: SignalDisposition
    ) -> SendCheck {
        guard alive else { return .deadTarget }
        // prepare_signal drops anything more once the group exit has started, before the
        // already-pending check (so a second SIGKILL is dropped, not coalesced).
        if dying { return .dying }
        if alreadyPending { return .alreadyPending }
        if sig == .kill { return isNamespaceInit && !fromOutside ? .pid1Unkillable : .killed }
        if blocked.contains(sig) { return .pendingBlocked }
        switch disposition {
        case .ignore: return .ignored
        case .default:
            if sig.defaultIsIgnore || HandKill.isStopSignal(sig) { return .defaultIgnore }
            return isNamespaceInit ? .pid1Default : .dies
        case .handler: return .caught
        }
    }

    /// What `sig` sent by `origin` would do to process `p` of `moment` now.
    public static func predict(_ sig: Signal, to p: ProcessState, origin: SignalOrigin = .node) -> SendCheck {
        atSend(sig, alive: p.isAlive, alreadyPending: p.pending.contains(sig), isNamespaceInit: p.pid == 1,
               fromOutside: origin.isOutsideOrKernel, blocked: p.blocked, disposition: p.dispositions[sig])
    }

    /// The rule that decides it.
    public var rule: Rule {
        switch self {
        case .deadTarget: return .kernelDeadTarget
        case .dying: return .kernelDyingDrops
        case .alreadyPending: return .kernelSignalCoalesce
        case .pid1Unkillable: return .kernelPid1Unkillable
        case .killed: return .kernelUncatchable
        case .pendingBlocked: return .kernelSigwait
        case .ignored, .defaultIgnore: return .kernelIgnored
        case .pid1Default: return .kernelPid1IgnoresDefault
        case .dies: return .kernelDefaultFatal
        case .caught: return .kernelCaught
        }
    }

    /// Whether the signal reaches the process at all (is not discarded at send time).
    public var arrives: Bool {
        switch self {
        case .killed, .pendingBlocked, .dies, .caught: return true
        default: return false
        }
    }

    /// A few words: `discarded: PID 1 with no handler`, `dies (exit 143)`.
    public func words(_ sig: Signal) -> String {
        switch self {
        case .deadTarget: return "no effect: it has already exited"
        case .dying: return "dropped: it is already dying"
        case .alreadyPending: return "dropped: already pending"
        case .pid1Unkillable: return "discarded: PID 1 cannot be killed from inside"
        case .killed: return "dies at once (exit 137), no handler runs"
        case .pendingBlocked: return "blocked: stays pending until the program takes it (sigwait) or unblocks it"
        case .ignored: return "discarded: disposition is ignore"
        case .defaultIgnore: return "discarded: its default action is to ignore"
        case .pid1Default: return "discarded: PID 1 with no handler"
        case .dies: return "dies of it (exit \(sig.exitCode))"
        case .caught: return "its handler runs"
        }
    }
}
