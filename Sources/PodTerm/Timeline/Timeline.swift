/// The result of one run: every event in order, and what became of each container and process.
///
/// Enough to draw any moment (the player folds events up to a time) and to check any
/// expectation (`outcome`). Same scenario and seed give an equal `Timeline` in any process.
public struct Timeline: Sendable, Equatable {
    /// The scenario's name.
    public var scenarioName: String
    /// The seed the run used.
    public var seed: UInt64
    /// The Kubernetes version whose rules applied.
    public var kubernetesVersion: KubernetesVersion
    /// Every event, in the order it happened (time, then scheduling order).
    public var events: [TimelineEvent]
    /// Every container, sidecars first in declaration order, then regular containers.
    public var containers: [ContainerRecord]
    /// Every process that ever ran, in the order it started.
    public var processes: [ProcessRecord]
    /// The consumers of endpoints, in the scenario's order.
    public var consumers: [String]
    /// What happened to the pod.
    public var pod: PodRecord
    /// When the run ended: when nothing was left to do (the pod gone and every consumer of
    /// endpoints done applying the EndpointSlice change, which may come after the pod is
    /// gone), at the horizon, or where the event budget stopped it.
    public var endedAt: Millis
    /// Whether the run stopped at its horizon with work still pending.
    public var hitHorizon: Bool
    /// What each workload counted (requests, messages, calls), in the scenario's order.
    public var workloads: [WorkloadRecord] = []
    /// The moments kept every so many events (`moment(at:)`, `moment(afterEvent:)`).
    public var snapshots: MomentSnapshots
    /// The state after the last event: what the records above say.
    public var lastMoment: Moment

    /// The outcome figures, by stable name (see `Outcome`).
    public var outcome: Outcome { Outcome(timeline: self) }
}

/// What became of one container.
public struct ContainerRecord: Sendable, Equatable {
    /// Its name.
    public var name: String
    /// Whether it is a sidecar (an init container with restartPolicy Always).
    public var isSidecar: Bool
    /// The signal the runtime sends to stop it.
    public var stopSignal: Signal
    /// The argv its PID 1 runs.
    public var argv: [String]
    /// Each time it ended, in order (more than one when it was restarted).
    public var exits: [ContainerExit]
    /// When the runtime sent it the stop signal (the last time), if it did.
    public var stopSignalAt: Millis?
    /// When the runtime's SIGKILL (after the stop timeout, `docker kill`, `docker rm -f`) killed
    /// the container's living PID 1, the last time it did. A SIGKILL that reached no living
    /// process does not count: the container had exited by itself.
    public var sigkillAt: Millis?
    /// How many times the kubelet restarted it.
    public var restarts: Int
    /// The preStop hook's result, if a hook ran.
    public var preStop: PreStopRecord?
    /// Whether it is the pod's sandbox (`POD`, the pause container), listed only when the
    /// containers share its PID namespace (`ContainerState.isSandbox`).
    public var isSandbox = false

    /// The last exit, if it ended.
    public var lastExit: ContainerExit? { exits.last }
}

/// One end of a container.
public struct ContainerExit: Sendable, Equatable {
    /// When.
    public var at: Millis
    /// Exit code as Kubernetes reports it (128+N for a signal).
    public var code: Int
    /// Completed, Error or OOMKilled.
    public var reason: ContainerReason
}

/// What the preStop hook did.
public struct PreStopRecord: Sendable, Equatable {
    /// When it started.
    public var startedAt: Millis
    /// When the kubelet stopped waiting for it (finished or abandoned).
    public var endedAt: Millis?
    /// Whether it succeeded (false: failed or abandoned).
    public var succeeded: Bool
    /// Whether the grace period ran out first.
    public var abandoned: Bool
}

/// What became of one process.
public struct ProcessRecord: Sendable, Equatable {
    /// Index of its container in `Timeline.containers`.
    public var container: Int
    /// Its PID inside the container's PID namespace.
    public var pid: Int
    /// Program name (argv[0]'s base name, or the program's own name).
    public var name: String
    /// Its argv.
    public var argv: [String]
    /// Its parent at start (index into `Timeline.processes`), nil when started by the runtime.
    public var parent: Int?
    /// When it started.
    public var startedAt: Millis
    /// Every signal that reached it, and what became of each.
    public var received: [ReceivedSignal]
    /// How it ended, if it did.
    public var end: ProcessEnd?
    /// When its status was collected, if it was.
    public var reapedAt: Millis?
    /// Which instance of its container it belongs to (0 for the first, 1 after one restart…).
    public var containerInstance: Int
    /// The programs it ran before its last `exec`, oldest first (`name` and `argv` are the last).
    public var earlierImages: [ProcessImage] = []
    /// Whether it became a zombie that no parent process collected (it stayed one until its
    /// namespace went away or the run ended).
    public var zombieLeft = false

    /// Its program name as of event number `index` of the timeline.
    public func name(atEvent index: Int) -> String { image(atEvent: index)?.name ?? name }

    /// Its argv as of event number `index` of the timeline.
    public func argv(atEvent index: Int) -> [String] { image(atEvent: index)?.argv ?? argv }

    private func image(atEvent index: Int) -> ProcessImage? { earlierImages.first { index <= $0.untilEvent } }
}

/// A program a process ran before it exec'd another.
public struct ProcessImage: Sendable, Equatable {
    /// Program name.
    public var name: String
    /// Its argv.
    public var argv: [String]
    /// The index of the exec event that replaced it (it is named so up to and including that event).
    public var untilEvent: Int
}

/// A signal that was sent to a process, and its fate.
public struct ReceivedSignal: Sendable, Equatable {
    /// When it was sent.
    public var at: Millis
    /// Which signal.
    public var signal: Signal
    /// Who sent it.
    public var origin: SignalOrigin
    /// What the kernel and the process did with it.
    public var fate: SignalFate
}

/// What became of a signal sent to a process.
public enum SignalFate: Sendable, Equatable {
    /// Discarded, and why.
    case discarded(DiscardReason)
    /// A handler ran.
    case caught
    /// It killed the process.
    case killed

    /// `caught`, `killed`, or the discard reason (`dying`, `already-pending`, `pid1-default`…):
    /// the words of the `processes.KEY.fates` figure.
    public var name: String {
        switch self {
        case .caught: return "caught"
        case .killed: return "killed"
        case .discarded(let why): return why.rawValue
        }
    }
}

/// How a process ended.
public struct ProcessEnd: Sendable, Equatable {
    /// When.
    public var at: Millis
    /// Exit code or signal.
    public var status: WaitStatus
    /// Who sent the killing signal, when a signal killed it.
    public var killedBy: SignalOrigin?
}

/// What happened to the pod.
public struct PodRecord: Sendable, Equatable {
    /// The pod's name.
    public var name: String
    /// When it was deleted (deletionTimestamp set), if it was.
    public var deletedAt: Millis?
    /// The grace period the API recorded.
    public var deletionGrace: Int?
    /// The grace period the kubelet used.
    public var effectiveGrace: Int?
    /// When the API object was removed, if it was.
    public var objectRemovedAt: Millis?
    /// When every container had stopped and the pod reached its terminal phase, if it did.
    public var goneAt: Millis?
    /// The terminal phase, if reached.
    public var phase: PodPhase?
    /// The status reason of a kubelet-initiated stop (`Evicted`, `Terminated`), if any.
    public var reason: String?
}
