/// The behaviour of one kind of program: what it does when it starts, when a signal reaches
/// its handler (or its `sigwait`), when a child dies, and when one of its timers fires.
///
/// One instance per process; it may keep state. It acts only through its `ProcessHandle`.
protocol ProgramModel: AnyObject {
    func start(_ p: ProcessHandle)
    func handleSignal(_ s: Signal, _ p: ProcessHandle)
    func childDied(_ child: Int, _ status: WaitStatus, _ p: ProcessHandle)
    func timer(_ token: Int, _ p: ProcessHandle)
    /// The HTTP route this program answers at `path`, if any.
    func httpRoute(_ path: String) -> HTTPRoute?
}

extension ProgramModel {
    func httpRoute(_ path: String) -> HTTPRoute? { nil }
}

/// What a program may do: the system calls of the model.
struct ProcessHandle {
    unowned let kernel: Kernel
    let pid: Int

    var now: Millis { kernel.now }
    var isNamespaceInit: Bool { kernel.isNamespaceInit(pid) }
    var children: [Int] { kernel.procs[pid].children }

    /// `fork` + `exec`: starts a child running `argv`.
    @discardableResult
    func spawn(_ argv: [String], setsid: Bool = false) -> Int {
        kernel.spawn(argv, in: kernel.procs[pid].namespace, parent: pid, setsid: setsid, actor: .process(pid), rule: .kernelFork)
    }

    /// `exit(code)`.
    func exit(_ code: Int) { kernel.exit(pid, code: code) }

    /// `kill(target, sig)`.
    func kill(_ target: Int, _ sig: Signal) {
        kernel.send(sig, to: target, origin: .process(pid), actor: .process(pid))
    }

    /// `kill(-pgid, sig)`.
    func killGroup(_ pgid: Int, _ sig: Signal) {
        kernel.sendToGroup(sig, pgid: pgid, origin: .process(pid), actor: .process(pid))
    }

    /// `sigaction`: sets the disposition of `sig` (SIGKILL and SIGSTOP cannot be changed).
    func setDisposition(_ sig: Signal, _ d: Disposition) {
        guard !sig.isUncatchable else { return }
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
        kernel.procs[pid].blocked = s
    }

    /// `prctl(PR_SET_CHILD_SUBREAPER)`.
    func becomeSubreaper() { kernel.procs[pid].subreaper = true }

    /// Calls `timer(token)` after `ms`, unless the process exits or execs first.
    func after(_ ms: Millis, token: Int) {
        kernel.engine.schedule(.programTimer(pid: pid, generation: kernel.procs[pid].generation, token: token), after: ms)
    }

    /// `waitpid(child)`: collects a dead child.
    func reap(_ child: Int) { kernel.reap(child, by: pid) }

    /// Whether `child` is dead and waiting to be collected.
    func isZombie(_ child: Int) -> Bool { kernel.procs[child].zombie }

    /// Records an event by this process.
    func record(_ kind: EventKind, signal: Signal? = nil, rule: Rule) {
        kernel.engine.record(.process(pid), kind, container: kernel.procs[pid].container, process: pid, signal: signal, rule: rule)
    }
}

/// Stands in for an argv whose program is unknown: the exec fails (exit 127).
final class MissingProgram: ProgramModel {
    func start(_ p: ProcessHandle) {}
    func handleSignal(_ s: Signal, _ p: ProcessHandle) {}
    func childDied(_ child: Int, _ status: WaitStatus, _ p: ProcessHandle) {}
    func timer(_ token: Int, _ p: ProcessHandle) {}
}
