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
///   itself depends on the flavour (`ShellFlavor.lastCommand`); a script file never.
/// - Background commands (`cmd &`) start with SIGINT and SIGQUIT ignored (`sh.async-ignores-int`).
/// - The shell's exit status is the last command's (128+N for a death by signal N).
///
/// This file is the interpreter; the lexer, parser, expansion, builtins, traps, jobs and the
/// dialect differences live beside it in `Programs/Shell/`.
final class ShellProgram: ProgramModel {
    /// Serves nothing itself: ready at once (what it runs answers for itself).
    var readyAfter: Millis { 0 }

    /// Where the script came from: `-c` (the last command may be exec'd) or a script file (never).
    typealias Source = ShellSource

    let flavor: ShellFlavor
    let source: Source
    private let parsed: Result<ShellScript, ShellSyntaxError>
    private var params: ShellParameters
    private var traps = ShellTraps()
    private var exitTrapStarted = false
    private var frames: [Frame] = []
    private var waiting: ShellWait = .none
    private var jobs = ShellJobs()
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

    init(flavor: ShellFlavor, source: Source, script: String, positional: [String], errexit: Bool = false) {
        self.flavor = flavor
        self.source = source
        params = ShellParameters(positional: positional.isEmpty ? ["sh"] : positional, errexit: errexit)
        do {
            parsed = .success(try ShellScript.parse(script))
        } catch {
            parsed = .failure(error)
        }
    }

    /// The parsed script, or why it cannot run.
    var script: Result<ShellScript, ShellSyntaxError> { parsed }
    /// `$0`, `$1`…
    var arguments: [String] { params.positional }

    // MARK: ProgramModel

    func start(_ p: ProcessHandle) {
        traps.ignoredAtEntry = p.ignoredSignals
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
        if case .action? = traps.signals[s] {
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
        if let script = traps.exit, !exitTrapStarted, flavor.exitTrapCatches(s) {
            p.record(.trapRuns(exitTrap: true), signal: s, rule: .bashExitTrapPid1)
            exitTrapStarted = true
            frames = [Frame(script: script, kind: .exitTrap(code: s.exitCode, reraise: s), savedStatus: params.lastStatus)]
            pendingTraps.removeAll()
            waiting = .none
            run(p)
        }
    }

    func childDied(_ child: Int, _ status: WaitStatus, _ p: ProcessHandle) {
        let isJob = jobs.contains(child)
        p.reap(child, rule: isJob ? .kernelReap : .shReapsWhileWaiting)
        if isJob { jobs.ended(child, status: status.exitCode) }
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
            case .foreground, .pids, .all, .any:
                guard let st = waiting.status(jobs) else { return }
                waiting = .none
                finish(st)
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
                    if case .action(let script)? = traps.signals[s] {
                        p.record(.trapRuns(exitTrap: false), signal: s, rule: rule)
                        frames.append(Frame(script: script, kind: .trap, savedStatus: params.lastStatus))
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
        params.lastStatus = status
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
        if params.errexit && status != 0 && wasLast && !list.background { fr.pendingExit = status }
        frames[f] = fr
    }

    private func endFrame(_ p: ProcessHandle) {
        let fr = frames.removeLast()
        switch fr.kind {
        case .main:
            startExit(params.lastStatus, p)
        case .trap:
            params.lastStatus = fr.savedStatus
        case .exitTrap(let code, let reraise):
            finalize(code, reraise: reraise, p)
        }
    }

    /// `exit code`, or the end of the script: the EXIT trap first, if one is set.
    private func startExit(_ code: Int, _ p: ProcessHandle) {
        if let script = traps.exit, !exitTrapStarted {
            exitTrapStarted = true
            p.record(.trapRuns(exitTrap: true), rule: .kernelExit)
            frames = [Frame(script: script, kind: .exitTrap(code: code, reraise: nil), savedStatus: code)]
            params.lastStatus = code
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
        let fields = cmd.words.flatMap { params.expand($0, nsPid: p.nsPid) }
        guard let name = fields.first else {
            for a in cmd.assignments { params.vars[a.name] = params.expandJoined(a.value, nsPid: p.nsPid) }
            finish(0)
            return
        }
        if list.background {
            if ShellBuiltins.names.contains(name) {
                // A builtin run in the background ends at once in its subshell.
                finish(0)
            } else {
                var ignored = p.ignoredSignals
                ignored.insert(.int)
                ignored.insert(.quit)
                let child = p.nextPid
                jobs.started.append(child)
                p.spawn(fields, ignored: ignored, rule: .shAsyncIgnoresInt)
                params.lastBackground = String(p.kernel.procs[child].nsPid)
                finish(0)
            }
            return
        }
        let args = Array(fields.dropFirst())
        let builtin: ShellBuiltinEffect?
        switch name {
        case "wait":
            builtin = ShellBuiltins.wait(args, jobs, p)
        case "kill":
            // Its signal can reach this shell at once: none of its state may be borrowed meanwhile.
            builtin = ShellBuiltins.kill(args, p)
        default:
            builtin = ShellBuiltins.run(name, args, params: &params, traps: &traps)
        }
        guard let effect = builtin else {
            external(fields, cmd, p)
            return
        }
        switch effect {
        case .status(let status):
            finish(status)
        case .exit(let code):
            startExit(code, p)
        case .exec(let argv):
            replace(with: argv, rule: .shExec, p)
        case .wait(let wait):
            waiting = wait
        case .trapsChanged(let status):
            traps.applyDispositions(flavor: flavor, p)
            finish(status)
        case .syntaxError(let e):
            fail(e, p)
        case .signalsSent(let status):
            finish(status)
            // Let the signal's delivery happen before the script goes on, as it does in reality.
            waiting = .yielded
            p.after(0, .resumeScript)
        }
    }

    private func external(_ fields: [String], _ cmd: ShellCommand, _ p: ProcessHandle) {
        var forkRule = Rule.kernelFork
        if atLastCommandOfString {
            let last = flavor.lastCommand(source: source, trapSet: traps.anySet, redirections: cmd.redirections)
            if last.exec {
                replace(with: fields, rule: last.rule, p)
                return
            }
            forkRule = last.rule
        }
        let child = p.nextPid
        jobs.started.append(child)
        waiting = .foreground(child)
        p.spawn(fields, ignored: p.ignoredSignals, rule: forkRule)
    }

    /// `exec argv`: the shell becomes the command; if nothing answers to it, exit 127.
    private func replace(with argv: [String], rule: Rule, _ p: ProcessHandle) {
        finished = true
        if !p.exec(argv, rule: rule) { p.exit(127) }
    }
}
