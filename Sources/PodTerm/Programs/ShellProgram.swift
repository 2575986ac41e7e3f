/// A non-interactive shell running a script: `sh -c '…'`, `bash -c '…'`, busybox `sh -c '…'`,
/// or a script file (`/entrypoint.sh`, `bash /entrypoint.sh`). Rules: `linux-init.md`, "Shells".
///
/// - A foreground command is forked and waited for; while waiting the shell reaps any child
///   that ends, re-parented orphans too (`sh.reaps-while-waiting`).
/// - SIGTERM stays at its default (`sh.default-term`): the kernel discards it when the shell is
///   PID 1 and kills the shell (143) otherwise; the shell never forwards it.
/// - `trap 'action' SIG` installs a handler. A trapped signal makes `wait` return 128+N at once,
///   then the trap runs (`bash.wait-returns-on-trap`); during a foreground command the trap runs
///   only after the command ends (`sh.trap-deferred`). `trap '' SIG` ignores the signal (children
///   inherit that); `trap - SIG` restores the default. An EXIT trap runs when the script ends or
///   calls `exit`; in bash it also makes the shell catch the terminating signals, run the trap,
///   re-raise the signal and exit 128+N (`bash.exit-trap-pid1`).
/// - `exec cmd` replaces the shell (`sh.exec`). Whether the last command of `-c` is exec'd by
///   itself depends on the flavour: dash never (`sh.dash-no-exec`), busybox when no trap is set
///   (`sh.busybox-exec-last`), bash when no trap is set and the command has no redirection
///   (`sh.bash-exec-rules`); a script file never.
/// - Background commands (`cmd &`) start with SIGINT and SIGQUIT ignored (`sh.async-ignores-int`).
/// - The shell's exit status is the last command's (128+N for a death by signal N).
final class ShellProgram: ProgramModel {
    /// Serves nothing itself: ready at once (what it runs answers for itself).
    var readyAfter: Millis { 0 }

    /// Where the script came from: `-c` (the last command may be exec'd) or a script file (never).
    enum Source: Equatable {
        case commandString, scriptFile
    }

    let flavor: ShellFlavor
    let source: Source
    private let parsed: Result<ShellScript, ShellSyntaxError>
    private var positional: [String]
    private var errexit: Bool

    private var vars: [String: String] = [:]
    private var lastStatus = 0
    private var lastBackground: String?
    private var traps: [Signal: Trap] = [:]
    private var exitTrap: ShellScript?
    private var exitTrapStarted = false
    private var ignoredAtEntry = SignalSet()
    private var frames: [Frame] = []
    private var waiting: Wait = .none
    /// Children the shell started itself (foreground and background), in start order.
    private var jobs: [Int] = []
    /// Exit status ($? form) of each job that ended, and the order they ended in.
    private var statuses: [Int: Int] = [:]
    private var endOrder: [Int] = []
    private var pendingTraps: [(signal: Signal, rule: Rule)] = []
    private var busy = false
    private var finished = false
    private var raisedSignal: Signal?
    /// Commands run at the current millisecond: an endless loop never lets time pass.
    private var stepsAt: Millis = -1
    private var steps = 0

    /// More commands than this at one instant is an endless loop (e.g. a trap that signals its
    /// own shell): the shell stays busy forever, as the real one would.
    static let maxCommandsPerInstant = 10_000

    private enum Trap: Equatable {
        case ignore
        case action(ShellScript)
    }

    /// A script being run: the main script, a trap's action, or the EXIT trap.
    private struct Frame {
        enum Kind: Equatable {
            case main, trap
            /// The EXIT trap; then exit with `code`, or re-raise `reraise` (bash, on a terminating signal).
            case exitTrap(code: Int, reraise: Signal?)
        }

        let script: ShellScript
        let kind: Kind
        var item = 0
        var command = 0
        /// `$?` when the trap started: restored when it ends (POSIX).
        var savedStatus: Int
        /// `set -e` tripped: exit with this once pending traps have run.
        var pendingExit: Int?

        init(script: ShellScript, kind: Kind, savedStatus: Int) {
            self.script = script
            self.kind = kind
            self.savedStatus = savedStatus
        }
    }

    private enum Wait: Equatable {
        case none
        /// After `kill`: lets the signal's delivery happen before the script goes on.
        case yielded
        case foreground(Int)
        /// `wait pid…` (-1 for an operand that is not a child: status 127).
        case pids([Int])
        /// `wait` without operands.
        case all
        /// `wait -n`.
        case any([Int])
    }

    /// The terminating signals bash catches once an EXIT trap is set (bash `sig.c`
    /// `terminating_signals`, Linux build).
    static let bashTerminatingSignals: [Signal] = [
        .hup, .int, .ill, .trap, .abrt, .fpe, .bus, .segv, .sys, .pipe, .alrm, .term, .xcpu, .xfsz,
        .vtalrm, .usr1, .usr2,
    ]

    init(flavor: ShellFlavor, source: Source, script: String, positional: [String], errexit: Bool = false) {
        self.flavor = flavor
        self.source = source
        self.positional = positional.isEmpty ? ["sh"] : positional
        self.errexit = errexit
        do {
            parsed = .success(try ShellScript.parse(script))
        } catch {
            parsed = .failure(error)
        }
    }

    /// The parsed script, or why it cannot run.
    var script: Result<ShellScript, ShellSyntaxError> { parsed }
    /// `$0`, `$1`…
    var arguments: [String] { positional }

    // MARK: ProgramModel

    func start(_ p: ProcessHandle) {
        ignoredAtEntry = p.ignoredSignals
        switch parsed {
        case .failure(let e):
            fail(e, p)
        case .success(let script):
            frames = [Frame(script: script, kind: .main, savedStatus: 0)]
            run(p)
        }
    }

    func handleSignal(_ s: Signal, _ p: ProcessHandle) {
        guard !finished else { return }
        if case .action? = traps[s] {
            switch waiting {
            case .pids, .all, .any:
                p.record(.waitInterrupted(status: s.exitCode), signal: s, rule: .bashWaitReturnsOnTrap)
                waiting = .none
                finish(s.exitCode)
                pendingTraps.append((s, .bashWaitReturnsOnTrap))
                run(p)
            case .foreground:
                p.record(.trapDeferred, signal: s, rule: .shTrapDeferred)
                pendingTraps.append((s, .shTrapDeferred))
            case .none, .yielded:
                pendingTraps.append((s, .kernelCaught))
                if waiting == .none { run(p) }
            }
            return
        }
        // bash with an EXIT trap catches the terminating signals (bash.exit-trap-pid1).
        if flavor == .bash, let script = exitTrap, !exitTrapStarted, Self.bashTerminatingSignals.contains(s) {
            p.record(.trapRuns(exitTrap: true), signal: s, rule: .bashExitTrapPid1)
            exitTrapStarted = true
            frames = [Frame(script: script, kind: .exitTrap(code: s.exitCode, reraise: s), savedStatus: lastStatus)]
            pendingTraps.removeAll()
            waiting = .none
            run(p)
        }
    }

    func childDied(_ child: Int, _ status: WaitStatus, _ p: ProcessHandle) {
        let isJob = jobs.contains(child)
        p.reap(child, rule: isJob ? .kernelReap : .shReapsWhileWaiting)
        if isJob {
            statuses[child] = status.exitCode
            endOrder.append(child)
        }
        if !busy, !finished, waiting != .none, waiting != .yielded { run(p) }
    }

    func timer(_ timer: ProgramTimer, _ p: ProcessHandle) {
        switch timer {
        case .resumeScript:
            guard !finished, waiting == .yielded else { return }
            waiting = .none
            run(p)
        case .exitNow:
            if let s = raisedSignal { p.exit(s.exitCode, rule: .bashExitTrapPid1) }
        default:
            break
        }
    }

    // MARK: the interpreter

    private func run(_ p: ProcessHandle) {
        guard !busy else { return }
        busy = true
        defer { busy = false }
        while !finished {
            switch waiting {
            case .yielded:
                return
            case .foreground(let pid):
                guard let st = statuses[pid] else { return }
                waiting = .none
                finish(st)
            case .pids(let pids):
                guard pids.allSatisfy({ $0 < 0 || statuses[$0] != nil }) else { return }
                waiting = .none
                let last = pids.last!
                finish(last < 0 ? 127 : statuses[last]!)
            case .all:
                guard jobs.allSatisfy({ statuses[$0] != nil }) else { return }
                waiting = .none
                finish(0)
            case .any(let pids):
                guard let done = endOrder.first(where: { pids.contains($0) }) else { return }
                waiting = .none
                finish(statuses[done]!)
            case .none:
                if p.now != stepsAt {
                    stepsAt = p.now
                    steps = 0
                }
                steps += 1
                if steps > Self.maxCommandsPerInstant {
                    finished = true
                    p.record(.scriptError(
                        message: "it runs more than \(Self.maxCommandsPerInstant) commands without time passing (an endless loop, e.g. a trap that signals its own shell); it stays busy from here on, as if it looped forever",
                        unsupported: true), rule: .shScriptError)
                    return
                }
                if !pendingTraps.isEmpty {
                    let (s, rule) = pendingTraps.removeFirst()
                    if case .action(let script)? = traps[s] {
                        p.record(.trapRuns(exitTrap: false), signal: s, rule: rule)
                        frames.append(Frame(script: script, kind: .trap, savedStatus: lastStatus))
                    }
                    continue
                }
                guard let top = frames.last else {
                    finished = true
                    return
                }
                if let code = top.pendingExit {
                    frames[frames.count - 1].pendingExit = nil
                    startExit(code, p)
                    continue
                }
                if top.item >= top.script.items.count {
                    endFrame(p)
                    continue
                }
                execute(p)
            }
        }
    }

    /// The command at the top frame's position finished with `status`: move on in its and-or list.
    private func finish(_ status: Int) {
        lastStatus = status
        let f = frames.count - 1
        var fr = frames[f]
        let list = fr.script.items[fr.item]
        let wasLast = fr.command == list.commands.count - 1
        var next = fr.command + 1
        while next < list.commands.count {
            let op = list.ops[next - 1]
            if (op == .and && status == 0) || (op == .or && status != 0) { break }
            next += 1
        }
        if next < list.commands.count {
            fr.command = next
        } else {
            fr.item += 1
            fr.command = 0
        }
        // `set -e` ignores every command of an and-or list but the last.
        if errexit && status != 0 && wasLast && !list.background { fr.pendingExit = status }
        frames[f] = fr
    }

    private func endFrame(_ p: ProcessHandle) {
        let fr = frames.removeLast()
        switch fr.kind {
        case .main:
            startExit(lastStatus, p)
        case .trap:
            lastStatus = fr.savedStatus
        case .exitTrap(let code, let reraise):
            finalize(code, reraise: reraise, p)
        }
    }

    /// `exit code`, or the end of the script: the EXIT trap first, if one is set.
    private func startExit(_ code: Int, _ p: ProcessHandle) {
        if let script = exitTrap, !exitTrapStarted {
            exitTrapStarted = true
            p.record(.trapRuns(exitTrap: true), rule: .kernelExit)
            frames = [Frame(script: script, kind: .exitTrap(code: code, reraise: nil), savedStatus: code)]
            lastStatus = code
            waiting = .none
            return
        }
        finalize(code, reraise: nil, p)
    }

    private func finalize(_ code: Int, reraise: Signal?, _ p: ProcessHandle) {
        finished = true
        guard let s = reraise else {
            p.exit(code)
            return
        }
        // bash's termsig_handler: default disposition, kill(getpid(), sig), then exit(128+sig)
        // if it is still alive (as PID 1 the kernel discarded the signal at send time).
        p.setDisposition(s, .default)
        p.kill(p.pid, s, rule: .bashExitTrapPid1)
        guard p.isAlive else { return }
        if p.isNamespaceInit {
            p.exit(s.exitCode, rule: .bashExitTrapPid1)
        } else {
            raisedSignal = s
            p.after(0, .exitNow)
        }
    }

    private func fail(_ e: ShellSyntaxError, _ p: ProcessHandle) {
        finished = true
        p.record(.scriptError(message: e.message + "; exits 2", unsupported: e.unsupported), rule: .shScriptError)
        p.exit(2, rule: .shScriptError)
    }

    private var anyTrapSet: Bool { !traps.isEmpty || exitTrap != nil }

    /// Whether the top frame's current command is the last command of a `-c` string.
    private var atLastCommandOfString: Bool {
        guard frames.count == 1, let fr = frames.first, fr.kind == .main else { return false }
        let list = fr.script.items[fr.item]
        return fr.item == fr.script.items.count - 1 && fr.command == list.commands.count - 1 && !list.background
    }

    private func execute(_ p: ProcessHandle) {
        let fr = frames[frames.count - 1]
        let list = fr.script.items[fr.item]
        let cmd = list.commands[fr.command]
        let fields = cmd.words.flatMap { expand($0, p) }
        guard let name = fields.first else {
            for a in cmd.assignments { vars[a.name] = expandJoined(a.value, p) }
            finish(0)
            return
        }
        if list.background {
            if ShellProgram.builtins.contains(name) {
                // A builtin run in the background ends at once in its subshell.
                finish(0)
            } else {
                var ignored = p.ignoredSignals
                ignored.insert(.int)
                ignored.insert(.quit)
                let child = p.nextPid
                jobs.append(child)
                p.spawn(fields, ignored: ignored, rule: .shAsyncIgnoresInt)
                lastBackground = String(p.kernel.procs[child].nsPid)
                finish(0)
            }
            return
        }
        let args = Array(fields.dropFirst())
        switch name {
        case ":", "true", "echo", "printf", "cd", "umask", "ulimit", "local", "declare", "typeset", "hash", "type":
            finish(0)
        case "false":
            finish(1)
        case "export", "readonly":
            for a in args where !a.hasPrefix("-") {
                if let eq = a.firstIndex(of: "=") { vars[String(a[..<eq])] = String(a[a.index(after: eq)...]) }
            }
            finish(0)
        case "unset":
            for a in args where !a.hasPrefix("-") { vars[a] = nil }
            finish(0)
        case "set":
            setBuiltin(args)
            finish(0)
        case "shift":
            let n = args.first.flatMap { Int($0) } ?? 1
            if n >= 0 && n <= positional.count - 1 {
                positional.removeSubrange(1..<(1 + n))
                finish(0)
            } else {
                finish(1)
            }
        case "exit":
            // A non-numeric argument: "Illegal number" (dash) / "numeric argument required" (bash), status 2.
            let code = args.first.map { Int($0).map { (($0 % 256) + 256) % 256 } ?? 2 } ?? lastStatus
            startExit(code, p)
        case "exec":
            if args.isEmpty {
                finish(0)
            } else {
                replace(with: args, rule: .shExec, p)
            }
        case "trap":
            trapBuiltin(args, p)
        case "wait":
            waitBuiltin(args, p)
        case "kill":
            killBuiltin(args, p)
        default:
            external(fields, cmd, p)
        }
    }

    /// Commands the shell runs itself, without a fork.
    static let builtins: Set<String> = [
        ":", "true", "false", "echo", "printf", "cd", "umask", "ulimit", "local", "declare", "typeset",
        "hash", "type", "export", "readonly", "unset", "set", "shift", "exit", "exec", "trap", "wait", "kill",
    ]

    private func external(_ fields: [String], _ cmd: ShellCommand, _ p: ProcessHandle) {
        var forkRule = Rule.kernelFork
        if atLastCommandOfString {
            switch (source, flavor) {
            case (.scriptFile, _):
                forkRule = .shBashExecRules
            case (_, .dash):
                forkRule = .shDashNoExec
            case (_, .busybox):
                if !anyTrapSet {
                    replace(with: fields, rule: .shBusyboxExecLast, p)
                    return
                }
                forkRule = .shBusyboxExecLast
            case (_, .bash):
                if !anyTrapSet && cmd.redirections == 0 {
                    replace(with: fields, rule: .shBashExecRules, p)
                    return
                }
                forkRule = .shBashExecRules
            }
        }
        let child = p.nextPid
        jobs.append(child)
        waiting = .foreground(child)
        p.spawn(fields, ignored: p.ignoredSignals, rule: forkRule)
    }

    /// `exec argv`: the shell becomes the command; if nothing answers to it, exit 127.
    private func replace(with argv: [String], rule: Rule, _ p: ProcessHandle) {
        finished = true
        if !p.exec(argv, rule: rule) { p.exit(127) }
    }

    // MARK: builtins

    private func setBuiltin(_ args: [String]) {
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--" {
                positional = [positional[0]] + args[(i + 1)...]
                return
            }
            guard a.count > 1, a.first == "-" || a.first == "+" else {
                positional = [positional[0]] + args[i...]
                return
            }
            let on = a.first == "-"
            for ch in a.dropFirst() {
                if ch == "e" { errexit = on }
                if ch == "o", i + 1 < args.count {
                    i += 1
                    if args[i] == "errexit" { errexit = on }
                }
            }
            i += 1
        }
    }

    private func trapBuiltin(_ args: [String], _ p: ProcessHandle) {
        var args = args
        if args.first == "--" { args.removeFirst() }
        guard let first = args.first, first != "-p", first != "-l", first != "-P" else {
            finish(0)
            return
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
        var newTrap: Trap?
        if action != "-" && !action.isEmpty {
            do {
                newTrap = .action(try ShellScript.parse(action))
            } catch {
                fail(error, p)
                return
            }
        } else if action.isEmpty {
            newTrap = .ignore
        }
        var status = 0
        for c in conditions {
            let upper = c.uppercased()
            if upper == "EXIT" || upper == "0" || upper == "SIGEXIT" {
                if case .action(let script)? = newTrap {
                    exitTrap = script
                } else {
                    exitTrap = nil
                }
                continue
            }
            if ["ERR", "DEBUG", "RETURN"].contains(upper) { continue }
            guard let s = Signal(parsing: c), !s.isUncatchable else {
                status = 1
                continue
            }
            // Signals ignored on entry to a non-interactive shell cannot be trapped or reset (POSIX).
            if ignoredAtEntry.contains(s) { continue }
            traps[s] = newTrap
        }
        refreshDispositions(p)
        finish(status)
    }

    /// Sets each signal's disposition from the traps (and bash's EXIT-trap handlers).
    private func refreshDispositions(_ p: ProcessHandle) {
        for n in 1...31 {
            let s = Signal(rawValue: n)!
            if s.isUncatchable || ignoredAtEntry.contains(s) { continue }
            let want: Disposition
            switch traps[s] {
            case .ignore?: want = .ignore
            case .action?: want = .handler
            case nil:
                want = (flavor == .bash && exitTrap != nil && Self.bashTerminatingSignals.contains(s)) ? .handler : .default
            }
            if p.disposition(s) != want { p.setDisposition(s, want) }
        }
    }

    private func waitBuiltin(_ args: [String], _ p: ProcessHandle) {
        var args = args
        var anyMode = false
        if args.first == "-n" {
            anyMode = true
            args.removeFirst()
        }
        if args.first == "--" { args.removeFirst() }
        if args.isEmpty {
            if anyMode {
                let live = jobs.filter { statuses[$0] == nil }
                if live.isEmpty {
                    finish(127)
                } else {
                    waiting = .any(live)
                }
            } else {
                waiting = .all
            }
            return
        }
        var targets: [Int] = []
        for a in args {
            if let n = Int(a), let g = p.process(nsPid: n), jobs.contains(g) {
                targets.append(g)
            } else {
                targets.append(-1)
            }
        }
        waiting = anyMode ? .any(targets.filter { $0 >= 0 }) : .pids(targets)
        if case .any(let t) = waiting, t.isEmpty {
            waiting = .none
            finish(127)
        }
    }

    private func killBuiltin(_ args: [String], _ p: ProcessHandle) {
        var args = args
        var sig: Signal? = .term
        if let first = args.first {
            if first == "-l" || first == "-L" {
                finish(0)
                return
            }
            if first == "-s" || first == "-n" {
                guard args.count >= 2 else {
                    finish(2)
                    return
                }
                if args[1] == "0" {
                    sig = nil
                } else if let s = Signal(parsing: args[1]) {
                    sig = s
                } else {
                    finish(1)
                    return
                }
                args.removeFirst(2)
            } else if first.hasPrefix("-"), first != "--", first.count > 1 {
                let spec = String(first.dropFirst())
                if spec == "0" {
                    sig = nil
                } else if let s = Signal(parsing: spec) {
                    sig = s
                } else {
                    finish(1)
                    return
                }
                args.removeFirst()
            }
        }
        if args.first == "--" { args.removeFirst() }
        guard !args.isEmpty else {
            finish(2)
            return
        }
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
        finish(status)
        // Let the signal's delivery happen before the script goes on, as it does in reality.
        waiting = .yielded
        p.after(0, .resumeScript)
    }

    // MARK: expansion

    private func value(_ name: String, _ p: ProcessHandle) -> String? {
        switch name {
        case "!": return lastBackground
        case "?": return String(lastStatus)
        case "$": return String(p.nsPid)
        case "#": return String(positional.count - 1)
        case "-": return errexit ? "e" : ""
        case "@", "*": return positional.dropFirst().joined(separator: " ")
        default:
            if let n = Int(name) { return n < positional.count ? positional[n] : nil }
            return vars[name]
        }
    }

    /// A word's fields after parameter expansion and field splitting (no globbing).
    private func expand(_ w: ShellWord, _ p: ProcessHandle) -> [String] {
        var fields: [String] = []
        var current: String?
        for part in w.parts {
            switch part {
            case .literal(let s, let quoted):
                if quoted || !s.isEmpty { current = (current ?? "") + s }
            case .variable(let name, let quoted, let fallback, let colon):
                if quoted && name == "@" {
                    for (k, param) in positional.dropFirst().enumerated() {
                        if k == 0 {
                            current = (current ?? "") + param
                        } else {
                            fields.append(current ?? "")
                            current = param
                        }
                    }
                    continue
                }
                var v = value(name, p)
                if let fallback, v == nil || (colon && v!.isEmpty) { v = fallback }
                let text = v ?? ""
                if quoted {
                    current = (current ?? "") + text
                    continue
                }
                let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" }
                let pieces = text.split(whereSeparator: isBlank).map(String.init)
                guard !pieces.isEmpty else { continue }
                let leading = text.first.map(isBlank) ?? false
                for (k, piece) in pieces.enumerated() {
                    if k == 0 && !leading {
                        current = (current ?? "") + piece
                    } else {
                        if let c = current { fields.append(c) }
                        current = piece
                    }
                }
                if text.last.map(isBlank) ?? false {
                    if let c = current { fields.append(c) }
                    current = nil
                }
            }
        }
        if let c = current { fields.append(c) }
        return fields
    }

    /// A word expanded without field splitting (the value of an assignment).
    private func expandJoined(_ w: ShellWord, _ p: ProcessHandle) -> String {
        var out = ""
        for part in w.parts {
            switch part {
            case .literal(let s, _):
                out += s
            case .variable(let name, _, let fallback, let colon):
                var v = value(name, p)
                if let fallback, v == nil || (colon && v!.isEmpty) { v = fallback }
                out += v ?? ""
            }
        }
        return out
    }
}

extension ProcessHandle {
    /// Whether some live process of this namespace is in process group `pgid` (`kill(-pgid, 0)`).
    func groupHasMembers(_ pgid: Int) -> Bool {
        let ns = kernel.procs[pid].namespace
        return kernel.namespaces[ns].members.contains { kernel.procs[$0].pgid == pgid && kernel.procs[$0].alive }
    }
}
