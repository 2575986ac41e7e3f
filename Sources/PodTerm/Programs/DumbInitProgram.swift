/// dumb-init (`dumb-init [-c|--single-child] [-r s:r|--rewrite s:r]… [--] cmd…`).
///
/// - Blocks every signal and takes them with `sigwait`. By default the child runs in a new
///   session and each signal goes to its whole process group (`kill(-pid)`); with
///   `--single-child` only to the child. `--rewrite s:r` translates s to r first (r = 0
///   swallows it). (`dumbinit.forward`)
/// - When the main child exits it forwards SIGTERM (rewritten too) once more and exits at once
///   with the child's code, or 128+N. (`dumbinit.exit-on-child`)
///
/// Not modelled: the default rewrite of SIGTSTP/SIGTTIN/SIGTTOU to SIGSTOP in setsid mode (TTY
/// job control plays no part in stopping a container).
///
/// Source: `Yelp/dumb-init` `dumb-init.c` v1.2.5.
final class DumbInitProgram: ProgramModel {
    /// Serves nothing itself: ready at once (what it runs answers for itself).
    var readyAfter: Millis { 0 }

    let command: [String]
    var initChildCommand: [String]? { command }
    let singleChild: Bool
    let rewrites: [Int: Int]
    private var child: Int?
    private var exitCode = 0

    init(command: [String], singleChild: Bool, rewrites: [Int: Int]) {
        self.command = command
        self.singleChild = singleChild
        self.rewrites = rewrites
    }

    /// Parses dumb-init's options (getopt_long with `+`). Nil when there is no command or an
    /// option is malformed (dumb-init prints its usage and exits 1).
    static func parse(_ argv: [String]) -> DumbInitProgram? {
        var i = 1
        var single = false
        var rewrites: [Int: Int] = [:]
        func rewrite(_ text: String) -> Bool {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let s = Int(parts[0]), let r = Int(parts[1]),
                  (1...31).contains(s), (0...31).contains(r) else { return false }
            rewrites[s] = r
            return true
        }
        while i < argv.count {
            let a = argv[i]
            if a == "--" {
                i += 1
                break
            }
            if a == "-c" || a == "--single-child" {
                single = true
            } else if a == "-v" || a == "--verbose" {
            } else if a == "-r" || a == "--rewrite" {
                i += 1
                guard i < argv.count, rewrite(argv[i]) else { return nil }
            } else if a.hasPrefix("--rewrite=") {
                guard rewrite(String(a.dropFirst("--rewrite=".count))) else { return nil }
            } else if a.hasPrefix("-r"), a.count > 2 {
                guard rewrite(String(a.dropFirst(2))) else { return nil }
            } else if a.hasPrefix("-") && a.count > 1 {
                return nil
            } else {
                break
            }
            i += 1
        }
        guard i < argv.count else { return nil }
        return DumbInitProgram(command: Array(argv[i...]), singleChild: single, rewrites: rewrites)
    }

    func start(_ p: ProcessHandle) {
        p.block(.allCatchable)
        let c = p.nextPid
        child = c
        p.spawn(command, setsid: !singleChild)
    }

    func handleSignal(_ s: Signal, _ p: ProcessHandle) {
        guard s != .chld else { return }
        p.record(.signalTaken, signal: s, rule: .dumbinitForward)
        forward(s, rule: .dumbinitForward, p)
    }

    private func forward(_ s: Signal, rule: Rule, _ p: ProcessHandle) {
        guard let child else { return }
        var target: Signal? = s
        if let r = rewrites[s.rawValue] {
            target = Signal(rawValue: r)
            p.record(.signalRewritten(to: target), signal: s, rule: .dumbinitForward)
        }
        guard let t = target else { return }
        if singleChild {
            p.kill(child, t, rule: rule)
        } else {
            p.killGroup(child, t, rule: rule)
        }
    }

    func childDied(_ c: Int, _ status: WaitStatus, _ p: ProcessHandle) {
        p.reap(c, rule: c == child ? .dumbinitExitOnChild : .dumbinitForward)
        guard c == child else { return }
        exitCode = status.exitCode
        // "Forward SIGTERM to any remaining children", then exit at once; the signals it just
        // sent are delivered before its exit, as they are in reality (the kernel's sweep comes ~1 ms later).
        forward(.term, rule: .dumbinitExitOnChild, p)
        p.after(0, .exitNow)
    }

    func timer(_ timer: ProgramTimer, _ p: ProcessHandle) {
        if timer == .exitNow { p.exit(exitCode, rule: .dumbinitExitOnChild) }
    }
}
