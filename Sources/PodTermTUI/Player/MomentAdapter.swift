import PodTerm

// THE ADAPTER: the one file that knows where the player's state comes from.
//
// Until `Timeline.moment(at:)` / `moment(afterEvent:)` (the fold, see notes/moment-contract.md)
// is on main, this file folds the timeline's events itself, with snapshots every
// `interval` events so any moment costs at most that many event applications, and
// stepping back is as fast as forward. When the fold lands, `MomentAdapter.moment(afterEvents:)`
// becomes a mapping from `Moment` to `PlayerMoment`, and everything below `// DERIVED` goes.

/// Gives the player the moment after any number of events of one timeline.
public final class MomentAdapter: @unchecked Sendable {
    /// The timeline.
    public let timeline: Timeline
    /// Events between two snapshots, at least (a long timeline keeps at most 32 snapshots, so
    /// memory stays near 32 copies of the state).
    public static let snapshotInterval = 512
    /// Events between two snapshots of this timeline.
    public let interval: Int
    private var snapshots: [FoldState] = []

    /// Prepares the moments of `timeline`.
    public init(_ timeline: Timeline) {
        self.timeline = timeline
        interval = max(Self.snapshotInterval, timeline.events.count / 32)
        var s = FoldState(timeline)
        snapshots.append(s)
        var i = 0
        while i < timeline.events.count {
            s.apply(timeline.events[i], index: i, timeline)
            i += 1
            if i % interval == 0 { snapshots.append(s) }
        }
    }

    /// What the player shows for `state`: its events applied, at its time (which may lie
    /// between two events while playing).
    public func moment(for state: PlayerState) -> PlayerMoment {
        var m = moment(afterEvents: state.cursor)
        m.time = max(m.time, state.time)
        return m
    }

    /// The state after the first `count` events (clamped to 0…events.count).
    public func moment(afterEvents count: Int) -> PlayerMoment {
        let n = min(max(count, 0), timeline.events.count)
        var s = snapshots[n / interval]
        var i = (n / interval) * interval
        while i < n {
            s.apply(timeline.events[i], index: i, timeline)
            i += 1
        }
        return s.view(timeline)
    }
}

// DERIVED: everything below is the stand-in for the fold; it goes when the fold lands.

struct FoldState {
    var time: Millis = 0
    var count = 0
    var processes: [ProcessView?]
    var containers: [ContainerView]
    var pod: PodView
    var consumers: [ConsumerView]
    var cut: [Int: Int] = [:]

    init(_ t: Timeline) {
        processes = Array(repeating: nil, count: t.processes.count)
        containers = t.containers.map { ContainerView(name: $0.name, isSidecar: $0.isSidecar, phase: .waiting, restarts: 0, killAt: nil) }
        pod = PodView(name: t.pod.name, phase: .running, ready: true)
        consumers = t.consumers.map { ConsumerView(name: $0, routing: true) }
    }

    mutating func apply(_ e: TimelineEvent, index: Int, _ t: Timeline) {
        time = e.time
        count = index + 1
        let p = e.process
        switch e.kind {
        case .processStarted(let parent):
            if let p {
                let r = t.processes[p]
                processes[p] = ProcessView(container: r.container, parent: parent, pid: r.pid, name: r.name(atEvent: index),
                                           argv: r.argv(atEvent: index), status: .running, dispositions: nil, lastSignal: nil)
                if parent == nil, containers.indices.contains(r.container) { containers[r.container].phase = .running }
            }
        case .execed:
            if let p, processes[p] != nil {
                processes[p]!.name = t.processes[p].name(atEvent: index + 1)
                processes[p]!.argv = t.processes[p].argv(atEvent: index + 1)
            }
        case .signalSent(let origin):
            if let p, let s = e.signal, processes[p] != nil { processes[p]!.lastSignal = (s, nil) }
            if origin == .runtime, let c = e.container ?? p.map({ t.processes[$0].container }), let s = e.signal,
               case .running = containers[c].phase, s != .kill {
                containers[c].phase = .stopSignalSent(s, killAt: containers[c].killAt)
            }
        case .signalDiscarded(let reason): setFate(p, .discarded(reason))
        case .signalCaught(let cleanup):
            setFate(p, .caught)
            if let p, processes[p] != nil { processes[p]!.status = .inHandler(until: e.time + cleanup) }
        case .signalCaughtAgain: setFate(p, .caught)
        case .killedBySignal:
            setFate(p, .killed)
            if let p, processes[p] != nil, let s = e.signal { processes[p]!.status = .exited(.signaled(s)) }
        case .exited(let code):
            if let p, processes[p] != nil { processes[p]!.status = .exited(.exited(code)) }
        case .becameZombie:
            if let p, processes[p] != nil, let w = waitStatus(processes[p]!.status) { processes[p]!.status = .zombie(w) }
        case .reaped:
            if let p, processes[p] != nil, let w = waitStatus(processes[p]!.status) { processes[p]!.status = .reaped(w) }
        case .reparented(let newParent):
            if let p, processes[p] != nil { processes[p]!.parent = newParent }
        case .preStopStarted:
            if let c = e.container {
                containers[c].phase = .preStop(since: e.time)
                if pod.preStopFrom == nil { pod.preStopFrom = e.time }
            }
        case .preStopFinished, .preStopAbandoned:
            if let c = e.container, case .preStop = containers[c].phase { containers[c].phase = .running }
            pod.preStopUntil = e.time
        case .sidecarWaits:
            if let c = e.container { containers[c].phase = .sidecarWaits }
        case .stopContainer(let timeout, _):
            if let c = e.container {
                containers[c].killAt = e.time + timeout * 1000
                if case .sidecarWaits = containers[c].phase { containers[c].phase = .running }
            }
        case .containerExited(let code, let reason):
            if let c = e.container {
                containers[c].phase = .exited(code: code, reason: reason, sigkilled: code == 137 && containers[c].killAt.map { e.time >= $0 } == true)
            }
        case .containerRestarted(let n):
            if let c = e.container { containers[c].phase = .restarting; containers[c].restarts = n; containers[c].killAt = nil }
        case .podTerminating:
            pod.phase = .terminating
        case .killPod(let grace):
            if pod.phase == .running { pod.phase = .terminating }
            pod.killStartedAt = e.time
            pod.graceDeadline = e.time + grace * 1000
        case .evicted: pod.reason = "Evicted"
        case .nodeShuttingDown: pod.reason = "Terminated"
        case .endpointNotReady, .endpointRemoved: pod.ready = false
        case .consumerStopped:
            if case .consumer(let i) = e.actor, consumers.indices.contains(i) { consumers[i].routing = false }
        case .podGone(let phase):
            pod.phase = phase == .succeeded ? .succeeded : .failed
        case .podObjectRemoved:
            if pod.phase == .succeeded || pod.phase == .failed { pod.phase = .gone }
        case .requestsCut(let n, _):
            if let p { cut[p, default: 0] += n }
        default: break
        }
    }

    private mutating func setFate(_ p: Int?, _ fate: SignalFate) {
        guard let p, processes[p]?.lastSignal != nil else { return }
        processes[p]!.lastSignal!.fate = fate
    }

    private func waitStatus(_ s: ProcessView.Status) -> WaitStatus? {
        switch s {
        case .exited(let w), .zombie(let w), .reaped(let w): return w
        default: return nil
        }
    }

    func view(_ t: Timeline) -> PlayerMoment {
        // Per-moment counters are the fold's; until then the run's totals, marked as such,
        // become "now" once the run is over.
        let over = count >= t.events.count
        let workloads = t.workloads.map { w in
            WorkloadView(name: w.name, figures: w.figures.map { WorkloadView.Figure(name: $0.key, value: "\($0.value)") }, asOfNow: over)
        }
        return PlayerMoment(time: time, eventCount: count, processes: processes, containers: containers, pod: pod,
                            consumers: consumers, workloads: workloads)
    }
}

// WHEN THE FOLD LANDS (its API as on branch fold, 2026-12-02): replace `init`'s snapshots and
// `moment(afterEvents:)` by a mapping, and delete `FoldState`:
//
//     public func moment(afterEvents count: Int) -> PlayerMoment {
//         let m = timeline.moment(afterEvent: count - 1)
//         let processes: [ProcessView?] = timeline.processes.indices.map { i in
//             guard i < m.processes.count else { return nil }       // only started ones exist
//             let p = m.processes[i], w = p.end?.status
//             let status: ProcessView.Status = switch p.status {
//                 case .running: .running
//                 case .inHandler(let u): .inHandler(until: u)
//                 case .exited: .exited(w!)
//                 case .zombie: .zombie(w!)
//                 case .reaped: .reaped(w!) }
//             let last = p.lastSignal.map { r in (r.signal, p.pendingEntries.contains(p.received.count - 1) ? nil : r.fate) }
//             return ProcessView(container: p.container, parent: p.parent, pid: p.pid, name: p.name(atEvent: count),
//                                argv: p.argv(atEvent: count), status: status,
//                                dispositions: "handles TERM… ignores … blocks …" from p.dispositions / p.blocked,
//                                lastSignal: last)
//         }
//         containers: phase 1:1 (preStop(since: c.preStop?.startedAt), exited(sigkilled: c.sigkillAt == c.lastExit?.at)),
//                     killAt from .stopSignalSent(_, killAt)
//         pod: phase from m.pod.phase (gone when objectRemovedAt and terminalPhase), killStartedAt,
//              graceDeadline = m.pod.graceDeadline, preStop span from the containers' preStop records
//         consumers: name, routing; workloads: zip(names, values), asOfNow: true
//     }
