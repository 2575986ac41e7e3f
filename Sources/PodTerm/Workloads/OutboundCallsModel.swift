/// Outbound calls a process makes through another container (a proxy sidecar): call n at
/// `floor(n·1000/rate)` ms while the process lives; a call made while the relaying
/// container's PID 1 is not running, or not yet ready (the `readyAfter` of its PID 1, or of a program that PID 1
/// starts with it), fails;
/// any other succeeds. A change at time t applies to
/// the calls at t.
final class OutboundCallsModel: WorkloadModel {
    unowned let engine: Engine
    let spec: WorkloadSpec
    let outbound: OutboundWorkload
    private(set) var pid: Int?
    /// The index of the container that relays the calls (nil: no container has that name).
    private let viaContainer: Int?

    private var alive = false
    private var viaPid: Int?
    private var viaReadyAt: Millis = 0
    private var viaStartedAt: Millis = 0
    private var last: Millis = 0
    private var ok = 0
    private var failed = 0

    init(engine: Engine, spec: WorkloadSpec, outbound: OutboundWorkload) {
        self.engine = engine
        self.spec = spec
        self.outbound = outbound
        viaContainer = (engine.scenario.pod.sidecars + engine.scenario.pod.containers).firstIndex { $0.name == outbound.via }
    }

    private func advance(to t: Millis) {
        guard t > last else { return }
        if alive {
            if viaPid != nil {
                let early = Arrivals.between(last, min(t, max(last, viaReadyAt)), rate: outbound.rate)
                failed += early
                ok += Arrivals.between(last, t, rate: outbound.rate) - early
            } else {
                failed += Arrivals.between(last, t, rate: outbound.rate)
            }
        }
        last = t
    }

    private func isVia(_ p: Int) -> Bool {
        let k = engine.kernel!
        return k.procs[p].container == viaContainer && k.isNamespaceInit(p)
    }

    func attach(_ pid: Int) {
        advance(to: engine.now)
        self.pid = pid
        alive = true
    }

    func stopHandlerStarted(_ signal: Signal) {}

    func processStarted(_ p: Int) {
        let k = engine.kernel!
        if isVia(p) {
            advance(to: engine.now)
            viaPid = p
            viaStartedAt = engine.now
            viaReadyAt = engine.now + k.procs[p].program.readyAfter
        } else if let v = viaPid, engine.now == viaStartedAt, k.procs[p].namespace == k.procs[v].namespace {
            // A program the relaying container's PID 1 started with it (under tini, a shell).
            advance(to: engine.now)
            viaReadyAt = max(viaReadyAt, engine.now + k.procs[p].program.readyAfter)
        }
    }

    func processDied(_ dead: Int) {
        if dead == pid, alive {
            advance(to: engine.now)
            alive = false
        } else if dead == viaPid {
            advance(to: engine.now)
            viaPid = nil
            if alive, let pid {
                engine.record(.process(pid), .outboundBroken(via: dead),
                              container: engine.kernel.procs[pid].container, process: pid, rule: .workloadOutboundViaProxy)
            }
        }
    }

    func finish(at t: Millis) -> WorkloadRecord {
        advance(to: t)
        return WorkloadRecord(name: spec.name, prefix: meterKind, figures: .init(uniqueKeys: meterNames, values: reading()))
    }

    var meterKind: String { "outbound" }
    var meterNames: [String] { ["calls", "ok", "failed"] }
    func reading() -> [FigureValue] { [.int(ok + failed), .int(ok), .int(failed)] }
    var growth: MeterGrowth { alive && outbound.rate > 0 ? .outbound(rate: outbound.rate, okFrom: viaPid == nil ? nil : viaReadyAt) : .none }
}
