/// The world of one run: the clock, the event queue, the actors and what they record.
///
/// Synchronous and single-threaded: the order of events is decided only by the queue's
/// `(time, sequence)` order, never by threads or tasks. Not thread-safe; one run owns one engine.
final class Engine {
    let scenario: Scenario
    private(set) var now: Millis = 0
    var queue = EventQueue<Action>()
    var rng: SeededGenerator
    let recorder: Recorder
    var finished = false

    private(set) var kernel: Kernel!
    private(set) var runtime: ContainerRuntime!
    private(set) var kubelet: Kubelet!
    private(set) var network: Network!
    private(set) var docker: Docker!
    private(set) var catalog: ProgramCatalog!
    private(set) var workloads: Workloads!

    init(scenario: Scenario, seed: UInt64) throws {
        self.scenario = scenario
        self.rng = SeededGenerator(seed: seed)
        self.recorder = Recorder(scenario: scenario, seed: seed)
        self.catalog = ProgramCatalog(programs: scenario.programs)
        self.kernel = Kernel(engine: self)
        self.runtime = try ContainerRuntime(engine: self)
        self.kubelet = Kubelet(engine: self)
        self.network = Network(engine: self)
        self.docker = Docker(engine: self)
        self.workloads = Workloads(engine: self)
    }

    /// Schedules `action` `delay` ms from now.
    func schedule(_ action: Action, after delay: Millis) {
        queue.push(action, at: now + max(0, delay))
    }

    /// Records an event at the current time.
    func record(_ actor: Actor, _ kind: EventKind, container: Int? = nil, process: Int? = nil, signal: Signal? = nil, rule: Rule) {
        recorder.events.append(TimelineEvent(time: now, actor: actor, kind: kind, container: container, process: process, signal: signal, rule: rule))
    }

    /// Runs until the pod is gone, nothing is left to do, or the horizon.
    func run() -> Timeline {
        runtime.startAll()
        for (i, a) in scenario.actions.enumerated() {
            queue.push(.scenarioAction(i), at: a.at)
        }
        #if DEBUG
        checkedUpTo = recorder.events.count
        #endif
        while !finished, let next = queue.nextTime {
            #if DEBUG
            checkedUpTo = recorder.events.count
            #endif
            if next > scenario.horizon {
                now = scenario.horizon
                record(.scenario, .horizonReached(pending: queue.count), rule: .scenarioStart)
                recorder.hitHorizon = true
                break
            }
            let (t, action) = queue.pop()!
            precondition(t >= now, "time went backwards")
            now = t
            dispatch(action)
            #if DEBUG
            checkInvariants()
            #endif
        }
        recorder.workloads = workloads.finish(at: now)
        kernel.settleUndelivered()
        return recorder.timeline(endedAt: now)
    }

    private func dispatch(_ action: Action) {
        switch action {
        case .scenarioAction(let i):
            kubelet.perform(scenario.actions[i])
        case .deliver(let pid, let signal, let origin):
            kernel.deliver(signal, to: pid, origin: origin)
        case .programTimer(let pid, let generation, let timer):
            kernel.fireTimer(pid: pid, generation: generation, timer: timer)
        case .consumerApplies(let i):
            network.consumerApplies(i)
        case .preStopCompletes(let c, let run, let ok, let detail):
            kubelet.preStopCompleted(container: c, run: run, succeeded: ok, detail: detail)
        case .preStopDeadline(let c, let run):
            kubelet.preStopDeadline(container: c, run: run)
        case .sidecarDeadline(let c, let run):
            kubelet.sidecarDeadline(container: c, run: run)
        case .stopTimeout(let c, let instance):
            runtime.stopTimeout(container: c, instance: instance)
        case .dockerStopTimeout(let c, let instance):
            docker.stopTimeout(container: c, instance: instance)
        case .restartContainer(let c):
            kubelet.restart(container: c)
        case .startContainer(let c):
            runtime.start(c)
            if runtime.containers[c].isSidecar { runtime.scheduleNextStart(after: c) }
        case .workloadTimer(let w, let token):
            workloads.timer(workload: w, token: token)
        }
    }

    /// Ends the run after the current event: the pod is gone.
    func finish() { finished = true }

    #if DEBUG
    /// Invariants checked after every event in debug and test builds.
    private func checkInvariants() {
        let events = recorder.events
        var previous = checkedUpTo > 0 ? events[checkedUpTo - 1].time : 0
        for e in events[checkedUpTo...] {
            precondition(e.time >= previous, "time went backwards in the timeline")
            precondition(e.time == now, "event recorded at a time other than now")
            previous = e.time
        }
        checkedUpTo = events.count
        if let goneAt = recorder.pod.goneAt { precondition(now == goneAt, "something happened after the pod was gone") }
    }

    private var checkedUpTo = 0
    #endif
}
