import OrderedCollections

/// One outcome figure's value.
public enum FigureValue: Sendable, Equatable, CustomStringConvertible {
    /// A count or code.
    case int(Int)
    /// A time or a length of time, in ms.
    case duration(Millis)
    /// A yes/no fact.
    case bool(Bool)
    /// A word (a reason, a phase, a signal).
    case text(String)
    /// An ordered list of words (e.g. the signals a process received).
    case list([String])
    /// The thing never happened (e.g. the pod was never deleted).
    case none

    public var description: String {
        switch self {
        case .int(let v): return String(v)
        case .duration(let ms): return formatDuration(ms)
        case .bool(let b): return b ? "true" : "false"
        case .text(let s): return s
        case .list(let l): return "[" + l.joined(separator: ", ") + "]"
        case .none: return "none"
        }
    }
}

/// The figures that sum up a run, by stable dotted name, in a fixed order.
///
/// Names (stable; expectations and scripts use them):
/// - `pod.deletedAt`, `pod.grace`, `pod.effectiveGrace`, `pod.goneAt`, `pod.deleteToGone`,
///   `pod.objectRemovedAt`, `pod.phase`, `pod.reason`, `pod.sandboxStoppedAt`, `pod.disruptionTarget`,
///   `pod.evictionsRefused`
/// - with consumers of endpoints only: `endpoints.notServingAt`, `endpoints.readyAgainAt`,
///   `endpoints.CONSUMER.stoppedRoutingAt`, `endpoints.CONSUMER.resumedRoutingAt`
/// - `containers.NAME.exitCode`, `.reason`, `.exitedAt`, `.stopSignal`, `.stopSignalAt`,
///   `.sigkilled`, `.sigkillAt`, `.restarts`, `.removedAt`, `.preStop`
/// - `processes.CONTAINER/PROGRAM.end`, `.exitCode`, `.endedAt`, `.received`, `.fates`, `.killedBy`
/// - `outcome.sigkilled`, `outcome.processesSigkilled`, `outcome.zombies`
/// - with workloads only: `traffic.requests`, `.served`, `.refused`, `.failed`;
///   `kafka.consumed`, `.written`, `.bulkWrites`, `.buffered`, `.lost`, `.redelivered`, `.lag`,
///   `.rebalanceDelay`; `outbound.calls`, `.ok`, `.failed`
public struct Outcome: Sendable, Equatable {
    /// The figures, in their fixed order.
    public private(set) var figures: OrderedDictionary<String, FigureValue>

    /// The value of a figure, or nil when no figure has that name.
    public subscript(name: String) -> FigureValue? { figures[name] }

    /// Every figure name, in order.
    public var names: [String] { Array(figures.keys) }

    /// Figures given as they are (a multi-pod run's, `ClusterOutcome`).
    public init(figures: OrderedDictionary<String, FigureValue>) { self.figures = figures }

    /// Computes the figures of a timeline: those of its last moment.
    public init(timeline t: Timeline) { self.init(moment: t.lastMoment) }

    /// Computes the figures of a moment (the last one of a run, for the run's outcome).
    public init(moment m: Moment) {
        var f = OrderedDictionary<String, FigureValue>()
        let pod = m.pod
        f["pod.deletedAt"] = pod.deletedAt.map(FigureValue.duration) ?? FigureValue.none
        f["pod.grace"] = pod.deletionGrace.map(FigureValue.int) ?? FigureValue.none
        f["pod.effectiveGrace"] = pod.effectiveGrace.map(FigureValue.int) ?? FigureValue.none
        f["pod.goneAt"] = pod.goneAt.map(FigureValue.duration) ?? FigureValue.none
        if let d = pod.deletedAt, let g = pod.goneAt {
            f["pod.deleteToGone"] = .duration(g - d)
        } else {
            f["pod.deleteToGone"] = FigureValue.none
        }
        f["pod.objectRemovedAt"] = pod.objectRemovedAt.map(FigureValue.duration) ?? FigureValue.none
        f["pod.phase"] = pod.terminalPhase.map { .text($0.rawValue) } ?? (pod.scheduled ? FigureValue.none : .text("Pending"))
        f["pod.reason"] = pod.reason.map { .text($0) } ?? FigureValue.none
        f["pod.sandboxStoppedAt"] = pod.sandboxStoppedAt.map(FigureValue.duration) ?? FigureValue.none
        f["pod.disruptionTarget"] = pod.disruptionTarget.map { .text($0.rawValue) } ?? FigureValue.none
        f["pod.evictionsRefused"] = .int(pod.evictionsRefused)

        if !m.consumers.isEmpty {
            f["endpoints.notServingAt"] = pod.notServingAt.map(FigureValue.duration) ?? FigureValue.none
            f["endpoints.readyAgainAt"] = pod.readyAgainAt.map(FigureValue.duration) ?? FigureValue.none
        }
        for c in m.consumers {
            f["endpoints.\(c.name).stoppedRoutingAt"] = c.stoppedRoutingAt.map(FigureValue.duration) ?? FigureValue.none
            f["endpoints.\(c.name).resumedRoutingAt"] = c.resumedRoutingAt.map(FigureValue.duration) ?? FigureValue.none
        }

        var anyKill = false
        // The sandbox (`POD`, listed with a shared PID namespace) is no container of the spec:
        // its pause process has figures of its own (`processes.POD/pause`).
        for c in m.containers where !c.isSandbox {
            let p = "containers.\(c.name)."
            let last = c.lastExit
            f[p + "exitCode"] = last.map { .int($0.code) } ?? FigureValue.none
            f[p + "reason"] = last.map { .text($0.reason.rawValue) } ?? FigureValue.none
            f[p + "exitedAt"] = last.map { .duration($0.at) } ?? FigureValue.none
            f[p + "stopSignal"] = .text(c.stopSignal.name)
            f[p + "stopSignalAt"] = c.stopSignalAt.map(FigureValue.duration) ?? FigureValue.none
            let killed = c.sigkillAt != nil || c.exits.contains { $0.reason == .oomKilled }
            anyKill = anyKill || killed
            f[p + "sigkilled"] = .bool(killed)
            f[p + "sigkillAt"] = c.sigkillAt.map(FigureValue.duration) ?? FigureValue.none
            f[p + "restarts"] = .int(c.restarts)
            f[p + "removedAt"] = c.removedAt.map(FigureValue.duration) ?? FigureValue.none
            if let h = c.preStop {
                f[p + "preStop"] = .text(h.abandoned ? "abandoned" : (h.succeeded ? "succeeded" : "failed"))
            } else {
                f[p + "preStop"] = FigureValue.none
            }
        }

        var killedProcesses = 0
        for (key, i) in Outcome.processKeys(m) {
            let pr = m.processes[i]
            let p = "processes.\(key)."
            if let end = pr.end {
                switch end.status {
                case .exited(let code): f[p + "end"] = .text("exit \(code)")
                case .signaled(let s): f[p + "end"] = .text(s.name)
                }
                f[p + "exitCode"] = .int(end.status.exitCode)
                f[p + "endedAt"] = .duration(end.at)
                f[p + "killedBy"] = end.killedBy.map { .text(originName($0, m)) } ?? FigureValue.none
            } else {
                f[p + "end"] = .text("running")
                f[p + "exitCode"] = FigureValue.none
                f[p + "endedAt"] = FigureValue.none
                f[p + "killedBy"] = FigureValue.none
            }
            f[p + "received"] = .list(pr.received.map { $0.signal.name })
            f[p + "fates"] = .list(pr.received.map { $0.fate.name })
            if case .signaled(.kill)? = pr.end?.status { killedProcesses += 1 }
        }
        f["outcome.sigkilled"] = .bool(anyKill)
        f["outcome.processesSigkilled"] = .int(killedProcesses)
        f["outcome.zombies"] = .int(m.zombiesLeft)
        WorkloadFigures.add(m.workloads, to: &f)
        figures = f
    }

    /// The stable key of each process, `CONTAINER/PROGRAM`, with `#2`, `#3`… for later
    /// processes of the same name in the same container; in start order.
    public static func processKeys(_ t: Timeline) -> [(key: String, index: Int)] { processKeys(t.lastMoment) }

    /// The same, for the processes of a moment.
    public static func processKeys(_ m: Moment) -> [(key: String, index: Int)] {
        var seen: [String: Int] = [:]
        var out: [(String, Int)] = []
        out.reserveCapacity(m.processes.count)
        for (i, p) in m.processes.enumerated() {
            let base = "\(m.containers[p.container].name)/\(p.name)"
            let n = (seen[base] ?? 0) + 1
            seen[base] = n
            out.append((n == 1 ? base : "\(base)#\(n)", i))
        }
        return out
    }
}

/// A readable name for who sent a signal.
func originName(_ o: SignalOrigin, _ m: Moment) -> String {
    switch o {
    case .runtime: return "runtime"
    case .namespaceTeardown: return "kernel"
    case .oomKiller: return "oom-killer"
    case .node: return "node"
    case .timer: return "timer"
    case .process(let i): return m.processes[i].name
    }
}
