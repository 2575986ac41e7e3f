/// The numbers and names of one event as typed values: what `podterm.timeline/v2` writes beside
/// each event's message, so a reader never has to parse the message.
///
/// Every field is nil unless it applies to the event's kind (the README and
/// `schemas/podterm.timeline.v2.schema.json` list which apply to which). Units are in the names.
struct EventFields {
    var from: String?
    var parent: String?
    var parentPid: Int?
    var via: String?
    var consumer: String?
    var program: String?
    var argv: [String]?
    var previousArgv: [String]?
    var graceSeconds: Int?
    var requestedGraceSeconds: Int?
    var currentGraceSeconds: Int?
    var maxPodGraceSeconds: Int?
    var graceLeftSeconds: Int?
    var timeoutSeconds: Int?
    var deadlineMs: Millis?
    var elapsedMs: Millis?
    var cleanupMs: Millis?
    var actsAtMs: Millis?
    var nextInMs: Millis?
    var sessionTimeoutMs: Millis?
    var exitCode: Int?
    var httpStatus: Int?
    var waitStatus: Int?
    var reason: String?
    var phase: String?
    var eviction: String?
    var probe: String?
    var command: String?
    var hook: LifecycleHandler?
    var rewrittenTo: String?
    var victims: Int?
    var pendingEvents: Int?
    var restartCount: Int?
    var requestsInFlight: Int?
    var bufferedMessages: Int?
    var succeeded: Bool?
    var force: Bool?
    var now: Bool?
    var floored: Bool?
    var critical: Bool?
    var oomKilled: Bool?
    var exitTrap: Bool?
    var swallowed: Bool?
    var unsupported: Bool?
    var wasListening: Bool?
    var lost: Bool?
    var stopped: Bool?
    var error: String?
    var newSession: Bool?
    var handlers: [String]?
    var ignoredSignals: [String]?
    var blockedSignals: [String]?
    var workload: String?
    /// A workload's figures (`workload.meters`), by name, in order.
    var meters: [(name: String, value: FigureValue)]?
    /// How those figures grow until the workload's next `workload.meters` (`MeterGrowth`).
    var growth: MeterGrowth?
    /// The event's signal, or for `docker.command` and `supervisor.program-ended` the signal
    /// the command sends or that ended the program.
    var signal: Signal?
}

/// Reads the typed fields of a timeline's events in order, remembering the little it needs
/// from earlier events (when the pod was deleted, which preStop hook each container runs).
///
/// Linear: one pass, constant work per event.
struct EventFieldReader {
    let timeline: Timeline
    let words: EventText
    /// The stable id of each process (`app/server`, `app/sleep#2`), by index.
    let processKeys: [String]
    private var deletedAt: Millis?
    private var hooks: [LifecycleHandler?]

    init(_ timeline: Timeline, words: EventText, processKeys: [String]) {
        self.timeline = timeline
        self.words = words
        self.processKeys = processKeys
        hooks = Array(repeating: nil, count: timeline.containers.count)
    }

    /// The stable id of who sent a signal: `runtime`, `kernel`, `oom-killer` or a process id.
    static func originName(_ o: SignalOrigin, keys: [String]) -> String {
        switch o {
        case .runtime: return "runtime"
        case .namespaceTeardown: return "kernel"
        case .oomKiller: return "oom-killer"
        case .node: return "node"
        case .timer: return "timer"
        case .process(let i): return keys[i]
        }
    }

    private func originName(_ o: SignalOrigin) -> String { Self.originName(o, keys: processKeys) }

    /// The fields of event number `index`; call for every event, in order.
    mutating func fields(_ e: TimelineEvent, index: Int) -> EventFields {
        var f = EventFields()
        f.signal = e.signal
        let t = timeline
        func setParent(_ p: Int?) {
            f.parent = p.map { processKeys[$0] }
            f.parentPid = p.map { t.processes[$0].pid }
        }
        switch e.kind {
        case .processStarted(let parent, let argv, let newSession):
            setParent(parent)
            f.argv = argv
            f.newSession = newSession
        case .deleteRequested(let o, let grace):
            f.graceSeconds = grace
            f.requestedGraceSeconds = o.gracePeriod
            f.force = o.force
            f.now = o.now
        case .podTerminating(let grace):
            deletedAt = e.time
            f.graceSeconds = grace
            f.deadlineMs = e.time + GraceSeconds(grace).millis
        case .podObjectRemoved, .endpointNotReady, .endpointChanged, .signalCaughtAgain, .oomKill,
             .endpointRemoved, .trapDeferred, .signalTaken, .regularContainersDone, .signalDelivered,
             .sandboxStopped, .dockerRemoved:
            break
        case .sidecarWaits(let left):
            f.graceLeftSeconds = left
            f.deadlineMs = e.time + GraceSeconds(max(left, 0)).millis
        case .dispositionsChanged(let d, let blocked):
            f.handlers = d.caught.signals.map(\.name)
            f.ignoredSignals = d.ignored.signals.map(\.name)
            f.blockedSignals = blocked.signals.map(\.name)
        case .meters(let w, let values, let growth):
            let m = t.lastMoment.workloads[w]
            f.workload = m.name
            f.meters = zip(m.names, values).map { ($0, $1) }
            f.growth = growth
        case .killPod(let grace):
            f.graceSeconds = grace
        case .consumerStopped, .consumerResumed:
            if case .consumer(let i) = e.actor { f.consumer = t.consumers[i] }
        case .preStopStarted(let h, let grace):
            f.hook = h
            f.graceLeftSeconds = grace
            f.deadlineMs = e.time + GraceSeconds(grace).millis
            if let c = e.container { hooks[c] = h }
        case .preStopFinished(let ok, let elapsed, let detail, _):
            f.succeeded = ok
            f.elapsedMs = elapsed
            f.graceLeftSeconds = words.graceLeftSeconds(e)
            let hook = e.container.flatMap { hooks[$0] }
            if ok {
                if case .exec? = hook { f.exitCode = detail }
                if case .httpGet? = hook { f.httpStatus = detail }
            } else if detail == -1 {
                f.reason = "container-not-running"
            } else if detail == 0 {
                f.reason = "connection-refused"
            } else {
                f.reason = "exit-code"
                f.exitCode = detail
            }
        case .preStopAbandoned(let elapsed):
            f.elapsedMs = elapsed
        case .stopContainer(let timeout, let floored, let left):
            f.graceLeftSeconds = left
            f.timeoutSeconds = timeout
            f.floored = floored
            f.deadlineMs = e.time + GraceSeconds(timeout).millis
        case .signalSent(let origin):
            f.from = originName(origin)
        case .signalDiscarded(let why):
            f.reason = why.rawValue
        case .signalCaught(let cleanup):
            f.cleanupMs = cleanup
        case .killedBySignal(let origin):
            f.from = originName(origin)
            f.exitCode = e.signal?.exitCode
        case .exited(let code):
            f.exitCode = code
        case .becameZombie(let parent):
            setParent(parent)
        case .reaped(let by):
            setParent(by)
        case .reparented(let newParent):
            setParent(newParent)
        case .namespaceTeardown(let victims):
            f.victims = victims
        case .containerExited(let code, let reason):
            f.exitCode = code
            f.reason = reason.rawValue
        case .containerRestarted(let n):
            f.restartCount = n
        case .execFailed:
            f.exitCode = 127
        case .podGone(let phase, let reason):
            f.phase = phase.rawValue
            f.reason = reason
        case .horizonReached(let pending):
            f.pendingEvents = pending
        case .deleteIgnored(let grace, let current):
            f.graceSeconds = grace
            f.currentGraceSeconds = current
        case .deadlineShortened(let grace):
            // api.shorten-only: the deletionTimestamp moves back by the old grace and forward by
            // the new one (the first delete's time + grace), but never into the past.
            f.graceSeconds = grace
            f.deadlineMs = max((deletedAt ?? e.time) + GraceSeconds(grace).millis, e.time)
        case .evicted(let how, let grace):
            f.graceSeconds = grace
            switch how {
            case .api: f.eviction = "api"
            case .preemption: f.eviction = "preemption"
            case .softPressure(let max):
                f.eviction = "soft-pressure"
                f.maxPodGraceSeconds = max
            case .hardPressure: f.eviction = "hard-pressure"
            }
        case .disruptionTarget(let reason):
            f.reason = reason.rawValue
        case .evictionRefused(let retry):
            f.httpStatus = 429
            f.nextInMs = retry
        case .drainGaveUp(let timeout):
            f.elapsedMs = timeout
        case .podPending:
            f.phase = "Pending"
        case .nodeShuttingDown(let grace, let critical):
            f.graceSeconds = grace
            f.critical = critical
        case .graceShortened(let grace):
            f.graceSeconds = grace
        case .probeFailed(let probe, let grace):
            f.probe = probe.rawValue
            f.graceSeconds = grace
        case .dockerCommand(let cmd, let timeout):
            switch cmd {
            case .stop(_, let sig):
                f.command = "stop"
                f.signal = sig ?? e.container.map { t.containers[$0].stopSignal }
                f.timeoutSeconds = timeout
                if let timeout, timeout >= 0 { f.deadlineMs = e.time + GraceSeconds(timeout).millis }
            case .kill(let sig):
                f.command = "kill"
                f.signal = sig ?? .kill
            case .removeForce:
                f.command = "rm-f"
                f.signal = .kill
            case .remove:
                f.command = "rm"
            }
        case .dockerExited(let code, let oom):
            f.exitCode = code
            f.oomKilled = oom
        case .execed(let previous, let argv):
            f.argv = argv
            f.previousArgv = previous
        case .trapRuns(let exitTrap):
            f.exitTrap = exitTrap
        case .waitInterrupted(let status):
            f.waitStatus = status
        case .signalNoted(let at):
            f.actsAtMs = at
        case .sigprocmask(_, let signals, _):
            f.blockedSignals = signals.signals.map(\.name)
        case .signalRewritten(let to):
            f.rewrittenTo = to?.name
            f.swallowed = to == nil
        case .scriptError(let message, let unsupported):
            f.error = message
            f.unsupported = unsupported
        case .listenerClosed(let n):
            f.requestsInFlight = n
        case .requestsCut(let n, let wasListening):
            f.requestsInFlight = n
            f.wasListening = wasListening
        case .kafkaClosed(let n):
            f.bufferedMessages = n
        case .kafkaDied(let n, let lost, let timeout):
            f.bufferedMessages = n
            f.lost = lost
            f.sessionTimeoutMs = timeout
        case .outboundBroken(let via):
            f.via = processKeys[via]
        case .supervisorctlStop(let program):
            f.program = program
        case .injectNoTarget(let target):
            f.program = target
        case .supervisedEnded(let program, let status, let stopped):
            f.program = program
            f.exitCode = status.exitCode
            f.stopped = stopped
            if case .signaled(let s) = status { f.signal = s }
        case .sidecarStarted(let wait):
            f.nextInMs = wait
        }
        return f
    }
}
