/// Folds a timeline's events, one at a time and in order, into the `Moment` after them.
///
/// The only place where events become state: the recorder folds each event as it is recorded
/// (the timeline's records are the last moment's), and `Timeline.moment(at:)` folds from the
/// nearest snapshot. Constant work per event, except a namespace teardown's victims.
public struct MomentFold: Sendable {
    /// The state after the events applied so far.
    public private(set) var moment: Moment
    /// A signal sent to a process that was already collected gets no entry in its received
    /// list: the event right after the send (its `signal.discarded`) then has nothing to settle.
    private var sentWithoutEntry: (process: Int, signal: Signal, afterEvent: Int)?

    /// Starts from `initial` (usually a timeline's first moment, `eventCount` 0).
    public init(from initial: Moment) { moment = initial }

    /// Applies the next event.
    public mutating func apply(_ e: TimelineEvent) {
        let index = moment.eventCount
        moment.eventCount += 1
        moment.time = e.time
        let t = e.time
        switch e.kind {
        case .processStarted(let parent, let argv, let newSession):
            started(e, parent: parent, argv: argv, newSession: newSession)
        case .execed(_, let argv):
            guard let p = e.process else { break }
            let old = moment.processes[p]
            moment.processes[p].earlierImages.append(ProcessImage(name: old.name, argv: old.argv, untilEvent: index))
            moment.processes[p].name = ProgramCatalog.displayName(argv)
            moment.processes[p].argv = argv
            moment.processes[p].status = .running
        case .dispositionsChanged(let d, let blocked):
            guard let p = e.process else { break }
            moment.processes[p].dispositions = d
            moment.processes[p].blocked = blocked
        case .signalSent(let origin):
            guard let p = e.process, let s = e.signal else { break }
            if moment.processes[p].status == .reaped {
                sentWithoutEntry = (p, s, index)
            } else {
                moment.processes[p].received.append(ReceivedSignal(at: t, signal: s, origin: origin, fate: .caught))
                moment.processes[p].pendingEntries.append(moment.processes[p].received.count - 1)
            }
        case .signalDiscarded(let why):
            guard let p = e.process, let s = e.signal else { break }
            if let w = sentWithoutEntry, w.process == p, w.signal == s, w.afterEvent == index - 1, why == .deadTarget { break }
            settle(p, s, .discarded(why))
        case .signalDelivered:
            if let p = e.process, let s = e.signal { settle(p, s, .caught) }
        case .signalCaught(let cleanup):
            if let p = e.process, moment.processes[p].isAlive { moment.processes[p].status = .inHandler(until: t + cleanup) }
        case .signalNoted(let at):
            if let p = e.process, moment.processes[p].isAlive { moment.processes[p].status = .inHandler(until: at) }
        case .killedBySignal(let origin):
            guard let p = e.process, let s = e.signal else { break }
            settle(p, s, .killed)
            ended(p, ProcessEnd(at: t, status: .signaled(s), killedBy: origin))
        case .exited(let code):
            if let p = e.process { ended(p, ProcessEnd(at: t, status: .exited(code), killedBy: nil)) }
        case .becameZombie:
            guard let p = e.process else { break }
            moment.processes[p].wasZombie = true
            if moment.processes[p].status != .reaped { moment.processes[p].status = .zombie }
        case .reaped(let by):
            guard let p = e.process else { break }
            moment.processes[p].reapedAt = t
            moment.processes[p].status = .reaped
            if by != nil { moment.processes[p].reapedByParent = true }
        case .reparented(let newParent):
            if let p = e.process { moment.processes[p].parent = newParent }
        case .containerExited(let code, let reason):
            guard let c = e.container else { break }
            if let p = e.process, let end = moment.processes[p].end, end.status == .signaled(.kill), end.killedBy == .runtime {
                moment.containers[c].sigkillAt = t
            }
            moment.containers[c].exits.append(ContainerExit(at: t, code: code, reason: reason))
            moment.containers[c].phase = .exited(code: code, reason: reason)
            moment.containers[c].nextPid = 1
            moment.containers[c].initProcess = nil
        case .containerRestarted(let n):
            guard let c = e.container else { break }
            moment.containers[c].restarts = n
            moment.containers[c].phase = .restarting
        case .preStopStarted(_, let grace):
            guard let c = e.container else { break }
            moment.containers[c].preStop = PreStopRecord(startedAt: t, endedAt: nil, succeeded: false, abandoned: false)
            moment.containers[c].phase = .preStop(until: t + GraceSeconds(grace).millis)
        case .preStopFinished(let ok, _, _, _):
            guard let c = e.container else { break }
            moment.containers[c].preStop?.endedAt = t
            moment.containers[c].preStop?.succeeded = ok
            hookEnded(c)
        case .preStopAbandoned:
            guard let c = e.container else { break }
            moment.containers[c].preStop?.endedAt = t
            moment.containers[c].preStop?.abandoned = true
            hookEnded(c)
        case .stopContainer(let timeout, _, _):
            guard let c = e.container else { break }
            let signal = timeout > 0 ? moment.containers[c].stopSignal : .kill
            if timeout > 0 { moment.containers[c].stopSignalAt = t }
            moment.containers[c].phase = .stopSignalSent(signal: signal, killAt: t + GraceSeconds(timeout).millis)
        case .dockerCommand(let cmd, let timeout):
            guard let c = e.container, case .stop(_, let sig) = cmd else { break }
            moment.containers[c].stopSignalAt = t
            let killAt = timeout.flatMap { $0 >= 0 ? t + GraceSeconds($0).millis : nil }
            moment.containers[c].phase = .stopSignalSent(signal: sig ?? moment.containers[c].stopSignal, killAt: killAt)
        case .podTerminating(let grace):
            moment.pod.deletedAt = t
            moment.pod.deletionGrace = grace
            moment.pod.deletionDeadline = t + GraceSeconds(grace).millis
        case .deadlineShortened(let grace):
            moment.pod.deletionGrace = grace
            moment.pod.deletionDeadline = max((moment.pod.deletedAt ?? t) + GraceSeconds(grace).millis, t)
        case .podObjectRemoved:
            if moment.pod.objectRemovedAt == nil { moment.pod.objectRemovedAt = t }
        case .killPod(let grace):
            moment.pod.effectiveGrace = grace
            moment.pod.killStartedAt = t
            moment.pod.killDeadline = t + GraceSeconds(grace).millis
        case .graceShortened(let grace):
            moment.pod.effectiveGrace = grace
        case .endpointNotReady:
            // serving stays: it follows the pod's readiness, which a deletion does not change.
            moment.pod.ready = false
            moment.pod.terminating = true
        case .endpointRemoved:
            if moment.pod.serving && moment.pod.notServingAt == nil { moment.pod.notServingAt = t }
            moment.pod.ready = false
            moment.pod.serving = false
        case .endpointChanged(let ready, let serving, let terminating):
            if !serving && moment.pod.notServingAt == nil { moment.pod.notServingAt = t }
            if ready { moment.pod.readyAgainAt = t }
            moment.pod.ready = ready
            moment.pod.serving = serving
            moment.pod.terminating = terminating
        case .consumerResumed:
            guard case .consumer(let i) = e.actor else { break }
            moment.consumers[i].routing = true
            moment.consumers[i].resumedRoutingAt = t
        case .sandboxStopped:
            moment.pod.sandboxStoppedAt = t
            if let c = e.container, let p = e.process, let end = moment.processes[p].end {
                moment.containers[c].phase = .exited(code: end.status.exitCode, reason: end.status == .exited(0) ? .completed : .error)
                moment.containers[c].initProcess = nil
            }
        case .dockerRemoved:
            if let c = e.container { moment.containers[c].removedAt = t }
        case .podGone(let phase, let reason):
            moment.pod.goneAt = t
            moment.pod.terminalPhase = phase
            moment.pod.reason = reason
        case .podPending:
            moment.pod.scheduled = false
        case .disruptionTarget(let reason):
            moment.pod.disruptionTarget = reason
        case .evictionRefused:
            moment.pod.evictionsRefused += 1
        case .consumerStopped:
            guard case .consumer(let i) = e.actor else { break }
            if moment.consumers[i].stoppedRoutingAt == nil { moment.consumers[i].stoppedRoutingAt = t }
            moment.consumers[i].routing = false
        case .meters(let w, let values, let growth):
            moment.workloads[w].values = values
            moment.workloads[w].growth = growth
            moment.workloads[w].asOf = t
        case .deleteRequested, .sidecarWaits, .signalCaughtAgain, .namespaceTeardown, .oomKill, .execFailed,
             .horizonReached, .deleteIgnored, .evicted, .nodeShuttingDown, .probeFailed, .dockerExited,
             .trapRuns, .trapDeferred, .waitInterrupted, .signalTaken, .signalRewritten, .scriptError,
             .listenerClosed, .requestsCut, .kafkaClosed, .kafkaDied, .outboundBroken, .supervisorctlStop,
             .supervisedEnded, .sidecarStarted, .regularContainersDone, .injectNoTarget, .drainGaveUp, .sigprocmask:
            break
        }
    }

    private mutating func started(_ e: TimelineEvent, parent: Int?, argv: [String], newSession: Bool) {
        guard let p = e.process, let c = e.container else { return }
        precondition(p == moment.processes.count, "processes start in index order")
        let shared = moment.pod.sharesProcessNamespace
        let pid: Int
        if shared {
            // One PID namespace for the pod: one sequence of PIDs, the pause process's 1 first.
            pid = moment.pod.nextSharedPid
            moment.pod.nextSharedPid += 1
        } else {
            pid = moment.containers[c].nextPid
            moment.containers[c].nextPid += 1
        }
        var pgid = p, sid = p
        if let parent, !newSession {
            pgid = moment.processes[parent].pgid
            sid = moment.processes[parent].sid
        }
        moment.processes.append(ProcessState(
            container: c, containerInstance: moment.containers[c].instance, pid: pid, parent: parent, startParent: parent,
            pgid: pgid, sid: sid, name: ProgramCatalog.displayName(argv), argv: argv, earlierImages: [],
            startedAt: e.time, status: .running, dispositions: SignalDispositions(), blocked: SignalSet(),
            received: [], pendingEntries: [], end: nil, reapedAt: nil, wasZombie: false, reapedByParent: false))
        // A container's own process: its PID 1, or in a shared namespace the first process the
        // runtime starts in its instance (its main process; an exec'd hook comes later).
        if shared ? (parent == nil && moment.containers[c].initProcess == nil && !isExitedInstance(c)) : pid == 1 {
            moment.containers[c].initProcess = p
            moment.containers[c].phase = .running
        }
    }

    /// Whether container `c`'s current instance has already ended (its next starts with a restart).
    private func isExitedInstance(_ c: Int) -> Bool {
        if case .exited = moment.containers[c].phase { return true }
        return false
    }

    /// The latest pending entry of signal `s` for process `p` gets its fate.
    private mutating func settle(_ p: Int, _ s: Signal, _ fate: SignalFate) {
        let entries = moment.processes[p].pendingEntries
        guard let k = entries.lastIndex(where: { moment.processes[p].received[$0].signal == s }) else { return }
        moment.processes[p].received[entries[k]].fate = fate
        moment.processes[p].pendingEntries.remove(at: k)
    }

    private mutating func ended(_ p: Int, _ end: ProcessEnd) {
        moment.processes[p].end = end
        if moment.processes[p].status != .reaped { moment.processes[p].status = .exited }
    }

    private mutating func hookEnded(_ c: Int) {
        if case .preStop = moment.containers[c].phase { moment.containers[c].phase = .running }
    }
}

extension MomentFold {
    /// Changes the first moment before any event: what a run declares at its start (its
    /// containers, workloads), which is the cast, not a change of state.
    mutating func declare(_ change: (inout Moment) -> Void) {
        precondition(moment.eventCount == 0, "declared after the first event")
        change(&moment)
    }
}
