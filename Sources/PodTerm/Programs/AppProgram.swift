/// A user's application as the scenario's `programs:` section declares it: dispositions,
/// handlers with a cleanup time, children, a natural run time, and which children it waits for.
final class AppProgram: ProgramModel {
    let spec: ProgramSpec
    private var ownChildren: [Int] = []
    private var shuttingDown = false

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
        case .startChild(let i):
            guard spec.children.indices.contains(i) else { return }
            let child = spec.children[i]
            ownChildren.append(p.spawn(child.command, setsid: child.setsid, ignored: p.ignoredSignals, output: .closing(child.closes)))
        default:
            break
        }
    }

    func childDied(_ child: Int, _ status: WaitStatus, _ p: ProcessHandle) {
        switch spec.reaps {
        case .all: p.reap(child)
        case .ownChildren: if ownChildren.contains(child) { p.reap(child) }
        case .none: break
        }
    }

    func httpRoute(_ path: String) -> HTTPRoute? { spec.http[path] }
}
