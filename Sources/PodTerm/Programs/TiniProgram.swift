/// tini (`tini [-s] [-g] [-e N]… [--] cmd…`; also `docker-init`, which `docker run --init` uses).
///
/// - Blocks almost every signal and takes them with `sigtimedwait`, so the kernel's PID 1 rule
///   never discards them; forwards each one but SIGCHLD to its child, or with `-g` to the
///   child's process group. The child runs in its own process group (`isolate_child`), so a
///   grandchild that called `setsid` is outside it. (`tini.forward`)
/// - Reaps every zombie, orphans included, and exits as soon as its main child is reaped —
///   whatever else still runs (`tini.exit-on-child`) — with the child's exit code, or 128+N if
///   a signal killed it; `-e N` maps exit code N to 0; `-s` makes it a subreaper. (`tini.status`)
///
/// Source: `krallin/tini` `src/tini.c` v0.19.0.
final class TiniProgram: ProgramModel {
    /// Serves nothing itself: ready at once (what it runs answers for itself).
    var readyAfter: Millis { 0 }

    let command: [String]
    var initChildCommand: [String]? { command }
    let killProcessGroup: Bool
    let subreaper: Bool
    let remapToZero: [Int]
    private var child: Int?
    private var exitCode = 0

    /// Signals tini leaves unblocked (synchronous ones and the TTY stops it ignores).
    private static let notBlocked: [Signal] = [.fpe, .ill, .segv, .bus, .abrt, .trap, .sys, .ttin, .ttou]

    init(command: [String], killProcessGroup: Bool, subreaper: Bool, remapToZero: [Int]) {
        self.command = command
        self.killProcessGroup = killProcessGroup
        self.subreaper = subreaper
        self.remapToZero = remapToZero
    }

    /// Parses tini's options (getopt with `+`: options stop at the first operand). Nil when
    /// there is no command to run (tini prints its usage and exits 1).
    static func parse(_ argv: [String]) -> TiniProgram? {
        var i = 1
        var group = false
        var sub = false
        var remap: [Int] = []
        while i < argv.count {
            let a = argv[i]
            if a == "--" {
                i += 1
                break
            }
            guard a.hasPrefix("-"), a.count > 1 else { break }
            var letters = Array(a.dropFirst())
            while !letters.isEmpty {
                let ch = letters.removeFirst()
                switch ch {
                case "g": group = true
                case "s": sub = true
                case "v", "w", "l": break
                case "e", "p":
                    // The option's argument: the rest of this word, else the next word.
                    var arg = String(letters)
                    letters = []
                    if arg.isEmpty {
                        i += 1
                        guard i < argv.count else { return nil }
                        arg = argv[i]
                    }
                    if ch == "e" {
                        guard let n = Int(arg), (0...255).contains(n) else { return nil }
                        remap.append(n)
                    }
                case "h":
                    return nil
                default:
                    return nil
                }
            }
            i += 1
        }
        guard i < argv.count else { return nil }
        return TiniProgram(command: Array(argv[i...]), killProcessGroup: group, subreaper: sub, remapToZero: remap)
    }

    func start(_ p: ProcessHandle) {
        var blocked = SignalSet.allCatchable
        for s in TiniProgram.notBlocked { blocked.remove(s) }
        p.block(blocked)
        p.setDisposition(.ttin, .ignore)
        p.setDisposition(.ttou, .ignore)
        if subreaper { p.becomeSubreaper() }
        let c = p.nextPid
        child = c
        // The child restores the default signal mask and dispositions before exec, in its own group.
        p.spawn(command, setsid: true)
    }

    func handleSignal(_ s: Signal, _ p: ProcessHandle) {
        guard s != .chld, let child else { return }
        p.record(.signalTaken, signal: s, rule: .tiniForward)
        if killProcessGroup {
            p.killGroup(child, s, rule: .tiniForward)
        } else {
            p.kill(child, s, rule: .tiniForward)
        }
    }

    func childDied(_ c: Int, _ status: WaitStatus, _ p: ProcessHandle) {
        let isMain = c == child
        p.reap(c, rule: isMain ? .tiniExitOnChild : .tiniStatus)
        guard isMain else { return }
        let code = status.exitCode
        exitCode = remapToZero.contains(code) ? 0 : code
        // Exits in the same loop turn; signals already on their way are delivered first.
        p.after(0, .exitNow)
    }

    func timer(_ timer: ProgramTimer, _ p: ProcessHandle) {
        if timer == .exitNow { p.exit(exitCode, rule: .tiniStatus) }
    }
}
