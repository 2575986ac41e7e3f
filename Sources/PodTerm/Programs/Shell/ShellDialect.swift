/// Where a shell's script came from: a `-c` string (its last command may be exec'd) or a
/// script file (never).
enum ShellSource: Equatable {
    case commandString, scriptFile
}

/// How the last command of a script is started: exec'd in place of the shell, or forked and
/// waited for, and the rule that says so.
struct ShellLastCommand: Equatable {
    /// True when the shell execs the command instead of forking it.
    var exec: Bool
    /// The rule behind the choice.
    var rule: Rule
}

/// The differences between dash, bash and busybox sh that decide how a container stops
/// (`linux-init.md`, "Shells").
extension ShellFlavor {
    /// The terminating signals bash catches once an EXIT trap is set (bash `sig.c`
    /// `terminating_signals`, Linux build).
    static let bashTerminatingSignals: [Signal] = [
        .hup, .int, .ill, .trap, .abrt, .fpe, .bus, .segv, .sys, .pipe, .alrm, .term, .xcpu, .xfsz,
        .vtalrm, .usr1, .usr2,
    ]

    /// Whether an EXIT trap makes this shell catch `s` (bash only: `bash.exit-trap-pid1`).
    func exitTrapCatches(_ s: Signal) -> Bool {
        self == .bash && Self.bashTerminatingSignals.contains(s)
    }

    /// How the last command of the script runs: dash never execs it (`sh.dash-no-exec`),
    /// busybox does when no trap is set (`sh.busybox-exec-last`), bash when no trap is set and
    /// the command has no redirection (`sh.bash-exec-rules`); a script file never does.
    func lastCommand(source: ShellSource, trapSet: Bool, redirections: Int) -> ShellLastCommand {
        switch (source, self) {
        case (.scriptFile, _):
            return ShellLastCommand(exec: false, rule: .shBashExecRules)
        case (_, .dash):
            return ShellLastCommand(exec: false, rule: .shDashNoExec)
        case (_, .busybox):
            return ShellLastCommand(exec: !trapSet, rule: .shBusyboxExecLast)
        case (_, .bash):
            return ShellLastCommand(exec: !trapSet && redirections == 0, rule: .shBashExecRules)
        }
    }
}
