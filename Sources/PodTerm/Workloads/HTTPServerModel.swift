/// A server behind a Service, counting what becomes of every request.
///
/// The server listens from its process's start; after a restart of its container, once its
/// program has started up again (`readyAfter`). Each consumer of endpoints sends its requests (request n at `floor(n·1000/rate)` ms, or a
/// seeded Poisson stream; see `ArrivalStream`) until it stops
/// routing (strictly before its stop time). A request arriving while the process listens is
/// accepted and ends `serviceTime` later: served if the process is still alive then (strictly
/// before its death), failed otherwise. A request arriving while the listener is closed, or
/// the process is gone or not started, is refused; when its container is restarted the new
/// process listens again, and a consumer that stopped routing while it was down sends again
/// once it has applied the endpoint's return (`kubelet.ready-when-running`). A change at time t applies to the arrivals
/// at t. Requests sent after the pod is gone, until a consumer applies the change (the run goes on
/// until it does), are refused; so are those it would still send after a horizon that came first. Counts are computed per interval between changes.
final class HTTPServerModel: WorkloadModel {
    unowned let engine: Engine
    let index: Int
    let spec: WorkloadSpec
    let http: HTTPWorkload
    private(set) var pid: Int?

    private var listening = false
    /// The listener is closed but open keep-alive connections still carry requests.
    private var keepAliveOpen = false
    private var routing: [Bool]
    private var stopAt: [Millis?]
    private var last: Millis = 0
    private var accepted = 0
    private var refused = 0
    private var failed = 0
    private var closeSerial = 0
    /// Intervals in which requests were accepted: [from, to) with these consumers sending.
    private var segments: [(from: Millis, to: Millis, senders: [Int])] = []
    /// Each consumer's arrivals, and its rate.
    private let streams: [ArrivalStream]
    private let rates: [Int]

    init(engine: Engine, index: Int, spec: WorkloadSpec, http: HTTPWorkload) {
        self.engine = engine
        self.index = index
        self.spec = spec
        self.http = http
        let n = engine.scenario.network.consumers.count
        routing = Array(repeating: true, count: n)
        stopAt = Array(repeating: nil, count: n)
        let base = engine.rng.fork(stream: 0x7265_7175 &+ UInt64(index))
        let consumers = engine.scenario.network.consumers
        let rates = (0..<n).map { http.consumerRates[consumers[$0].name] ?? http.rate }
        self.rates = rates
        streams = (0..<n).map { i in ArrivalStream(rate: rates[i], pattern: http.arrivals, rng: base.fork(stream: UInt64(i))) }
    }

    private var senders: [Int] { routing.indices.filter { routing[$0] } }

    private func arrivals(_ from: Millis, _ to: Millis, senders: [Int]) -> Int {
        senders.reduce(0) { $0 + streams[$1].between(from, to) }
    }

    /// Accounts every arrival in [last, t) with the current state.
    private func advance(to t: Millis) {
        guard t > last else { return }
        let now = senders
        let n = arrivals(last, t, senders: now)
        if listening || keepAliveOpen {
            accepted += n
            if n > 0 { segments.append((last, t, now)) }
        } else {
            refused += n
        }
        last = t
    }

    /// Accepted requests that arrived in [t − serviceTime, t): those still running at t.
    private func inFlight(at t: Millis) -> Int {
        var n = 0
        for s in segments.reversed() {
            if s.to <= t - http.serviceTime { break }
            n += arrivals(max(s.from, t - http.serviceTime), min(s.to, t), senders: s.senders)
        }
        return n
    }

    func attach(_ pid: Int) {
        advance(to: engine.now)
        keepAliveOpen = false
        stopping = false
        // A restarted server listens once its program has started up again (`readyAfter`, what
        // a startupProbe waits for); the run starts with the first one serving.
        let wait = self.pid == nil ? 0 : engine.kernel.procs[pid].program.readyAfter
        self.pid = pid
        listening = wait == 0
        if wait > 0 {
            closeSerial += 1
            openToken = closeSerial
            engine.schedule(.workloadTimer(workload: index, token: closeSerial), after: wait)
        }
    }

    /// The timer that opens the listener of a server still starting up; whether its stop handler started.
    private var openToken: Int?
    private var stopping = false

    func stopHandlerStarted(_ signal: Signal) {
        stopping = true
        guard listening else { return }
        if http.keepServing == 0 {
            closeListener()
        } else {
            closeSerial += 1
            engine.schedule(.workloadTimer(workload: index, token: closeSerial), after: http.keepServing)
        }
    }

    func timer(_ token: Int) {
        if token == openToken {
            openToken = nil
            guard let p = pid, engine.kernel.procs[p].alive, !stopping, !listening else { return }
            advance(to: engine.now)
            listening = true
            return
        }
        if token == closeSerial, listening { closeListener() }
    }

    private func closeListener() {
        advance(to: engine.now)
        listening = false
        keepAliveOpen = !http.closeKeepAlive
        engine.record(.process(pid!), .listenerClosed(inFlight: inFlight(at: engine.now)),
                      container: engine.kernel.procs[pid!].container, process: pid, rule: .workloadListenerClosed)
    }

    func processDied(_ dead: Int) {
        guard dead == pid, last <= engine.now else { return }
        advance(to: engine.now)
        let cut = inFlight(at: engine.now)
        failed += cut
        let wasListening = listening || keepAliveOpen
        listening = false
        keepAliveOpen = false
        segments.removeAll()
        engine.record(.process(dead), .requestsCut(cut: cut, wasListening: wasListening),
                      container: engine.kernel.procs[dead].container, process: dead, rule: .workloadRequestsCut)
    }

    func consumerScheduled(_ i: Int, at: Millis) {
        if stopAt[i] == nil || at < stopAt[i]! { stopAt[i] = at }
    }

    func consumerApplied(_ i: Int) {
        guard routing[i] else { return }
        advance(to: engine.now)
        routing[i] = false
    }

    func consumerResumed(_ i: Int) {
        guard !routing[i] else { return }
        advance(to: engine.now)
        routing[i] = true
        stopAt[i] = nil
    }

    /// A restarted container's server listens again (`kubelet.ready-when-running`).
    var reattachesOnRestart: Bool { true }

    func finish(at t: Millis) -> WorkloadRecord {
        advance(to: t)
        // Consumers that had not applied the change when the horizon ended the run keep sending until they do.
        for i in routing.indices where routing[i] {
            guard let s = stopAt[i], s > t else { continue }
            let n = streams[i].between(t, s)
            if listening || keepAliveOpen { accepted += n } else { refused += n }
        }
        return WorkloadRecord(name: spec.name, prefix: meterKind, figures: .init(uniqueKeys: meterNames, values: reading()))
    }

    var meterKind: String { "traffic" }
    var meterNames: [String] { ["requests", "served", "refused", "failed"] }
    func reading() -> [FigureValue] { [.int(accepted + refused), .int(accepted - failed), .int(refused), .int(failed)] }
    var growth: MeterGrowth {
        let sending = senders.map { rates[$0] }.filter { $0 > 0 }
        if sending.isEmpty { return .none }
        return http.arrivals == .constant ? .traffic(rates: sending, accepted: listening || keepAliveOpen) : .notClosedForm
    }
}
