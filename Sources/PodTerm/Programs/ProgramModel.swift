/// The behaviour of one kind of program: what it does when it starts, when a signal reaches
/// its handler (or its `sigwait`), when a child dies, and when one of its timers fires.
///
/// One instance per process; it may keep state. It acts only through its `ProcessHandle`.
/// Callers outside the process use only this protocol, never a downcast: a new program (an
/// init, say) is its own type, its line in `ProgramCatalog.resolve` (and `wellKnown`), and its
/// rule; it answers `initChildCommand` (or `supervisedCommands`, `supervisorControl`) to be
/// checked and controlled like the others.
protocol ProgramModel: AnyObject {
    func start(_ p: ProcessHandle)
    func handleSignal(_ s: Signal, _ p: ProcessHandle)
    func childDied(_ child: Int, _ status: WaitStatus, _ p: ProcessHandle)
    func timer(_ timer: ProgramTimer, _ p: ProcessHandle)
    /// How long after it starts this program is ready: listening, what a startupProbe waits
    /// for. 0 for a program that serves nothing of its own (an init, a shell, `timeout`,
    /// `sleep`): its container is ready when the program it runs is. Every program answers,
    /// so no caller needs to know which kind of program it holds.
    var readyAfter: Millis { get }
    /// The HTTP route this program answers at `path`, if any.
    func httpRoute(_ path: String) -> HTTPRoute?
    /// A pipe it reads (`makePipe`) reached end of file: every process holding it has exited.
    func outputClosed(_ pipe: Int, _ p: ProcessHandle)

    // What callers outside the process ask of it, so none needs to know which kind it is.

    /// The one command an init runs as its child (tini, dumb-init), known before it runs;
    /// nil for any other program.
    var initChildCommand: [String]? { get }
    /// The commands it supervises (supervisord's programs), known before it runs.
    var supervisedCommands: [[String]] { get }
    /// For a shell: the problems that stop podterm from running its script, each naming the
    /// shell started as `argv` (see `Simulator.scriptProblems`); nil for any other program.
    func scriptProblems(argv: [String], programs: [String: ProgramSpec]) -> [String]?
    /// The control `supervisorctl` talks to, when the program is a supervisor.
    var supervisorControl: (any SupervisorControl)? { get }
    /// Whether its reaction to a caught signal runs inside the signal handler itself (coreutils
    /// `timeout`'s `cleanup`), so the kernel keeps that signal blocked while it runs
    /// (`kernel.handler-mask`). False for programs whose handler only records the signal and
    /// reacts later (shells, supervisord) and for those that use sigwait (tini, dumb-init).
    var reactsInsideHandler: Bool { get }
}

extension ProgramModel {
    func httpRoute(_ path: String) -> HTTPRoute? { nil }
    func outputClosed(_ pipe: Int, _ p: ProcessHandle) {}
    var initChildCommand: [String]? { nil }
    var supervisedCommands: [[String]] { [] }
    func scriptProblems(argv: [String], programs: [String: ProgramSpec]) -> [String]? { nil }
    var supervisorControl: (any SupervisorControl)? { nil }
    var reactsInsideHandler: Bool { false }
}

/// What `supervisorctl` can ask of a running supervisor.
protocol SupervisorControl: AnyObject {
    /// Whether it runs a program called `name`.
    func runs(_ name: String) -> Bool
    /// `supervisorctl stop NAME`, served by the supervisor's process `p`.
    func stopOne(_ name: String, _ p: ProcessHandle)
}

/// What a program may do: the system calls of the model.
struct ProcessHandle {
    unowned let kernel: Kernel
    let pid: Int

    var now: Millis { kernel.now }
    var isNamespaceInit: Bool { kernel.isNamespaceInit(pid) }
    var children: [Int] { kernel.procs[pid].children }
    /// Its PID inside its namespace (what `$$` and `getpid()` say).
    var nsPid: Int { kernel.procs[pid].nsPid }
    /// Its process group (the global index of the group's leader).
    var pgid: Int { kernel.procs[pid].pgid }
    /// Whether it is still running.
    var isAlive: Bool { kernel.procs[pid].alive }
    /// The signals whose disposition is ignore (inherited across fork and exec).
    var ignoredSignals: SignalSet { kernel.procs[pid].ignored }
    /// The global index the next process to start will get: lets a program know its child
    /// before `spawn` returns (a child that ends at once reports its death during the spawn).
    var nextPid: Int { kernel.procs.count }

    /// The current disposition of `sig` (`sigaction(sig, NULL, &old)`).
    func disposition(_ sig: Signal) -> Disposition { kernel.procs[pid].disposition(sig) }

    /// The global index of the process that has PID `nsPid` in this process's namespace.
    func process(nsPid: Int) -> Int? { kernel.process(nsPid: nsPid, in: kernel.procs[pid].namespace) }

    /// Whether `target` has exited and been collected (`kill` would fail with ESRCH).
    func isGone(_ target: Int) -> Bool { !kernel.procs[target].alive && !kernel.procs[target].zombie }

    /// `fork` + `exec`: starts a child running `argv`. `ignored`: the dispositions set to ignore
    /// that the child inherits; `rule`: why the fork happens (shown on the event).
    /// `output`: the child's stdout and stderr (by default its parent's, as fork leaves them).
    @discardableResult
    func spawn(_ argv: [String], setsid: Bool = false, ignored: SignalSet = SignalSet(), output: ChildOutput = .inherit, rule: Rule = .kernelFork) -> Int {
        kernel.spawn(argv, in: kernel.procs[pid].namespace, parent: pid, setsid: setsid, ignored: ignored, output: output, actor: .process(pid), rule: rule)
    }

    /// `pipe()`: a pipe this process reads, for a child's output; `outputClosed` is called when
    /// every process holding it has exited.
    func makePipe() -> Int {
        kernel.pipes.append(OutputPipe(reader: pid))
        return kernel.pipes.count - 1
    }

    /// `execve(argv)`: replaces the program; the new one starts at once. Returns false (and the
    /// old program keeps running) when nothing answers to argv.
    @discardableResult
    func exec(_ argv: [String], rule: Rule) -> Bool { kernel.exec(pid, argv, rule: rule) }

    /// `exit(code)`.
    func exit(_ code: Int, rule: Rule = .kernelExit) { kernel.exit(pid, code: code, rule: rule) }

    /// `kill(target, sig)`.
    func kill(_ target: Int, _ sig: Signal, rule: Rule? = nil) {
        kernel.send(sig, to: target, origin: .process(pid), actor: .process(pid), rule: rule)
    }

    /// The kernel's timer of this process fires (`alarm`, `setitimer`): `sig` comes from the
    /// timer, not from the process (`kernel.timer-signal`).
    func timerSignal(_ sig: Signal) {
        kernel.send(sig, to: pid, origin: .timer(pid), actor: .kernel, rule: .kernelTimerSignal)
    }

    /// `kill(-pgid, sig)`.
    func killGroup(_ pgid: Int, _ sig: Signal, rule: Rule? = nil) {
        kernel.sendToGroup(sig, pgid: pgid, origin: .process(pid), actor: .process(pid), rule: rule)
    }

    /// `sigaction`: sets the disposition of `sig` (SIGKILL and SIGSTOP cannot be changed).
    func setDisposition(_ sig: Signal, _ d: Disposition) {
        guard !sig.isUncatchable else { return }
        kernel.masksChanged.append(pid)
        kernel.procs[pid].caught.remove(sig)
        kernel.procs[pid].ignored.remove(sig)
        switch d {
        case .default: break
        case .ignore: kernel.procs[pid].ignored.insert(sig)
        case .handler: kernel.procs[pid].caught.insert(sig)
        }
    }

    /// `sigprocmask(SIG_BLOCK)`: blocked signals stay pending and reach `handleSignal` as if by `sigwait`.
    func block(_ set: SignalSet) {
        var s = set
        s.remove(.kill)
        s.remove(.stop)
        kernel.masksChanged.append(pid)
        kernel.procs[pid].blocked = s
    }

    /// `sigprocmask(SIG_BLOCK)` by a program that does not sigwait: signals sent meanwhile stay pending.
    func mask(_ set: SignalSet) { kernel.mask(pid, set) }

    /// `sigprocmask(SIG_UNBLOCK)`: what was pending of `set` is acted on now.
    func unmask(_ set: SignalSet) { kernel.unmask(pid, set) }

    /// Its parent, when the parent is inside its namespace (`getppid()`; nil: the runtime's shim).
    var parent: Int? { kernel.procs[pid].parent }

    /// The first live process of its namespace other than itself, in PID order, running the
    /// program `name` (compared by base name, as `pidof` does).
    func liveProcess(named name: String) -> Int? {
        let want = ProgramCatalog.displayName([name])
        let ns = kernel.procs[pid].namespace
        return kernel.namespaces[ns].members.first { $0 != pid && kernel.procs[$0].alive && kernel.procs[$0].name == want }
    }

    /// `prctl(PR_SET_CHILD_SUBREAPER)`.
    func becomeSubreaper() { kernel.procs[pid].subreaper = true }

    /// Calls `timer(timer)` after `ms`, unless the process exits or execs first.
    func after(_ ms: Millis, _ timer: ProgramTimer) {
        kernel.engine.schedule(.programTimer(pid: pid, generation: kernel.procs[pid].generation, timer: timer), after: ms)
    }

    /// Calls `timer(timer)` after `ms` as a deadline (a timeout the program gives something
    /// else): it fires after everything else of that millisecond, so a child that exits at the
    /// very instant is collected first (rule `tie.exit-before-deadline`).
    func deadline(_ ms: Millis, _ timer: ProgramTimer) {
        kernel.engine.scheduleDeadline(.programTimer(pid: pid, generation: kernel.procs[pid].generation, timer: timer), after: ms)
    }

    /// `waitpid(child)`: collects a dead child.
    func reap(_ child: Int, rule: Rule = .kernelReap) { kernel.reap(child, by: pid, rule: rule) }

    /// Whether `child` is dead and waiting to be collected.
    func isZombie(_ child: Int) -> Bool { kernel.procs[child].zombie }

    /// Records an event by this process.
    func record(_ kind: EventKind, signal: Signal? = nil, rule: Rule) {
        kernel.engine.record(.process(pid), kind, container: kernel.procs[pid].container, process: pid, signal: signal, rule: rule)
    }
}

/// Stands in for an argv whose program is unknown: the exec fails and the child exits 127,
/// after `fork()` has returned to the parent.
final class MissingProgram: ProgramModel {
    var readyAfter: Millis { 0 }
    func start(_ p: ProcessHandle) { p.after(0, .exitNow) }
    func handleSignal(_ s: Signal, _ p: ProcessHandle) {}
    func childDied(_ child: Int, _ status: WaitStatus, _ p: ProcessHandle) {}
    func timer(_ timer: ProgramTimer, _ p: ProcessHandle) { if timer == .exitNow { p.exit(127) } }
}
