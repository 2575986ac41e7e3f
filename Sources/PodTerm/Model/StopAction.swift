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
        /// The container exceeds its memory limit: the kernel's OOM killer kills its whole cgroup.
        case oomKill(container: String)
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
