import PodTerm

/// Gives the player the moment after any number of events of one timeline.
///
/// The one file that knows where the player's state comes from: the engine's fold
/// (`Timeline.moment(afterEvent:)`), which starts from its nearest snapshot, so any moment,
/// backward or forward, costs at most one snapshot spacing of event applications and the
/// model never runs again. This file only maps the fold's `Moment` to what the panes draw.
public final class MomentAdapter {
    /// The timeline.
    public let timeline: Timeline

    /// Prepares the moments of `timeline` (the fold's snapshots come with it).
    public init(_ timeline: Timeline) {
        self.timeline = timeline
    }

    /// What the player shows for `state`: its events applied, at its time (which may lie
    /// between two events while playing).
    public func moment(for state: PlayerState) -> PlayerMoment {
        var m = timeline.moment(afterEvent: state.cursor - 1)
        m.time = max(m.time, state.time)
        return Self.view(m)
    }

    /// The state after the first `count` events (clamped to 0…events.count).
    public func moment(afterEvents count: Int) -> PlayerMoment {
        Self.view(timeline.moment(afterEvent: count - 1))
    }

    /// The fold's moment as the panes draw it.
    static func view(_ m: Moment) -> PlayerMoment {
        let containers = m.containers.map { c in
            ContainerView(name: c.name, isSidecar: c.isSidecar, phase: containerPhase(c), restarts: c.restarts, killAt: killAt(c), isSandbox: c.isSandbox)
        }
        let hooks = m.containers.compactMap(\.preStop)
        let hooksEnded = hooks.allSatisfy { $0.endedAt != nil }
        var podPhase: PodView.Phase = switch m.pod.phase {
            case .pending: .pending
            case .running: .running
            case .terminating: .terminating
            case .succeeded: .succeeded
            case .failed: .failed
        }
        if m.pod.terminalPhase != nil || !m.pod.scheduled, m.pod.objectRemovedAt != nil { podPhase = .gone }
        let pod = PodView(
            name: m.pod.name, phase: podPhase, killStartedAt: m.pod.killStartedAt, graceDeadline: m.pod.graceDeadline,
            preStopFrom: hooks.map(\.startedAt).min(),
            preStopUntil: hooksEnded ? hooks.compactMap(\.endedAt).max() : nil,
            ready: m.pod.ready, reason: m.pod.reason, serving: m.pod.serving)
        return PlayerMoment(
            time: m.time, eventCount: m.eventCount, processes: m.processes, containers: containers, pod: pod,
            consumers: m.consumers.map { ConsumerView(name: $0.name, routing: $0.routing) },
            // The damage counted up to the moment's time, between two meter events too.
            workloads: m.workloads.map { meters in
                let w = meters.projected(to: m.time)
                return WorkloadView(name: w.name, figures: zip(w.names, w.values).map { WorkloadView.Figure(name: $0, value: "\($1)") },
                                    staleSince: w.isExact(at: m.time) ? nil : w.asOf)
            })
    }

    private static func containerPhase(_ c: ContainerState) -> ContainerView.Phase {
        switch c.phase {
        case .waiting: return .waiting
        case .running: return .running
        case .preStop: return .preStop(since: c.preStop?.startedAt ?? 0)
        case .stopSignalSent(let s, let killAt): return .stopSignalSent(s, killAt: killAt)
        case .exited(let code, let reason):
            return .exited(code: code, reason: reason, sigkilled: c.sigkillAt != nil && c.sigkillAt == c.lastExit?.at)
        case .restarting: return .restarting
        }
    }

    private static func killAt(_ c: ContainerState) -> Millis? {
        if case .stopSignalSent(_, let k) = c.phase { return k }
        if case .exited = c.phase, let k = c.sigkillAt, k == c.lastExit?.at { return k }
        return nil
    }
}
