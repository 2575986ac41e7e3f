/// Something that stops the pod or one of its containers at a given moment.
public struct StopAction: Sendable, Equatable {
    /// When it happens.
    public var at: Millis
    /// What it is.
    public var kind: Kind

    /// Creates an action.
    public init(at: Millis, _ kind: Kind) {
        self.at = at
        self.kind = kind
    }

    /// The kinds of stop.
    public enum Kind: Sendable, Equatable {
        /// `kubectl delete pod` with its grace flags.
        case delete(DeleteOptions)
        /// The container exceeds its memory limit: the kernel's OOM killer kills its whole cgroup
        /// (cgroup v2 `memory.oom.group`), or with `process` only that process (cgroup v1, or
        /// `singleProcessOOMKill: true`).
        case oomKill(container: String, process: String? = nil)
        /// An eviction: through the Eviction API, by node pressure, or by preemption.
        case evict(Eviction)
        /// Graceful node shutdown (`shutdownGracePeriod`, `shutdownGracePeriodCriticalPods`, in seconds).
        case nodeShutdown(gracePeriod: Int, criticalPodsGracePeriod: Int)
        /// A liveness or startup probe fails: the kubelet restarts the container with a grace of
        /// `terminationGracePeriodSeconds` when given here (the scenario's override), else the
        /// probe's own field in the container (`ContainerSpec.probeGracePeriodSeconds`), else the pod's.
        case probeFailure(container: String, probe: ProbeKind, terminationGracePeriodSeconds: Int?)
        /// A Docker command against the container (front door `docker`).
        case docker(DockerCommand)
        /// `supervisorctl stop NAME`: supervisord stops one of its programs.
        case supervisorctlStop(program: String)
        /// A signal sent by hand from the node to one process (`kill:`, `--inject`).
        case kill(HandKill)
        /// `crictl stop --timeout N` from the node: a CRI StopContainer around the kubelet.
        case crictlStop(container: String, timeout: Int)
    }
}

extension StopAction.Kind {
    /// The stopper that does this kind of stop (`Stoppers/`): one line per kind.
    var stopper: any Stopper {
        switch self {
        case .delete(let options): return KubectlDelete(options: options)
        case .evict(let eviction): return PodEviction(eviction: eviction)
        case .nodeShutdown(let grace, let critical): return NodeShutdown(gracePeriod: grace, criticalPodsGracePeriod: critical)
        case .probeFailure(let container, let probe, let grace): return ProbeRestart(container: container, probe: probe, grace: grace)
        case .oomKill(let container, let process): return OOMKill(container: container, process: process)
        case .docker(let command): return DockerCLI(command: command)
        case .supervisorctlStop(let program): return SupervisorctlStop(program: program)
        case .kill(let kill): return NodeKill(kill: kill)
        case .crictlStop(let container, let timeout): return CrictlStop(container: container, timeout: timeout)
        }
    }
}

/// The flags of `kubectl delete pod`.
public struct DeleteOptions: Sendable, Equatable {
    /// `--grace-period=N` (nil: the pod's own grace).
    public var gracePeriod: Int?
    /// `--force`.
    public var force: Bool
    /// `--now` (grace 1).
    public var now: Bool

    /// Creates delete options; the default is a plain `kubectl delete pod`.
    public init(gracePeriod: Int? = nil, force: Bool = false, now: Bool = false) {
        self.gracePeriod = gracePeriod
        self.force = force
        self.now = now
    }
}

/// The consumers of the pod's endpoints.
public struct NetworkSpec: Sendable, Equatable {
    /// Each consumer of the EndpointSlice, in order.
    public var consumers: [EndpointConsumer]

    /// Creates a network spec.
    public init(consumers: [EndpointConsumer] = []) { self.consumers = consumers }
}

/// A consumer of endpoints (kube-proxy on a node, an ingress controller, a mesh).
public struct EndpointConsumer: Sendable, Equatable {
    /// Its name, e.g. `kube-proxy`.
    public var name: String
    /// How long after the EndpointSlice change it stops routing to the pod.
    public var delay: Millis

    /// Creates a consumer.
    public init(name: String, delay: Millis) {
        self.name = name
        self.delay = delay
    }
}

/// How a pod is evicted.
public enum Eviction: Sendable, Equatable {
    /// `kubectl drain` / the Eviction API: a delete with the pod's own grace. Refused with 429
    /// while a PodDisruptionBudget allows no disruption; drain then retries every 5 s until its
    /// `--timeout` (`drainTimeout`; nil or 0: forever).
    case api(drainTimeout: Millis? = nil)
    /// Scheduler preemption: the victim is deleted with its own grace.
    case preemption
    /// Node-pressure eviction at a soft threshold, with the kubelet's `evictionMaxPodGracePeriod`.
    case softPressure(maxPodGracePeriod: Int)
    /// Node-pressure eviction at a hard threshold.
    case hardPressure
}

/// The probes whose failure restarts a container.
public enum ProbeKind: String, Sendable, Equatable, CaseIterable {
    case liveness, startup
}

/// A Docker CLI command.
public enum DockerCommand: Sendable, Equatable {
    /// Docker's stop timeout when neither `-t` nor the container's `--stop-timeout` says: 10 s.
    public static let defaultStopTimeout = 10

    /// `docker stop [-t N] [--signal S]`: nil time means the container's stop timeout, else 10 s; -1 waits forever.
    case stop(time: Int?, signal: Signal?)
    /// `docker kill [--signal S]` (SIGKILL by default): sends the signal and returns.
    case kill(signal: Signal?)
    /// `docker rm -f`: SIGKILL at once.
    case removeForce
    /// `docker rm` without `-f`: refused for a running container, which it does not stop.
    case remove
}

/// Which system stops the containers: the kubelet, or Docker on its own.
public enum FrontDoor: String, Sendable, Equatable, CaseIterable {
    case kubernetes, docker
}
