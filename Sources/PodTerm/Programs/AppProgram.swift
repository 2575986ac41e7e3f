/// A user's application as the scenario's `programs:` section declares it: dispositions,
/// handlers with a cleanup time, children, a natural run time, and which children it waits for;
/// signals it blocks for a while (`app.sigprocmask`), a handler that forwards and waits
/// (`app.forward-wait`), signals it sends at set times (`app.send-signal`).
final class AppProgram: ProgramModel {
    let spec: ProgramSpec
    private var ownChildren: [Int] = []
    private var shuttingDown = false
    /// A forwarding handler's wait: the signal it caught, and the children it still waits for.
    private var forwarding: (signal: Signal, waitingFor: [Int])?

    init(spec: ProgramSpec) { self.spec = spec }

    var readyAfter: Millis { spec.readyAfter }

    func start(_ p: ProcessHandle) {
        for sig in spec.signals.keys.sorted() {
            switch spec.signals[sig]! {
            case .default: p.setDisposition(sig, .default)
            case .ignore: p.setDisposition(sig, .ignore)
            case .handle: p.setDisposition(sig, .handler)
            }
        }
        // The mask before the children: they inherit it (fork keeps it).
        for (i, b) in spec.blocks.enumerated() {
            if b.at == 0 { p.mask(b.signals) } else { p.after(b.at, .blockSignals(i)) }
            if let d = b.unblockAfter { p.after(b.at + d, .unblockSignals(i)) }
        }
        for (i, send) in spec.sends.enumerated() { p.after(send.at, .sendSignal(i)) }
        for (i, child) in spec.children.enumerated() {
            if child.startAfter == 0 {
                ownChildren.append(p.spawn(child.command, setsid: child.setsid, ignored: p.ignoredSignals, output: .closing(child.closes)))
            } else {
                p.after(child.startAfter, .startChild(i))
            }
        }
        if let t = spec.runsFor { p.after(t, .runTimeOver) }
    }

    func handleSignal(_ s: Signal, _ p: ProcessHandle) {
        guard case .handle(let h)? = spec.signals[s] else { return }
        if shuttingDown {
            p.record(.signalCaughtAgain, signal: s, rule: .appHandler)
            return
        }
        if let f = h.forward {
            startForward(s, f, p)
            return
        }
        if case .keepRunning = h.then {} else { shuttingDown = true }
        p.record(.signalCaught(cleanup: h.cleanup), signal: s, rule: .appHandler)
        if shuttingDown { p.workloadStopping(s) }
        p.after(h.cleanup, .handlerDone(s))
    }

    func timer(_ timer: ProgramTimer, _ p: ProcessHandle) {
        switch timer {
        case .runTimeOver:
            p.exit(spec.exitCode)
        case .handlerDone(let s):
            guard case .handle(let h)? = spec.signals[s] else { return }
            switch h.then {
            case .exit(let code):
                p.exit(code)
            case .keepRunning:
                break
            case .reraise:
                p.setDisposition(s, .default)
                p.kill(p.pid, s)
            }
        case .blockSignals(let i):
            guard spec.blocks.indices.contains(i) else { return }
            p.mask(spec.blocks[i].signals)
        case .unblockSignals(let i):
            guard spec.blocks.indices.contains(i) else { return }
            p.unmask(spec.blocks[i].signals)
        case .sendSignal(let i):
            guard spec.sends.indices.contains(i) else { return }
            send(spec.sends[i], p)
        case .forwardLimit:
            forwardLimitReached(p)
        case .forwardDone:
            if let (s, _) = forwarding { p.exit(exitCode(s), rule: .appForwardWait) }
        case .startChild(let i):
            guard spec.children.indices.contains(i) else { return }
            let child = spec.children[i]
            ownChildren.append(p.spawn(child.command, setsid: child.setsid, ignored: p.ignoredSignals, output: .closing(child.closes)))
        default:
            break
        }
    }

    func childDied(_ child: Int, _ status: WaitStatus, _ p: ProcessHandle) {
        if let (s, waiting) = forwarding {
            // waitpid in the handler's wait loop: any child, collected at once.
            p.reap(child, rule: .appForwardWait)
            let left = waiting.filter { $0 != child }
            forwarding = (s, left)
            if left.isEmpty { p.exit(exitCode(s), rule: .appForwardWait) }
            return
        }
        switch spec.reaps {
        case .all: p.reap(child)
        case .ownChildren: if ownChildren.contains(child) { p.reap(child) }
        case .none: break
        }
    }

    func httpRoute(_ path: String) -> HTTPRoute? { spec.http[path] }

    // MARK: forward and wait (`app.forward-wait`)

    private func startForward(_ s: Signal, _ f: SignalForward, _ p: ProcessHandle) {
        shuttingDown = true
        p.record(.signalCaught(cleanup: f.waitUpTo ?? 0), signal: s, rule: .appForwardWait)
        p.workloadStopping(s)
        // The children it started that still run (what it keeps the PIDs of); dead ones not
        // yet collected are collected first.
        let live = ownChildren.filter { p.children.contains($0) && !p.isZombie($0) }
        for c in p.children where p.isZombie(c) { p.reap(c, rule: .appForwardWait) }
        forwarding = (s, live)
        switch f.to {
        case .children:
            for c in live where p.isAlive { p.kill(c, s, rule: .appForwardWait) }
        case .group:
            p.killGroup(p.pgid, s, rule: .appForwardWait)
        }
        guard p.isAlive, let (_, waiting) = forwarding else { return }
        if waiting.isEmpty {
            p.after(0, .forwardDone)
        } else if let limit = f.waitUpTo {
            // A child that ends at the very millisecond the wait runs out is in time.
            p.deadline(limit, .forwardLimit)
        }
    }

    private func forwardLimitReached(_ p: ProcessHandle) {
        guard let (s, waiting) = forwarding, !waiting.isEmpty, case .handle(let h)? = spec.signals[s], let f = h.forward else { return }
        switch f.atLimit {
        case .exit:
            p.exit(f.limitExitCode ?? exitCode(s), rule: .appForwardWait)
        case .kill:
            // Its exit code is now the limit's; each SIGKILLed child is collected as it dies.
            limitHit = true
            for c in waiting where p.isAlive { p.kill(c, .kill, rule: .appForwardWait) }
        }
    }

    /// Set once the wait ran out and the children were SIGKILLed (`atLimit: kill`).
    private var limitHit = false

    private func exitCode(_ s: Signal) -> Int {
        guard case .handle(let h)? = spec.signals[s] else { return spec.exitCode }
        if limitHit, let c = h.forward?.limitExitCode { return c }
        if case .exit(let c) = h.then { return c }
        return spec.exitCode
    }

    // MARK: timed kill (`app.send-signal`)

    private func send(_ send: SignalSend, _ p: ProcessHandle) {
        let target: Int?
        let written: String
        switch send.target {
        case .group:
            p.killGroup(p.pgid, send.signal, rule: .appSendSignal)
            return
        case .parent: (target, written) = (p.parent, "parent")
        case .pid1: (target, written) = (p.process(nsPid: 1), "1")
        case .process(let name): (target, written) = (p.liveProcess(named: name), name)
        }
        guard let target, !p.isGone(target) else {
            p.record(.injectNoTarget(target: written), signal: send.signal, rule: .appSendSignal)
            return
        }
        p.kill(target, send.signal, rule: .appSendSignal)
    }
}
