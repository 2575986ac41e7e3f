import PodTerm

/// What the player shows of one instant of a run: the processes, containers, pod, consumers
/// and damage counters after the first `eventCount` events.
///
/// The player draws only from this. It is filled by `MomentAdapter` (one file), which is the
/// only place that knows where the state comes from.
public struct PlayerMoment: Sendable, Equatable {
    /// Virtual time of the moment.
    public var time: Millis
    /// How many events have been applied (0: before the first).
    public var eventCount: Int
    /// One entry per `Timeline.processes` index; nil while the process has not started.
    public var processes: [ProcessView?]
    /// One entry per `Timeline.containers` index.
    public var containers: [ContainerView]
    /// The pod.
    public var pod: PodView
    /// One entry per `Timeline.consumers` index.
    public var consumers: [ConsumerView]
    /// Damage counters, one group per workload.
    public var workloads: [WorkloadView]
}

/// A process at the moment.
public struct ProcessView: Sendable, Equatable {
    /// What it is doing.
    public enum Status: Sendable, Equatable {
        case running
        case inHandler(until: Millis?)
        case exited(WaitStatus)
        case zombie(WaitStatus)
        case reaped(WaitStatus)
    }
    /// Index of its container.
    public var container: Int
    /// Current parent (after reparenting), index into `Timeline.processes`.
    public var parent: Int?
    /// PID in its namespace.
    public var pid: Int
    /// The program it runs now, and its argv.
    public var name: String
    public var argv: [String]
    public var status: Status
    /// Dispositions of the signals that matter, e.g. `TERM:handler INT:default`; nil when not known.
    public var dispositions: String?
    /// The last signal it received, and what became of it (nil fate: not decided yet).
    public var lastSignal: (signal: Signal, fate: SignalFate?)?

    public static func == (a: ProcessView, b: ProcessView) -> Bool {
        a.container == b.container && a.parent == b.parent && a.pid == b.pid && a.name == b.name && a.argv == b.argv
            && a.status == b.status && a.dispositions == b.dispositions
            && a.lastSignal?.signal == b.lastSignal?.signal && a.lastSignal?.fate == b.lastSignal?.fate
    }
}

/// A container at the moment.
public struct ContainerView: Sendable, Equatable {
    /// Its phase.
    public enum Phase: Sendable, Equatable {
        case waiting, running, sidecarWaits
        case preStop(since: Millis)
        case stopSignalSent(Signal, killAt: Millis?)
        case exited(code: Int, reason: ContainerReason, sigkilled: Bool)
        case restarting
    }
    public var name: String
    public var isSidecar: Bool
    public var phase: Phase
    public var restarts: Int
    /// When the runtime will send SIGKILL if the container is still running.
    public var killAt: Millis?
}

/// The pod at the moment.
public struct PodView: Sendable, Equatable {
    /// Kubernetes' words for where it is.
    public enum Phase: String, Sendable, Equatable {
        case running = "Running", terminating = "Terminating", succeeded = "Succeeded", failed = "Failed", gone = "gone"
    }
    public var name: String
    public var phase: Phase
    /// When the kubelet started stopping it, and the deadline of its grace period.
    public var killStartedAt: Millis?
    public var graceDeadline: Millis?
    /// The preStop hooks' span inside the grace period (start, end or nil while running).
    public var preStopFrom: Millis?
    public var preStopUntil: Millis?
    /// Whether its endpoint is still ready (receiving traffic).
    public var ready: Bool
    /// Why the kubelet stopped it (Evicted, Terminated), if it said.
    public var reason: String?
}

/// A consumer of endpoints at the moment.
public struct ConsumerView: Sendable, Equatable {
    public var name: String
    public var routing: Bool
}

/// One workload's counters at the moment.
public struct WorkloadView: Sendable, Equatable {
    public var name: String
    /// `(name, value)` in the workload's order.
    public var figures: [Figure]
    /// Whether the figures are as of this moment (false: the run's totals, shown dimmed).
    public var asOfNow: Bool

    /// One counter.
    public struct Figure: Sendable, Equatable {
        public var name: String
        public var value: String
    }
}
