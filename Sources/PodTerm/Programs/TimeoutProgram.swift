/// coreutils `timeout [-s SIG] [-k DUR] [--preserve-status] [--foreground] DURATION cmd…` (v9.1).
///
/// Makes itself a process-group leader and runs the command as its child. When DURATION ends
/// (or it catches SIGTERM, SIGINT, SIGHUP, SIGQUIT), it sends the signal to the child, then to its
/// own group while ignoring it itself, plus SIGCONT; with `-k` it sends SIGKILL after DUR more,
/// to the child and to its group, itself included. Exit status: 124 when it timed out (unless
/// `--preserve-status`), the child's status otherwise (128+N for a signal, after re-raising it),
/// 125 for its own failure, 126/127 when the command cannot run.
/// Rule `timeout.behaviour`; source coreutils `src/timeout.c` `cleanup`, `send_sig`, `main`.
final class TimeoutProgram: ProgramModel {
    /// Serves nothing itself: ready at once (what it runs answers for itself).
    var readyAfter: Millis { 0 }
    /// Its `cleanup` is the signal handler: the signal it handles is blocked meanwhile, so the
    /// copy it sends its own group comes back to it only when the handler returns.
    var reactsInsideHandler: Bool { true }

    private var termSignal = Signal.term
    private var killAfter: Millis?
    private var preserveStatus = false
    private var foreground = false
    private var duration: Millis = 0
    private var command: [String] = []
    private var child: Int?
    private var timedOut = false
    private let argv: [String]

    init(argv: [String]) { self.argv = argv }

    /// Parses timeout's options; nil when they are not valid (timeout exits 125).
    static func parse(_ argv: [String]) -> (signal: Signal, killAfter: Millis?, preserve: Bool, foreground: Bool, duration: Millis, command: [String])? {
        var i = 1
        var sig = Signal.term
        var kill: Millis?
        var preserve = false, fg = false
        func value(_ opt: String, _ arg: String) -> String? {
            if arg.hasPrefix(opt + "=") { return String(arg.dropFirst(opt.count + 1)) }
            if arg == opt, i + 1 < argv.count { i += 1; return argv[i] }
            if opt.count == 2, arg.hasPrefix(opt), arg.count > 2 { return String(arg.dropFirst(2)) }
            return nil
        }
        while i < argv.count, argv[i].hasPrefix("-"), argv[i] != "-" {
            let a = argv[i]
            if a == "--" { i += 1; break }
            if a == "--preserve-status" { preserve = true } else if a == "--foreground" { fg = true } else if a == "-v" || a == "--verbose" {
            } else if let v = value("-s", a) ?? value("--signal", a) {
                guard let s = Signal(parsing: v) else { return nil }
                sig = s
            } else if let v = value("-k", a) ?? value("--kill-after", a) {
                guard let d = parseCoreutilsDuration(v) else { return nil }
                kill = d
            } else {
                return nil
            }
            i += 1
        }
        guard i + 1 < argv.count, let d = parseCoreutilsDuration(argv[i]) else { return nil }
        return (sig, kill, preserve, fg, d, Array(argv[(i + 1)...]))
    }


    func start(_ p: ProcessHandle) {
        guard let o = TimeoutProgram.parse(argv) else {
            p.exit(125)
            return
        }
        (termSignal, killAfter, preserveStatus, foreground, duration, command) = (o.signal, o.killAfter, o.preserve, o.foreground, o.duration, o.command)
        if !foreground { p.becomeGroupLeader() }
        for s in [Signal.alrm, .int, .quit, .hup, .term, termSignal] where !s.isUncatchable {
            p.setDisposition(s, .handler)
        }
        p.setDisposition(.ttin, .ignore)
        p.setDisposition(.ttou, .ignore)
        child = p.spawn(command)
        if duration > 0 { p.deadline(duration, .alarm) }
    }

    func timer(_ timer: ProgramTimer, _ p: ProcessHandle) {
        guard timer == .alarm else { return }
        // The alarm: the kernel sends SIGALRM to timeout itself.
        p.timerSignal(.alrm)
    }

    func handleSignal(_ s: Signal, _ p: ProcessHandle) {
        cleanup(s, p)
    }

    private func cleanup(_ received: Signal, _ p: ProcessHandle) {
        var sig = received
        if sig == .alrm {
            timedOut = true
            sig = termSignal
        }
        guard let child, !p.isZombie(child), p.children.contains(child) else { return }
        if let k = killAfter {
            termSignal = .kill
            p.deadline(k, .alarm)
            killAfter = nil
        }
        p.kill(child, sig)
        if !foreground {
            if !sig.isUncatchable { p.setDisposition(sig, .ignore) }
            p.killGroup(p.pid, sig)
            if sig != .kill && sig != .cont {
                p.kill(child, .cont)
                p.setDisposition(.cont, .ignore)
                p.killGroup(p.pid, .cont)
            }
        }
    }

    func childDied(_ c: Int, _ status: WaitStatus, _ p: ProcessHandle) {
        p.reap(c)
        guard c == child else { return }
        var code: Int
        switch status {
        case .exited(let n):
            code = n
        case .signaled(let s):
            if !timedOut {
                // Exit the way the child did: re-raise its signal with the default action.
                p.setDisposition(s, .default)
                p.kill(p.pid, s)
                if !p.isNamespaceInit { return }  // the re-raised signal kills it
            }
            if timedOut && s == .kill { preserveStatus = true }
            code = s.exitCode
        }
        if timedOut && !preserveStatus { code = 124 }
        p.exit(code)
    }
}

extension ProcessHandle {
    /// `setpgid(0, 0)`: the process leads a new process group.
    func becomeGroupLeader() { kernel.procs[pid].pgid = pid }
}
