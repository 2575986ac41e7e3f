/// The workloads of a run: attaches each to its process and passes on the engine's events.
///
/// Hooks: the kernel calls `processStarted` (spawn, exec) and `processDied`; a program calls
/// `stopHandlerStarted` when the handler of a signal that shuts it down starts
/// (`ProcessHandle.workloadStopping`); the network calls `consumerScheduled` and
/// `consumerApplied`, `consumerResumed`. Workloads only observe: they never change what the processes do.
final class Workloads {
    unowned let engine: Engine
    private(set) var models: [WorkloadModel] = []
    /// The containers' names, in the engine's order (sidecars, then the regular containers).
    let containerNames: [String]

    init(engine: Engine) {
        self.engine = engine
        containerNames = (engine.scenario.pod.sidecars + engine.scenario.pod.containers).map(\.name)
        for (i, w) in engine.scenario.workloads.enumerated() {
            switch w.kind {
            case .http(let h): models.append(HTTPServerModel(engine: engine, index: i, spec: w, http: h))
            case .kafka(let k): models.append(KafkaConsumerModel(engine: engine, spec: w, kafka: k))
            case .outbound(let o): models.append(OutboundCallsModel(engine: engine, spec: w, outbound: o))
            }
            let m = models[models.count - 1]
            let first = m.reading()
            said.append((first, m.growth))
            engine.recorder.declareWorkload(name: w.name, kind: m.meterKind, names: m.meterNames, values: first, growth: m.growth)
        }
    }

    /// The figures the timeline last recorded for each workload, and their law of growth.
    private var said: [(values: [FigureValue], growth: MeterGrowth)] = []

    /// Records a `meters` event for every workload whose figures, or the law they grow by
    /// (`MeterGrowth`), changed since the last one.
    private func recordMeters(_ actor: (WorkloadModel) -> Actor) {
        for (i, m) in models.enumerated() {
            let now = m.reading(), growth = m.growth
            guard now != said[i].values || !growth.sameLaw(as: said[i].growth) else { continue }
            said[i] = (now, growth)
            let who = actor(m)
            var container: Int?
            if case .process(let p) = who { container = engine.kernel.procs[p].container }
            engine.record(who, .meters(workload: i, values: now, growth: growth), container: container, process: m.pid, rule: .workloadMeters)
        }
    }

    private func byItsProcess(_ m: WorkloadModel) -> Actor { m.pid.map { .process($0) } ?? .scenario }

    var isEmpty: Bool { models.isEmpty }

    func processStarted(_ pid: Int) {
        guard !models.isEmpty else { return }
        let kernel = engine.kernel!
        let c = kernel.procs[pid].container
        let containerName = containerNames[c]
        let name = kernel.procs[pid].name
        for m in models {
            m.processStarted(pid)
            // A server whose process died listens again in the restarted container.
            let free = m.pid.map { m.reattachesOnRestart && !kernel.procs[$0].alive } ?? true
            guard free, m.spec.container == containerName else { continue }
            let matches = m.spec.program.map { $0 == name } ?? kernel.isNamespaceInit(pid)
            if matches { m.attach(pid) }
        }
        recordMeters(byItsProcess)
    }

    func stopHandlerStarted(_ pid: Int, _ signal: Signal) {
        for m in models where m.pid == pid { m.stopHandlerStarted(signal) }
        recordMeters(byItsProcess)
    }

    func processDied(_ pid: Int) {
        for m in models { m.processDied(pid) }
        recordMeters(byItsProcess)
    }

    func consumerScheduled(_ i: Int, at: Millis) {
        for m in models { m.consumerScheduled(i, at: at) }
    }

    func consumerApplied(_ i: Int) {
        for m in models { m.consumerApplied(i) }
        recordMeters { _ in .consumer(i) }
    }

    func consumerResumed(_ i: Int) {
        for m in models { m.consumerResumed(i) }
        recordMeters { _ in .consumer(i) }
    }

    func timer(workload: Int, token: Int) {
        models[workload].timer(token)
        recordMeters(byItsProcess)
    }

    /// The figures of every workload, at the end of the run (recorded as their last meters).
    @discardableResult
    func finish(at t: Millis) -> [WorkloadRecord] {
        let records = models.map { $0.finish(at: t) }
        recordMeters { _ in .scenario }
        return records
    }
}

extension ProcessHandle {
    /// Tells the workloads attached to this process that the handler of `signal`, which
    /// shuts the process down, starts now.
    func workloadStopping(_ signal: Signal) {
        kernel.engine.workloads.stopHandlerStarted(pid, signal)
    }
}
