/// One container at one moment.
public struct ContainerState: Sendable, Equatable {
    /// Its name.
    public var name: String
    /// Whether it is a sidecar (an init container with restartPolicy Always).
    public var isSidecar: Bool
    /// The signal the runtime sends to stop it.
    public var stopSignal: Signal
    /// The argv its PID 1 runs.
    public var argv: [String]
    /// How many times the kubelet restarted it.
    public var restarts: Int
    /// Each time it ended so far, in order.
    public var exits: [ContainerExit]
    /// Where it is in its life.
    public var phase: ContainerPhase
    /// When the runtime last sent it the stop signal, if it did.
    public var stopSignalAt: Millis?
    /// When the runtime's SIGKILL last killed its living PID 1, if it did.
    public var sigkillAt: Millis?
    /// The preStop hook's result so far, if a hook ran.
    public var preStop: PreStopRecord?
    /// The PID 1 of its current instance (index into `Moment.processes`), once started.
    public var initProcess: Int?
    /// The PID the next process started in its current instance gets.
    public var nextPid: Int
    /// When Docker removed it (`docker rm -f`), if it did.
    public var removedAt: Millis? = nil
    /// Whether it is the pod's sandbox (the pause container, named `POD`), listed only when
    /// the containers share its PID namespace: not a container of the spec, never counted as one.
    public var isSandbox = false

    /// The last exit, if it ended.
    public var lastExit: ContainerExit? { exits.last }
    /// Which instance runs (or ran last): how many times it ended before.
    public var instance: Int { exits.count }
}

/// Where a container is in its life.
public enum ContainerPhase: Sendable, Equatable {
    /// Not started yet (a container waiting for the sidecars before it).
    case waiting
    /// Its PID 1 runs.
    case running
    /// The kubelet runs its preStop hook, waiting at most until `until`.
    case preStop(until: Millis?)
    /// The runtime sent it `signal`; SIGKILL follows at `killAt` (nil: never, `docker stop -t -1`).
    case stopSignalSent(signal: Signal, killAt: Millis?)
    /// It ended with `code` for `reason`.
    case exited(code: Int, reason: ContainerReason)
    /// The kubelet restarts it; its new PID 1 is about to start.
    case restarting
}
