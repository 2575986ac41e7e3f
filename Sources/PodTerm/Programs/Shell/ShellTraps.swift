/// What `trap` does with one signal: ignore it (`trap '' SIG`) or run an action.
enum ShellTrap: Equatable {
    case ignore
    case action(ShellScript)
}

/// The shell's traps: one per signal, the EXIT trap, and the signals that were ignored when the
/// shell started (those cannot be trapped or reset, POSIX).
struct ShellTraps {
    /// The trap of each signal that has one.
    var signals: [Signal: ShellTrap] = [:]
    /// The EXIT trap's action.
    var exit: ShellScript?
    /// Signals ignored on entry to the shell.
    var ignoredAtEntry = SignalSet()

    /// Whether any trap is set (then no shell execs its last command).
    var anySet: Bool { !signals.isEmpty || exit != nil }

    /// Sets each signal's disposition from the traps (and bash's EXIT-trap handlers).
    func applyDispositions(flavor: ShellFlavor, _ p: ProcessHandle) {
        for n in 1...31 {
            let s = Signal(rawValue: n)!
            if s.isUncatchable || ignoredAtEntry.contains(s) { continue }
            let want: Disposition
            switch signals[s] {
            case .ignore?: want = .ignore
            case .action?: want = .handler
            case nil:
                want = (exit != nil && flavor.exitTrapCatches(s)) ? .handler : .default
            }
            if p.disposition(s) != want { p.setDisposition(s, want) }
        }
    }
}
