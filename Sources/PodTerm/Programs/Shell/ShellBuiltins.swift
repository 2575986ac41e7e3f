/// What a builtin asks of the interpreter once it has done its own work.
enum ShellBuiltinEffect: Equatable {
    /// The command ends with this status.
    case status(Int)
    /// `exit code`: the EXIT trap runs first, if one is set.
    case exit(Int)
    /// `exec argv`: the shell becomes the command.
    case exec([String])
    /// `wait`: the command ends when the jobs satisfy this wait.
    case wait(ShellWait)
    /// `trap` changed the traps: set the dispositions, then end with this status.
    case trapsChanged(Int)
    /// `trap` was given an action that does not parse.
    case syntaxError(ShellSyntaxError)
    /// `kill` sent its signals: end with this status, then let their delivery happen before
    /// the script goes on.
    case signalsSent(Int)
}

/// The commands a shell runs itself, without a fork: `exec`, `exit`, `trap`, `wait`, `kill`,
/// `set`, `shift`, assignments' cousins (`export`, `readonly`, `unset`), and the ones that only
/// succeed or fail (`:`, `true`, `false`, `echo`…).
enum ShellBuiltins {
    /// Commands the shell runs itself, without a fork.
    static let names: Set<String> = [
        ":", "true", "false", "echo", "printf", "cd", "umask", "ulimit", "local", "declare", "typeset",
        "hash", "type", "export", "readonly", "unset", "set", "shift", "exit", "exec", "trap", "wait", "kill",
    ]

    /// Runs builtin `name` with `args`; nil when `name` is not a builtin (an external command).
    /// `wait` and `kill` are not run here but by `wait(_:_:_:)` and `kill(_:_:)`: a signal that
    /// `kill` sends can reach the shell itself at once (its trap, its death), so it must run
    /// while none of the shell's state is borrowed.
    static func run(
        _ name: String, _ args: [String], params: inout ShellParameters, traps: inout ShellTraps
    ) -> ShellBuiltinEffect? {
        switch name {
        case ":", "true", "echo", "printf", "cd", "umask", "ulimit", "local", "declare", "typeset", "hash", "type":
            return .status(0)
        case "false":
            return .status(1)
        case "export", "readonly":
            for a in args where !a.hasPrefix("-") {
                if let eq = a.firstIndex(of: "=") { params.vars[String(a[..<eq])] = String(a[a.index(after: eq)...]) }
            }
            return .status(0)
        case "unset":
            for a in args where !a.hasPrefix("-") { params.vars[a] = nil }
            return .status(0)
        case "set":
            set(args, &params)
            return .status(0)
        case "shift":
            let n = args.first.flatMap { Int($0) } ?? 1
            if n >= 0 && n <= params.positional.count - 1 {
                params.positional.removeSubrange(1..<(1 + n))
                return .status(0)
            }
            return .status(1)
        case "exit":
            // A non-numeric argument: "Illegal number" (dash) / "numeric argument required" (bash), status 2.
            return .exit(args.first.map { Int($0).map { (($0 % 256) + 256) % 256 } ?? 2 } ?? params.lastStatus)
        case "exec":
            return args.isEmpty ? .status(0) : .exec(args)
        case "trap":
            return trap(args, &traps)
        default:
            return nil
        }
    }

    /// `set -e`, `set -o errexit`, `set +e`, `set -- args` and `set args`.
    private static func set(_ args: [String], _ params: inout ShellParameters) {
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--" {
                params.positional = [params.positional[0]] + args[(i + 1)...]
                return
            }
            guard a.count > 1, a.first == "-" || a.first == "+" else {
                params.positional = [params.positional[0]] + args[i...]
                return
            }
            let on = a.first == "-"
            for ch in a.dropFirst() {
                if ch == "e" { params.errexit = on }
                if ch == "o", i + 1 < args.count {
                    i += 1
                    if args[i] == "errexit" { params.errexit = on }
                }
            }
            i += 1
        }
    }

    /// `trap action SIG…`, `trap '' SIG…`, `trap - SIG…`, `trap SIG`; EXIT (0) sets the EXIT trap.
    private static func trap(_ args: [String], _ traps: inout ShellTraps) -> ShellBuiltinEffect {
        var args = args
        if args.first == "--" { args.removeFirst() }
        guard let first = args.first, first != "-p", first != "-l", first != "-P" else {
            return .status(0)
        }
        var action: String
        var conditions: [String]
        if args.count == 1 || UInt(first) != nil {
            // `trap SIG` and `trap 15 2`: reset to the default (POSIX).
            action = "-"
            conditions = args
        } else {
            action = first
            conditions = Array(args.dropFirst())
        }
        var newTrap: ShellTrap?
        if action != "-" && !action.isEmpty {
            do {
                newTrap = .action(try ShellScript.parse(action))
            } catch {
                return .syntaxError(error)
            }
        } else if action.isEmpty {
            newTrap = .ignore
        }
        var status = 0
        for c in conditions {
            let upper = c.uppercased()
            if upper == "EXIT" || upper == "0" || upper == "SIGEXIT" {
                if case .action(let script)? = newTrap {
                    traps.exit = script
                } else {
                    traps.exit = nil
                }
                continue
            }
            if ["ERR", "DEBUG", "RETURN"].contains(upper) { continue }
            guard let s = Signal(parsing: c), !s.isUncatchable else {
                status = 1
                continue
            }
            // Signals ignored on entry to a non-interactive shell cannot be trapped or reset (POSIX).
            if traps.ignoredAtEntry.contains(s) { continue }
            traps.signals[s] = newTrap
        }
        return .trapsChanged(status)
    }

    /// `wait`, `wait pid…`, `wait -n [pid…]`.
    static func wait(_ args: [String], _ jobs: ShellJobs, _ p: ProcessHandle) -> ShellBuiltinEffect {
        var args = args
        var anyMode = false
        if args.first == "-n" {
            anyMode = true
            args.removeFirst()
        }
        if args.first == "--" { args.removeFirst() }
        if args.isEmpty {
            guard anyMode else { return .wait(.all) }
            let live = jobs.started.filter { jobs.statuses[$0] == nil }
            return live.isEmpty ? .status(127) : .wait(.any(live))
        }
        var targets: [Int] = []
        for a in args {
            if let n = Int(a), let g = p.process(nsPid: n), jobs.contains(g) {
                targets.append(g)
            } else {
                targets.append(-1)
            }
        }
        guard anyMode else { return .wait(.pids(targets)) }
        let live = targets.filter { $0 >= 0 }
        return live.isEmpty ? .status(127) : .wait(.any(live))
    }

    /// `kill [-s SIG | -SIG | -n N] pid… | -pgid… | 0`; signal 0 only checks that the target exists.
    static func kill(_ args: [String], _ p: ProcessHandle) -> ShellBuiltinEffect {
        var args = args
        var sig: Signal? = .term
        if let first = args.first {
            if first == "-l" || first == "-L" {
                return .status(0)
            }
            if first == "-s" || first == "-n" {
                guard args.count >= 2 else { return .status(2) }
                if args[1] == "0" {
                    sig = nil
                } else if let s = Signal(parsing: args[1]) {
                    sig = s
                } else {
                    return .status(1)
                }
                args.removeFirst(2)
            } else if first.hasPrefix("-"), first != "--", first.count > 1 {
                let spec = String(first.dropFirst())
                if spec == "0" {
                    sig = nil
                } else if let s = Signal(parsing: spec) {
                    sig = s
                } else {
                    return .status(1)
                }
                args.removeFirst()
            }
        }
        if args.first == "--" { args.removeFirst() }
        guard !args.isEmpty else { return .status(2) }
        var status = 0
        for a in args {
            if a.hasPrefix("-"), let n = Int(a.dropFirst()), n > 1 {
                guard let g = p.process(nsPid: n), p.groupHasMembers(g) else {
                    status = 1
                    continue
                }
                if let sig { p.killGroup(g, sig) }
            } else if let n = Int(a), n >= 0 {
                if n == 0 {
                    if let sig { p.killGroup(p.pgid, sig) }
                    continue
                }
                guard let g = p.process(nsPid: n), !p.isGone(g) else {
                    status = 1
                    continue
                }
                if let sig { p.kill(g, sig) }
            } else {
                // Job specs (%1), kill -1 (every process): not modelled.
                status = 1
            }
        }
        return .signalsSent(status)
    }
}

extension ProcessHandle {
    /// Whether some live process of this namespace is in process group `pgid` (`kill(-pgid, 0)`).
    func groupHasMembers(_ pgid: Int) -> Bool {
        let ns = kernel.procs[pid].namespace
        return kernel.namespaces[ns].members.contains { kernel.procs[$0].pgid == pgid && kernel.procs[$0].alive }
    }
}
