/// The pod at one moment.
public struct PodState: Sendable, Equatable {
    /// The pod's name.
    public var name: String
    /// When it was deleted (deletionTimestamp set), if it was.
    public var deletedAt: Millis?
    /// The grace period the API recorded.
    public var deletionGrace: Int?
    /// The deletion deadline the API recorded (deletionTimestamp + grace).
    public var deletionDeadline: Millis?
    /// The grace period the kubelet uses (the last it recorded).
    public var effectiveGrace: Int?
    /// When the kubelet started stopping the pod, and the deadline of that kill (its grace,
    /// which a later, shorter grace does not change: `kubelet.shorter-grace-mid-kill`).
    public var killStartedAt: Millis?
    public var killDeadline: Millis?
    /// Its endpoint's conditions in the EndpointSlice (`podToEndpoint`): ready (serving and not
    /// terminating), serving (the pod's Ready condition: every container runs and is ready,
    /// `kubelet.ready-when-running`) and terminating (deletionTimestamp set). After the pod
    /// left the slice (terminal phase) ready and serving are false.
    public var ready: Bool
    public var serving: Bool = true
    public var terminating: Bool = false
    /// When its endpoint first stopped serving (a container down, or the pod left the slice),
    /// and when it last turned ready again, if it did.
    public var notServingAt: Millis? = nil
    public var readyAgainAt: Millis? = nil
    /// When the API object was removed, if it was.
    public var objectRemovedAt: Millis?
    /// When every container had stopped and the pod reached its terminal phase, if it did.
    public var goneAt: Millis?
    /// The terminal phase, once reached.
    public var terminalPhase: PodPhase?
    /// The status reason of a kubelet-initiated stop (`Evicted`, `Terminated`), if any.
    public var reason: String?
    /// When the kubelet stopped the pod sandbox (`StopPodSandbox`), if it did.
    public var sandboxStoppedAt: Millis? = nil
    /// Whether the containers share one PID namespace (`shareProcessNamespace: true`), whose
    /// PID 1 is the pause process of the `POD` entry in the containers.
    public var sharesProcessNamespace = false
    /// The next PID in that shared namespace.
    public var nextSharedPid = 1
    /// Whether it is bound to a node; false: Pending, never scheduled (`api.not-running-delete`).
    public var scheduled = true
    /// The reason of its `DisruptionTarget` condition, once set (`api.disruption-target`).
    public var disruptionTarget: DisruptionReason?
    /// How many evictions the PodDisruptionBudget refused (429, `eviction.pdb`).
    public var evictionsRefused = 0

    /// Running, Terminating, Succeeded or Failed.
    public var phase: PodLifePhase {
        switch terminalPhase {
        case .succeeded?: return .succeeded
        case .failed?: return .failed
        case nil:
            if !scheduled { return .pending }
            return deletedAt != nil || killStartedAt != nil ? .terminating : .running
        }
    }

    /// The deadline of the grace period running: the kubelet's kill, else the API's deletion.
    public var graceDeadline: Millis? { killDeadline ?? deletionDeadline }

    /// The grace left at `time`, in ms (never negative); nil when no grace period runs.
    public func graceLeft(at time: Millis) -> Millis? { graceDeadline.map { max(0, $0 - time) } }
}

/// The pod's phase as a moment shows it.
public enum PodLifePhase: String, Sendable, Equatable {
    case pending = "Pending", running = "Running", terminating = "Terminating", succeeded = "Succeeded", failed = "Failed"
}

/// One consumer of endpoints at one moment.
public struct ConsumerState: Sendable, Equatable {
    /// Its name (`kube-proxy`, `ingress`…).
    public var name: String
    /// Whether it still routes new requests to the pod.
    public var routing: Bool
    /// When it first stopped routing to the pod, if it did.
    public var stoppedRoutingAt: Millis?
    /// When it last routed to the pod again after a stop (the pod was Ready again), if it did.
    public var resumedRoutingAt: Millis? = nil
}
