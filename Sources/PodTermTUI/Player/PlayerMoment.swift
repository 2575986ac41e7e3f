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
    /// Every process started so far, the fold's own (index = `Timeline.processes` index):
    /// shared with the fold's moment, not copied, so a tree of 10,000 costs nothing to hand over.
    public var processes: [ProcessState]
    /// One entry per `Timeline.containers` index.
    public var containers: [ContainerView]
    /// The pod.
    public var pod: PodView
    /// One entry per `Timeline.consumers` index.
    public var consumers: [ConsumerView]
    /// Damage counters, one group per workload.
    public var workloads: [WorkloadView]
}

/// A container at the moment.
public struct ContainerView: Sendable, Equatable {
    /// Its phase.
    public enum Phase: Sendable, Equatable {
        case waiting, running
        case preStop(since: Millis)
        case stopSignalSent(Signal, killAt: Millis?)
        case exited(code: Int, reason: ContainerReason, sigkilled: Bool)
        case restarting
    }
    public var name: String
    public var isSidecar: Bool
    public var phase: Phase
    public var restarts: Int
    /// When the runtime will send SIGKILL while its stop signal waits, else when SIGKILL
    /// killed it, if it did.
    public var killAt: Millis?
    /// The pod sandbox (`POD`, whose pause process is PID 1 of a PID namespace the pod shares):
    /// its process tree is the whole namespace's.
    public var isSandbox = false
}

/// The pod at the moment.
public struct PodView: Sendable, Equatable {
    /// Kubernetes' words for where it is.
    public enum Phase: String, Sendable, Equatable {
        case pending = "Pending", running = "Running", terminating = "Terminating", succeeded = "Succeeded", failed = "Failed", gone = "gone"
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
    /// Whether its endpoint is serving (the pod is Ready; it may be terminating):
    /// `kubelet.ready-when-running`.
    public var serving: Bool = true
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
    /// When the figures were counted, if not at the moment's time (Poisson arrivals between
    /// two changes have no closed form); nil: exact now.
    public var staleSince: Millis?

    /// One counter.
    public struct Figure: Sendable, Equatable {
        public var name: String
        public var value: String
    }
}
