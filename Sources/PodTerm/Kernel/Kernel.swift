/// The Linux kernel's part: the process table, PID namespaces, signal delivery by disposition,
/// the PID 1 rules, re-parenting, zombies and the namespace teardown.
///
/// Rules: `linux-init.md` (kernel section). Every decision records an event with its rule.
final class Kernel {
    unowned let engine: Engine
    var procs: [KernelProcess] = []
    var namespaces: [PIDNamespace] = []
    /// Pipes read until end of file (supervised programs' stdout and stderr).
    var pipes: [OutputPipe] = []
    /// Signals posted but not yet delivered, by `pid * 32 + signal`: who sent each.
    private var pendingSlot: [Int: SignalOrigin] = [:]
    /// The keys of `pendingSlot` in the order their signals were posted (some already gone).
    private var pendingOrder: [Int] = []
    /// The layer above (the runtime's shim), told when a container's PID 1 or an exec'd hook ends.
    weak var reports: (any KernelReports)?

    init(engine: Engine) { self.engine = engine }

    /// Processes whose dispositions or blocked mask may have changed since their last
    /// `dispositionsChanged` event: recorded before the next event (`recordMaskChanges`).
    var masksChanged: [Int] = []

    /// Records a `dispositionsChanged` event for each process whose mask now differs from what
    /// the timeline last said, in the order they changed.
    func recordMaskChanges() {
        let changed = masksChanged
        masksChanged = []
        var done = Set<Int>()
        for pid in changed where done.insert(pid).inserted {
            let p = procs[pid]
            let now = SignalDispositions(caught: p.caught, ignored: p.ignored)
            let blocked = p.blocked.union(p.masked)
            // What the timeline last said of it (a new process starts with every default).
            guard p.announcedDispositions != now || p.announcedBlocked != blocked else { continue }
            procs[pid].announcedDispositions = now
            procs[pid].announcedBlocked = blocked
            engine.record(.process(pid), .dispositionsChanged(now, blocked: blocked), container: p.container, process: pid, rule: .kernelSigaction)
        }
    }

    var now: Millis { engine.now }

    // MARK: namespaces and processes

    /// Creates a fresh PID namespace for an instance of a container built from `image` (which
    /// decides what `/bin/sh` is in it).
    func newNamespace(container: Int, instance: Int, image: ImageSpec?) -> Int {
        namespaces.append(PIDNamespace(container: container, instance: instance, image: image))
        return namespaces.count - 1
    }

    func isNamespaceInit(_ pid: Int) -> Bool { namespaces[procs[pid].namespace].initProcess == pid }

    /// Starts a process running `argv` in namespace `ns`. `parent` nil: started from outside
    /// (the runtime's shim: a container's PID 1 or an exec'd hook). A child belongs to its
    /// parent's container (cgroup) and image; one started from outside to `container` and
    /// `image` when given (a namespace the containers share), else to the namespace's.
    @discardableResult
    func spawn(
        _ argv: [String], in ns: Int, parent: Int?, setsid: Bool = false, ignored: SignalSet = SignalSet(), output: ChildOutput = .inherit,
        container: Int? = nil, image: ImageSpec? = nil, actor: Actor, rule: Rule
    ) -> Int {
        let image = parent.flatMap { procs[$0].image } ?? image ?? namespaces[ns].image
        let resolved = engine.catalog.resolve(argv, image: image)
        let id = procs.count
        let nsPid = namespaces[ns].nextPid
        namespaces[ns].nextPid += 1
        var p = KernelProcess(
            namespace: ns, container: parent.map { procs[$0].container } ?? container ?? namespaces[ns].container, nsPid: nsPid, parent: parent,
            pgid: id, sid: id, name: ProgramCatalog.displayName(argv), argv: argv, program: resolved ?? MissingProgram())
        p.image = image
        // Dispositions set to ignore survive fork and exec (signal(7)).
        p.ignored = ignored
        p.ignored.remove(.kill)
        p.ignored.remove(.stop)
        if let parent, !setsid {
            p.pgid = procs[parent].pgid
            p.sid = procs[parent].sid
        }
        // fork and exec keep the signal mask (`app.sigprocmask`).
        if let parent { p.masked = procs[parent].masked }
        switch output {
        case .inherit:
            p.stdout = parent.flatMap { procs[$0].stdout }
            p.stderr = parent.flatMap { procs[$0].stderr }
        case .pipes(let o, let e):
            (p.stdout, p.stderr) = (o, e)
        case .closing(let closed):
            p.stdout = closed.contains(.stdout) ? nil : parent.flatMap { procs[$0].stdout }
            p.stderr = closed.contains(.stderr) ? nil : parent.flatMap { procs[$0].stderr }
        }
        for pipe in Kernel.distinct(p.stdout, p.stderr) { pipes[pipe].holders += 1 }
        procs.append(p)
        if let parent { procs[parent].children.append(id) }
        if namespaces[ns].initProcess == nil { namespaces[ns].initProcess = id }
        namespaces[ns].members.append(id)
        engine.record(actor, .processStarted(parent: parent, argv: argv, newSession: parent == nil || setsid), container: p.container, process: id, rule: rule)
        if !p.ignored.isEmpty || !p.masked.isEmpty { masksChanged.append(id) }
        if resolved == nil {
            engine.record(.kernel, .execFailed, container: p.container, process: id, rule: .kernelExit)
        }
        engine.workloads.processStarted(id)
        p.program.start(ProcessHandle(kernel: self, pid: id))
        return id
    }

    // MARK: signals

    /// `kill(2)`: a signal sent to one process. The send-time checks (PID 1, ignore) happen
    /// here; a signal that passes them is delivered as a separate event at the same millisecond.
    func send(_ sig: Signal, to pid: Int, origin: SignalOrigin, actor: Actor, rule: Rule? = nil) {
        let c = procs[pid].container
        // Sent to a process whose handler for it is running: queued, not acted on (yet).
        let held = procs[pid].alive && procs[pid].handlerMask.contains(sig) && procs[pid].dyingOf == nil
        // Blocked with sigprocmask: it stays pending (for PID 1 with no handler too).
        let masked = procs[pid].alive && procs[pid].masked.contains(sig) && procs[pid].dyingOf == nil
        let maskRule: Rule = isNamespaceInit(pid) && procs[pid].disposition(sig) == .default ? .kernelPid1BlockedDropped : .kernelHandlerMask
        engine.record(actor, .signalSent(origin: origin), container: c, process: pid, signal: sig,
                      rule: held ? .kernelHandlerMask : masked ? maskRule : (rule ?? sendRule(origin)))
        let p = procs[pid]
        // The checks of kill(2), shared with what the player predicts (`SendCheck`). Blocked
        // signals, and those sent while their own handler runs, are never ignored at send
        // time (sig_ignored), not even SIG_IGN: they are queued.
        let fate = SendCheck.atSend(
            sig, alive: p.alive, dying: p.dyingOf != nil, alreadyPending: pendingSlot[pid * 32 + sig.rawValue] != nil, isNamespaceInit: isNamespaceInit(pid),
            fromOutside: origin.isOutsideOrKernel, blocked: p.blocked.union(p.handlerMask).union(p.masked), disposition: p.disposition(sig))
        switch fate {
        case .deadTarget: discard(sig, pid, origin, .deadTarget, rule: .kernelDeadTarget)
        // Its group exit has started: dropped (`kernel.dying-drops`).
        case .dying: discard(sig, pid, origin, .dying, rule: .kernelDyingDrops)
        // A standard signal already pending is not queued a second time.
        case .alreadyPending: discard(sig, pid, origin, .alreadyPending, rule: .kernelSignalCoalesce)
        case .pid1Unkillable: discard(sig, pid, origin, .pid1Default, rule: .kernelPid1Unkillable)
        case .ignored: discard(sig, pid, origin, .ignored, rule: .kernelIgnored)
        case .defaultIgnore: discard(sig, pid, origin, .defaultIgnore, rule: .kernelIgnored)
        case .pid1Default: discard(sig, pid, origin, .pid1Default, rule: .kernelPid1IgnoresDefault)
        case .killed, .pendingBlocked, .dies, .caught: post(sig, to: pid, origin: origin)
        }
    }

    /// Queues a signal that passed the send-time checks. A signal a process sends to itself is
    /// acted on before `kill()` returns (on the way back to user space); any other is delivered
    /// as its own event in the same millisecond.
    private func post(_ sig: Signal, to pid: Int, origin: SignalOrigin) {
        if procs[pid].handlerMask.contains(sig) || procs[pid].masked.contains(sig) {
            // Pending until its handler returns (`releaseHandlerMask`) or it is unblocked (`unmask`).
            pendingSlot[pid * 32 + sig.rawValue] = origin
        } else if case .process(let from) = origin, from == pid {
            deliverNow(sig, to: pid, origin: origin)
        } else if case .timer(let of) = origin, of == pid {
            // The timer interrupt wakes the process it belongs to, which takes it at once.
            deliverNow(sig, to: pid, origin: origin)
        } else {
            if startsGroupExit(sig, pid) { procs[pid].dyingOf = sig }
            pendingSlot[pid * 32 + sig.rawValue] = origin
            pendingOrder.append(pid * 32 + sig.rawValue)
            engine.schedule(.deliver(pid: pid, signal: sig, origin: origin), after: 0)
        }
    }

    /// `kernel.dying-drops`, as `complete_signal` decides it when the signal is queued: SIGKILL,
    /// or a fatal signal left at its default and not blocked, starts the group exit at once
    /// (SIGNAL_GROUP_EXIT) — except a core-dump signal (the exit starts only when it is
    /// dequeued), and except when the target already has another unblocked signal pending
    /// (`wants_signal` is false for a sleeping task with TIF_SIGPENDING: the signal waits its
    /// turn). The model takes the target as not on a CPU at that instant (observed on real
    /// Linux: 48 of 50 times with another signal pending, the second SIGTERM was "already
    /// pending"; in the other 2 the target happened to be running and it was dropped).
    private func startsGroupExit(_ sig: Signal, _ pid: Int) -> Bool {
        let p = procs[pid]
        if sig == .kill { return true }
        guard !p.blocked.contains(sig), !p.handlerMask.contains(sig), !p.masked.contains(sig), p.disposition(sig) == .default, !sig.defaultIsIgnore, !sig.isStop,
              !sig.dumpsCore, !isNamespaceInit(pid) else { return false }
        for n in 1...31 where n != sig.rawValue && pendingSlot[pid * 32 + n] != nil {
            // (A signal it blocked with sigprocmask does not make it wake: recalc_sigpending.)
            if let other = Signal(rawValue: n), !p.blocked.contains(other), !p.masked.contains(other) { return false }
        }
        return true
    }

    /// `kill(-pgid)`: a signal to every live member of a process group, in PID order.
    func sendToGroup(_ sig: Signal, pgid: Int, origin: SignalOrigin, actor: Actor, rule: Rule? = nil) {
        let ns = procs[pgid].namespace
        for m in namespaces[ns].members where procs[m].pgid == pgid && procs[m].alive {
            send(sig, to: m, origin: origin, actor: actor, rule: rule)
        }
    }

    private func sendRule(_ origin: SignalOrigin) -> Rule {
        switch origin {
        case .runtime: return .containerdStop
        case .node: return .injectNodeKill
        case .namespaceTeardown: return .kernelNamespaceZap
        case .oomKiller: return .kernelOOMKill
        case .timer: return .kernelTimerSignal
        case .process: return .kernelKill
        }
    }

    private func discard(_ sig: Signal, _ pid: Int, _ origin: SignalOrigin, _ why: DiscardReason, rule: Rule) {
        engine.record(.kernel, .signalDiscarded(why), container: procs[pid].container, process: pid, signal: sig, rule: rule)
    }

    /// The run ended with signals still on their way (sent in its last millisecond): their
    /// targets are gone with the pod, so they had no effect.
    func settleUndelivered() {
        for key in pendingSlot.keys.sorted() {
            let pid = key / 32
            if !procs[pid].alive {
                engine.record(.kernel, .signalDiscarded(.deadTarget), container: procs[pid].container, process: pid,
                              signal: Signal(rawValue: key % 32), rule: .kernelDeadTarget)
            }
        }
        pendingSlot.removeAll()
        pendingOrder.removeAll()
    }

    /// The delivery of a posted signal, as its event comes up. Does nothing when the signal was
    /// already delivered early (a SIGKILL that preempted its target, `kernel.sigkill-preempts`).
    func deliver(_ sig: Signal, to pid: Int, origin: SignalOrigin) {
        guard pendingSlot.removeValue(forKey: pid * 32 + sig.rawValue) != nil else { return }
        // A fatal signal posted after this one that started the group exit (a SIGKILL) still
        // acts first: the process runs no handler.
        if procs[pid].dyingOf != sig { killedByPendingSIGKILL(pid) }
        deliverNow(sig, to: pid, origin: origin, preempting: false)
    }

    /// `kernel.causal-order`: delivers, in the order they were posted, the signals still
    /// pending for processes that do not block them (a blocked one waits for its sigwait).
    /// Their own delivery events then find nothing to do.
    private func deliverPendingFirst() {
        let order = pendingOrder
        pendingOrder = []
        for key in order {
            let pid = key / 32
            guard let sig = Signal(rawValue: key % 32), procs[pid].alive, !procs[pid].blocked.contains(sig),
                  let origin = pendingSlot.removeValue(forKey: key) else { continue }
            if procs[pid].dyingOf != sig { killedByPendingSIGKILL(pid) }
            deliverNow(sig, to: pid, origin: origin, causal: true)
        }
        // What was posted meanwhile, and what stays blocked, keeps its place.
        pendingOrder = order.filter { pendingSlot[$0] != nil } + pendingOrder.filter { pendingSlot[$0] != nil }
    }

    /// `kernel.sigkill-preempts`: a SIGKILL posted to a living process and not yet delivered
    /// takes effect before the process does anything of its own (a timer's work, a handler, a
    /// reaction to a child's death). So does any fatal signal that started the group exit at
    /// send time (`kernel.dying-drops`: the kernel queued SIGKILL with it on every thread).
    /// Returns true when it killed the process now.
    @discardableResult
    func killedByPendingSIGKILL(_ pid: Int) -> Bool {
        guard procs[pid].alive, let sig = procs[pid].dyingOf,
              let origin = pendingSlot.removeValue(forKey: pid * 32 + sig.rawValue) else { return false }
        deliverNow(sig, to: pid, origin: origin, preempting: true)
        return true
    }

    /// A signal reaches its target: its fate by disposition (the PID 1 rules were checked at send).
    private func deliverNow(
        _ sig: Signal, to pid: Int, origin: SignalOrigin, preempting: Bool = false, dequeuedAfterMask: Bool = false, causal: Bool = false,
        unblocked: Bool = false
    ) {
        let p = procs[pid]
        guard p.alive else {
            discard(sig, pid, origin, .deadTarget, rule: .kernelDeadTarget)
            return
        }
        if sig == .kill {
            let rule: Rule = preempting ? .kernelSigkillPreempts : (origin == .namespaceTeardown ? .kernelNamespaceZap : .kernelUncatchable)
            die(pid, .signaled(.kill), killedBy: origin, rule: rule)
            return
        }
        if p.blocked.contains(sig) {
            // Consumed with sigwait()/sigtimedwait(): the program acts on it.
            engine.record(.kernel, .signalDelivered, container: p.container, process: pid, signal: sig, rule: .kernelSigwait)
            p.program.handleSignal(sig, ProcessHandle(kernel: self, pid: pid))
            return
        }
        switch p.disposition(sig) {
        case .ignore:
            // It passed the send-time checks, so it was queued: the disposition in force when it
            // is dequeued drops it now (a signal_deliver with SIG_IGN in the kernel's trace).
            discard(sig, pid, origin, .ignoredAtDequeue, rule: dequeuedAfterMask ? .kernelHandlerMask : .kernelIgnored)
        case .default:
            if sig.defaultIsIgnore {
                discard(sig, pid, origin, .defaultIgnore, rule: .kernelIgnored)
            } else if isNamespaceInit(pid) {
                if dequeuedAfterMask {
                    // Queued while blocked (by the program, or inside its handler): dropped now.
                    discard(sig, pid, origin, .pid1DroppedAtUnblock, rule: unblocked ? .kernelPid1BlockedDropped : .kernelHandlerMask)
                } else {
                    discard(sig, pid, origin, .pid1Default, rule: .kernelPid1IgnoresDefault)
                }
            } else {
                die(pid, .signaled(sig), killedBy: origin, rule: .kernelDefaultFatal)
            }
        case .handler:
            engine.record(.kernel, .signalDelivered, container: p.container, process: pid, signal: sig, rule: causal ? .kernelCausalOrder : .kernelCaught)
            let handle = ProcessHandle(kernel: self, pid: pid)
            guard p.program.reactsInsideHandler, !p.handlerMask.contains(sig) else {
                p.program.handleSignal(sig, handle)
                return
            }
            procs[pid].handlerMask.insert(sig)
            p.program.handleSignal(sig, handle)
            releaseHandlerMask(sig, pid)
        }
    }

    /// `kernel.handler-mask`: the handler for `sig` returned (sigreturn restores the mask). A
    /// copy of `sig` that arrived meanwhile was left pending; it is dequeued now and acted on by
    /// the disposition in force now.
    private func releaseHandlerMask(_ sig: Signal, _ pid: Int) {
        procs[pid].handlerMask.remove(sig)
        guard procs[pid].alive, let origin = pendingSlot.removeValue(forKey: pid * 32 + sig.rawValue) else { return }
        deliverNow(sig, to: pid, origin: origin, dequeuedAfterMask: true)
    }

    /// `sigprocmask(SIG_BLOCK, set)` by a program that does not take them with sigwait
    /// (`app.sigprocmask`): from now on they stay pending when sent.
    func mask(_ pid: Int, _ set: SignalSet) {
        guard procs[pid].alive else { return }
        var s = set
        s.remove(.kill)
        s.remove(.stop)
        procs[pid].masked = procs[pid].masked.union(s)
        masksChanged.append(pid)
        engine.record(.process(pid), .sigprocmask(block: true, signals: s, pending: SignalSet()), container: procs[pid].container,
                      process: pid, rule: .appSigprocmask)
    }

    /// `sigprocmask(SIG_UNBLOCK, set)`: what was pending of them is dequeued at once, lowest
    /// number first, and acted on by the disposition in force now (`kernel.handler-mask`;
    /// dropped for PID 1 with the default, `kernel.pid1-blocked-dropped`).
    func unmask(_ pid: Int, _ set: SignalSet) {
        guard procs[pid].alive else { return }
        var s = SignalSet()
        var pending = SignalSet()
        for sig in set.signals where procs[pid].masked.contains(sig) {
            s.insert(sig)
            procs[pid].masked.remove(sig)
            if pendingSlot[pid * 32 + sig.rawValue] != nil { pending.insert(sig) }
        }
        masksChanged.append(pid)
        engine.record(.process(pid), .sigprocmask(block: false, signals: s, pending: pending), container: procs[pid].container,
                      process: pid, rule: .appSigprocmask)
        for sig in pending.signals {
            guard procs[pid].alive, let origin = pendingSlot.removeValue(forKey: pid * 32 + sig.rawValue) else { continue }
            deliverNow(sig, to: pid, origin: origin, dequeuedAfterMask: true, unblocked: true)
        }
    }

    // MARK: exit, zombies, re-parenting, teardown

    /// `exit(code)` called by the process itself.
    func exit(_ pid: Int, code: Int, rule: Rule = .kernelExit) {
        guard procs[pid].alive else { return }
        die(pid, .exited(code), killedBy: nil, rule: rule)
    }

    /// `execve(argv)`: the process keeps its PID, parent, children, process group, ignored
    /// signals and blocked mask; its handlers go back to default and its timers die with the old
    /// program (`generation`). Returns false, changing nothing, when no program answers to argv.
    @discardableResult
    func exec(_ pid: Int, _ argv: [String], rule: Rule) -> Bool {
        guard procs[pid].alive else { return false }
        let c = procs[pid].container
        guard let program = engine.catalog.resolve(argv, image: procs[pid].image) else {
            engine.record(.kernel, .execFailed, container: c, process: pid, rule: .kernelExit)
            return false
        }
        let previous = procs[pid].argv
        let previousName = procs[pid].name
        procs[pid].caught = SignalSet()
        procs[pid].generation += 1
        procs[pid].program = program
        procs[pid].name = ProgramCatalog.displayName(argv)
        procs[pid].argv = argv
        engine.record(.process(pid), .execed(replacing: previous, argv: argv), container: c, process: pid, rule: rule)
        masksChanged.append(pid)
        engine.workloads.processStarted(pid)
        program.start(ProcessHandle(kernel: self, pid: pid))
        return true
    }

    /// The global index of the process with PID `nsPid` in namespace `ns`, if it ever existed.
    func process(nsPid: Int, in ns: Int) -> Int? {
        namespaces[ns].members.first { procs[$0].nsPid == nsPid }
    }

    /// Ends a process: records it, re-parents its children, tears the namespace down if it was
    /// PID 1, and tells whoever must collect its status.
    func die(_ pid: Int, _ status: WaitStatus, killedBy: SignalOrigin?, rule: Rule) {
        guard procs[pid].alive else { return }
        procs[pid].alive = false
        procs[pid].zombie = true
        procs[pid].status = status
        procs[pid].killedBy = killedBy
        procs[pid].generation += 1
        let c = procs[pid].container
        switch status {
        case .exited(let code):
            engine.record(.process(pid), .exited(code: code), container: c, process: pid, rule: rule)
        case .signaled(let s):
            engine.record(.kernel, .killedBySignal(origin: killedBy ?? .runtime), container: c, process: pid, signal: s, rule: rule)
        }
        engine.workloads.processDied(pid)
        releaseOutput(pid)
        let ns = procs[pid].namespace
        if namespaces[ns].initProcess == pid {
            tearDown(ns, initPid: pid)
            return
        }
        // During a teardown the kernel collects every victim itself.
        if namespaces[ns].tornDown { return }
        reparentChildren(of: pid)
        notifyParent(pid)
    }

    /// A dead process's file descriptors close: each pipe it was the last holder of reaches end
    /// of file, and its reader, if alive, is told (it acts on it at its next turn).
    private func releaseOutput(_ pid: Int) {
        let held = Kernel.distinct(procs[pid].stdout, procs[pid].stderr)
        procs[pid].stdout = nil
        procs[pid].stderr = nil
        for pipe in held {
            pipes[pipe].holders -= 1
            let reader = pipes[pipe].reader
            if pipes[pipe].holders == 0 && procs[reader].alive {
                procs[reader].program.outputClosed(pipe, ProcessHandle(kernel: self, pid: reader))
            }
        }
    }

    /// The pipes among a process's stdout and stderr, each once.
    static func distinct(_ a: Int?, _ b: Int?) -> [Int] {
        switch (a, b) {
        case (nil, nil): return []
        case (let x?, nil), (nil, let x?): return [x]
        case (let x?, let y?): return x == y ? [x] : [x, y]
        }
    }

    private func reparentChildren(of pid: Int) {
        let kids = procs[pid].children
        procs[pid].children = []
        guard !kids.isEmpty else { return }
        let newParent = reaper(for: pid)
        for k in kids {
            procs[k].parent = newParent
            procs[newParent].children.append(k)
            engine.record(.kernel, .reparented(newParent: newParent), container: procs[k].container, process: k, rule: .kernelReparent)
        }
        // Zombies handed to the new parent are announced to it like fresh deaths.
        for k in kids where procs[k].zombie {
            notifyParent(k)
        }
    }

    /// The nearest live subreaper ancestor of `pid`, else the namespace's PID 1.
    private func reaper(for pid: Int) -> Int {
        var a = procs[pid].parent
        while let x = a {
            if procs[x].subreaper && procs[x].alive { return x }
            a = procs[x].parent
        }
        return namespaces[procs[pid].namespace].initProcess!
    }

    private func notifyParent(_ pid: Int) {
        guard let parent = procs[pid].parent else {
            // Started from outside the namespace (an exec'd hook): the shim collects it at once.
            reap(pid, by: nil)
            if oomGroup.contains(pid) {
                heldExecReports.append((pid, procs[pid].status!))
            } else {
                reports?.execProcessExited(pid, status: procs[pid].status!)
            }
            return
        }
        // A parent the OOM killer kills in this same group kill never runs again (`kernel.oom-group-atomic`).
        if oomGroup.contains(parent) { return }
        // A parent with a SIGKILL on its way does not react: it dies, and its death hands the
        // child on (to the next reaper, or to the namespace's teardown).
        if killedByPendingSIGKILL(parent) { return }
        // `kernel.causal-order`: the parent's reaction needs the parent to run; every signal
        // already on its way to a process that can take it is delivered first.
        deliverPendingFirst()
        guard procs[parent].alive else { return }
        procs[parent].program.childDied(pid, procs[pid].status!, ProcessHandle(kernel: self, pid: parent))
        if procs[pid].zombie {
            engine.record(.kernel, .becameZombie(parent: parent), container: procs[pid].container, process: pid, rule: .kernelZombie)
        }
    }

    /// `wait()`: the parent (nil: the shim or the kernel) collects a zombie's status.
    func reap(_ pid: Int, by parent: Int?, rule: Rule = .kernelReap) {
        guard procs[pid].zombie else { return }
        procs[pid].zombie = false
        if let old = procs[pid].parent, let i = procs[old].children.firstIndex(of: pid) {
            procs[old].children.remove(at: i)
        }
        engine.record(parent.map { .process($0) } ?? .kernel, .reaped(by: parent), container: procs[pid].container, process: pid, rule: rule)
    }

    /// PID 1 died: SIGKILL every other process of the namespace, collect them, then hand PID 1's
    /// status to the runtime.
    private func tearDown(_ ns: Int, initPid: Int) {
        namespaces[ns].tornDown = true
        let victims = namespaces[ns].members.filter { $0 != initPid && procs[$0].alive }
        let c = namespaces[ns].container
        engine.record(.kernel, .namespaceTeardown(victims: victims.count), container: c, process: initPid, rule: .kernelNamespaceZap)
        for v in victims where procs[v].alive {
            kernelKill(v, origin: .namespaceTeardown, rule: .kernelNamespaceZap)
        }
        for m in namespaces[ns].members where m != initPid && procs[m].zombie {
            reap(m, by: nil)
        }
        reap(initPid, by: nil)
        reports?.namespaceInitExited(namespace: ns, status: procs[initPid].status!, killedBy: procs[initPid].killedBy)
    }

    /// The OOM killer kills every process of the container's cgroup (cgroup v2 `memory.oom.group`)
    /// in one step (`kernel.oom-group-atomic`): while it does, no member reacts to another's
    /// death (each is doomed already), and the shim hears of an exec'd process (a preStop exec)
    /// only once the whole group is dead, so the kubelet's reaction finds the container stopped.
    func oomKillAll(_ ns: Int) {
        let members = namespaces[ns].members.filter { procs[$0].alive }
        guard let initPid = namespaces[ns].initProcess else { return }
        let order = members.filter { $0 != initPid } + (procs[initPid].alive ? [initPid] : [])
        oomGroup = Set(order)
        for v in order where procs[v].alive {
            kernelKill(v, origin: .oomKiller, rule: .kernelOOMGroupAtomic)
        }
        oomGroup = []
        let held = heldExecReports
        heldExecReports = []
        for (pid, status) in held { reports?.execProcessExited(pid, status: status) }
    }

    /// The members of the cgroup the OOM killer is killing as one group, while it does (only
    /// looked up, never iterated), and the ends of exec'd members the shim will hear of after.
    private var oomGroup: Set<Int> = []
    private var heldExecReports: [(pid: Int, status: WaitStatus)] = []

    /// A SIGKILL the kernel sends itself (the namespace teardown, the OOM killer). A process
    /// whose group exit already started drops it (`kernel.dying-drops`) and dies of the signal
    /// that started it, as the kernel's group exit code says.
    private func kernelKill(_ v: Int, origin: SignalOrigin, rule: Rule) {
        forceKill(v, origin: origin, actor: .kernel, rule: rule)
    }

    /// A SIGKILL that takes effect at once: the kernel's own, or the runtime's from outside the
    /// namespace when it kills every process of a cgroup (`runc kill --all`) or the pause
    /// process (`StopPodSandbox`), which nothing in the model could run before.
    func forceKill(_ v: Int, origin: SignalOrigin, actor: Actor, rule: Rule) {
        let c = procs[v].container
        engine.record(actor, .signalSent(origin: origin), container: c, process: v, signal: .kill, rule: rule)
        if let d = procs[v].dyingOf {
            discard(.kill, v, origin, .dying, rule: .kernelDyingDrops)
            let from = pendingSlot.removeValue(forKey: v * 32 + d.rawValue) ?? origin
            die(v, .signaled(d), killedBy: from, rule: d == .kill ? .kernelUncatchable : .kernelDefaultFatal)
            return
        }
        die(v, .signaled(.kill), killedBy: origin, rule: rule)
    }

    /// The OOM killer kills one process.
    func oomKillOne(_ v: Int) {
        guard procs[v].alive else { return }
        kernelKill(v, origin: .oomKiller, rule: .kernelOOMKill)
    }

    // MARK: timers

    func fireTimer(pid: Int, generation: Int, timer: ProgramTimer) {
        let p = procs[pid]
        guard p.alive, p.generation == generation else { return }
        if killedByPendingSIGKILL(pid) { return }
        p.program.timer(timer, ProcessHandle(kernel: self, pid: pid))
    }
}
