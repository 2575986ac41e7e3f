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
    /// The pod is gone (or, under docker, every container stopped): only network events remain.
    private(set) var podGoneAt: Millis?
    private var podGone: Bool { podGoneAt != nil }

    private(set) var kernel: Kernel!
    private(set) var runtime: ContainerRuntime!
    private(set) var kubelet: Kubelet!
    private(set) var api: APIServer!
    private(set) var network: Network!
    private(set) var docker: Docker!
    private(set) var catalog: ProgramCatalog!
    private(set) var workloads: Workloads!
    /// What stops the pod, one per scenario action, in the scenario's order.
    let stoppers: [any Stopper]

    /// The event budget (`EventBudget`).
    let maxEvents: Int
    /// Scheduled events processed so far.
    private(set) var processed = 0
    /// Set when the run stopped because it needed more than `maxEvents` events.
    private(set) var budgetExceeded: EventBudgetExceeded?

    init(scenario: Scenario, seed: UInt64, maxEvents: Int = EventBudget.defaultMaxEvents, keepsEvents: Bool = true) throws {
        self.scenario = scenario
        self.maxEvents = maxEvents
        self.rng = SeededGenerator(seed: seed)
        self.stoppers = scenario.actions.map(\.kind.stopper)
        self.recorder = Recorder(scenario: scenario, seed: seed, keepsEvents: keepsEvents)
        self.catalog = ProgramCatalog(programs: scenario.programs)
        self.kernel = Kernel(engine: self)
        self.runtime = try ContainerRuntime(engine: self)
        self.kubelet = Kubelet(engine: self)
        self.api = APIServer(engine: self)
        self.network = Network(engine: self)
        self.docker = Docker(engine: self)
        self.workloads = Workloads(engine: self)
        // Lower layers report upward through narrow interfaces, never by calling the layer above.
        kernel.reports = runtime
        runtime.hookReports = kubelet
        runtime.exitReports = scenario.frontDoor == .docker ? docker : kubelet
    }

    /// Schedules `action` `delay` ms from now.
    func schedule(_ action: Action, after delay: Millis) {
        queue.push(action, at: (now + max(0, delay)).ms)
    }

    /// Schedules a deadline `delay` ms from now: a timeout that stops waiting for something.
    /// It acts after everything else due in that millisecond (rule `tie.exit-before-deadline`),
    /// so an exit, a hook's end or a turn that comes at the very instant is seen as in time.
    func scheduleDeadline(_ action: Action, after delay: Millis) {
        queue.pushDeadline(action, at: (now + max(0, delay)).ms)
    }

    /// Records an event at the current time.
    func record(_ actor: Actor, _ kind: EventKind, container: Int? = nil, process: Int? = nil, signal: Signal? = nil, rule: Rule) {
        if !kernel.masksChanged.isEmpty { kernel.recordMaskChanges() }
        recorder.record(TimelineEvent(time: now, actor: actor, kind: kind, container: container, process: process, signal: signal, rule: rule))
    }

    /// Runs until nothing is left to do, the horizon, or the event budget (`budgetExceeded`).
    /// Once the pod is gone only the consumers of endpoints that have not yet applied the
    /// EndpointSlice change still act (`finish()`).
    func run() -> Timeline {
        let pending = simulate()
        let timeline = recorder.timeline(endedAt: now)
        if stoppedByBudget {
            budgetExceeded = EventBudgetExceeded(maxEvents: maxEvents, stoppedAt: now, horizon: scenario.horizon, pending: pending, timeline: timeline)
        }
        return timeline
    }

    /// Runs like `run()`, keeping only the live moment: its outcome (an outcome-only run).
    func runOutcome() -> Outcome {
        let pending = simulate()
        if stoppedByBudget {
            budgetExceeded = EventBudgetExceeded(maxEvents: maxEvents, stoppedAt: now, horizon: scenario.horizon, pending: pending,
                                                 timeline: recorder.timeline(endedAt: now))
        }
        return Outcome(moment: recorder.moment)
    }

    /// The run loop; returns how many events were still scheduled when it ended.
    private func simulate() -> Int {
        if scenario.pod.scheduled {
            runtime.startAll()
        } else {
            // api.not-running-delete: no node, so no kubelet and no container; only a delete acts.
            record(.scheduler, .podPending, rule: .scenarioStart)
        }
        // What the processes started with (handlers, ignores) is on the timeline at the start,
        // not at whatever event comes next.
        if !kernel.masksChanged.isEmpty { kernel.recordMaskChanges() }
        // Stop actions come from outside, like timeouts: at their millisecond they act after what
        // the processes do in it (rule `tie.stop-action-after-processes`), in the order listed.
        for (i, a) in scenario.actions.enumerated() {
            queue.pushDeadline(.scenarioAction(i), at: a.at.ms)
        }
        #if DEBUG
        checkedUpTo = recorder.eventCount
        #endif
        while let next = queue.nextTime {
            #if DEBUG
            checkedUpTo = recorder.eventCount
            #endif
            if Millis(next) > scenario.horizon {
                now = scenario.horizon
                record(.scenario, .horizonReached(pending: queue.count), rule: .scenarioStart)
                recorder.hitHorizon = true
                break
            }
            if processed >= maxEvents || recorder.eventCount >= maxEvents {
                // More to do than the budget allows: stop here, before the next event.
                stoppedByBudget = true
                break
            }
            let (t, action) = queue.pop()!
            precondition(t >= now.ms, "time went backwards")
            if podGone && !action.outlivesThePod && !actsOnTheObject(action) { continue }
            now = Millis(t)
            processed += 1
            dispatch(action)
            if !kernel.masksChanged.isEmpty { kernel.recordMaskChanges() }
            #if DEBUG
            checkInvariants()
            #endif
        }
        let pending = queue.count
        workloads.finish(at: now)
        kernel.settleUndelivered()
        return pending
    }

    private var stoppedByBudget = false

    private func dispatch(_ action: Action) {
        switch action {
        case .scenarioAction(let i):
            stoppers[i].act(self)
        case .deliver(let pid, let signal, let origin):
            kernel.deliver(signal, to: pid, origin: origin)
        case .programTimer(let pid, let generation, let timer):
            kernel.fireTimer(pid: pid, generation: generation, timer: timer)
        case .consumerApplies(let i, let routes):
            network.consumerApplies(i, routes: routes)
        case .containerReady(let c, let token):
            network.containerReady(c, token: token)
        case .endpointSync:
            network.sync()
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
        case .startPodKill:
            kubelet.startPodKill()
        case .drainRetry(let eviction, let startedAt):
            PodEviction(eviction: eviction).attempt(self, startedAt: startedAt)
        }
    }

    /// Whether `action` still acts once the containers are gone because it acts on the API
    /// object, which stays until it is deleted: a delete or a drain of a pod that completed or
    /// was evicted, which removes it at once (`api.not-running-delete`).
    private func actsOnTheObject(_ action: Action) -> Bool {
        guard !api.objectRemoved else { return false }
        switch action {
        case .scenarioAction(let i): return stoppers[i].actsOnTheAPIObject
        case .drainRetry: return true
        default: return false
        }
    }

    /// The pod is gone: nothing more happens to it or in it. What is still scheduled for its
    /// containers and processes is dropped; only the consumers of endpoints that have not yet
    /// applied the EndpointSlice change remain, because they apply it in reality, pod or no
    /// pod, and until then keep sending it requests (`endpoints.consumer-delay`).
    func finish() {
        guard !podGone else { return }
        podGoneAt = now
        let pending = queue.pendingInOrder()
        queue = EventQueue()
        for (t, action) in pending where action.outlivesThePod || actsOnTheObject(action) { queue.push(action, at: t) }
    }

    #if DEBUG
    /// Invariants checked after every event in debug and test builds.
    private func checkInvariants() {
        guard recorder.keepsEvents else { return }
        let events = recorder.events
        let checkedFrom = checkedUpTo
        var previous = checkedUpTo > 0 ? events[checkedUpTo - 1].time : 0
        for e in events[checkedUpTo...] {
            precondition(e.time >= previous, "time went backwards in the timeline")
            precondition(e.time == now, "event recorded at a time other than now")
            previous = e.time
        }
        checkedUpTo = events.count
        // Nothing happens to the pod after it is gone; only the network still changes, and a
        // delete or a drain may still remove the API object (api.not-running-delete).
        if let goneAt = podGoneAt, now > goneAt {
            for e in events[checkedFrom...] {
                switch e.actor {
                case .consumer, .kubectl, .api: continue
                default: preconditionFailure("something happened to the pod after it was gone")
                }
            }
        }
    }

    private var checkedUpTo = 0
    #endif
}
