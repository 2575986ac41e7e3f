/// A scenario with several pods on one virtual clock: each pod as a single-pod `Scenario`,
/// and the decisions a cluster makes between them (graceful node shutdown in priority
/// groups, a Deployment's rolling update, a Service's traffic over the pods' endpoints).
///
/// ```swift
/// let cluster = ClusterScenario(name: "two", pods: [
///     ClusterPod(name: "a", scenario: Scenario(pod: PodSpec(name: "a", containers: [...]))),
///     ClusterPod(name: "b", scenario: Scenario(pod: PodSpec(name: "b", containers: [...]))),
/// ], nodeShutdown: NodeShutdownPlan(at: 10_000, groups: [ShutdownGroup(priority: 0, gracePeriodSeconds: 20)]))
/// let run = try ClusterSimulator.run(cluster)
/// print(run.outcome["pods.a.pod.phase"]!)   // Failed
/// ```
/// Each pod runs in its own engine: its processes, kubelet and runtime never read another
/// pod's state. The coordinator (`ClusterSimulator`) decides, from what it has seen so far,
/// when each pod starts and what stops it, and splits the Service's traffic over the endpoints.
public struct ClusterScenario: Sendable, Equatable {
    /// The most pods a scenario may hold (`ClusterError.tooManyPods` beyond).
    public static let maxPods = 16

    /// Short machine-friendly name.
    public var name: String
    /// One line saying what the scenario shows.
    public var summary: String
    /// A few sentences a trainer can read out.
    public var story: String
    /// The seed each pod's seed is derived from (`ClusterSimulator.podSeed`).
    public var seed: UInt64
    /// The Kubernetes version whose rules apply (every pod's scenario has the same).
    public var kubernetesVersion: KubernetesVersion
    /// The run stops here (cluster time).
    public var horizon: Millis
    /// The pods, in the scenario's order (the order of the timeline at equal times).
    public var pods: [ClusterPod]
    /// Graceful node shutdown of the node all the pods run on.
    public var nodeShutdown: NodeShutdownPlan?
    /// A Deployment's rolling update from some pods to others.
    public var rollout: RolloutPlan?
    /// Requests sent to the Service in front of the pods.
    public var traffic: ClusterTraffic?

    /// Creates a cluster scenario.
    public init(name: String = "cluster", summary: String = "", story: String = "", seed: UInt64 = Scenario.defaultSeed,
                kubernetesVersion: KubernetesVersion = .current, horizon: Millis = Scenario.defaultHorizon,
                pods: [ClusterPod], nodeShutdown: NodeShutdownPlan? = nil, rollout: RolloutPlan? = nil, traffic: ClusterTraffic? = nil) {
        self.name = name
        self.summary = summary
        self.story = story
        self.seed = seed
        self.kubernetesVersion = kubernetesVersion
        self.horizon = horizon
        self.pods = pods
        self.nodeShutdown = nodeShutdown
        self.rollout = rollout
        self.traffic = traffic
    }

    /// The consumers of the Service's endpoints: the first pod's (every pod has the same).
    public var consumers: [EndpointConsumer] { pods.first?.scenario.network.consumers ?? [] }
}

/// One pod of a cluster scenario.
public struct ClusterPod: Sendable, Equatable {
    /// Its name (a DNS label): figures are `pods.NAME.…`.
    public var name: String
    /// The pod as a single-pod scenario: containers, programs, its own stop actions (their
    /// times count from the pod's own start), workloads. Its horizon and seed are set by the run.
    public var scenario: Scenario
    /// `spec.priority` (from `priority` or `priorityClassName`), for node shutdown's groups.
    public var priority: Int
    /// How long after it starts its readiness probe first succeeds (a rollout's new pod).
    public var readyAfter: Millis
    /// The container whose PID 1 serves the cluster's traffic (nil: the first regular container).
    public var serves: String?

    /// Creates a pod.
    public init(name: String, scenario: Scenario, priority: Int = 0, readyAfter: Millis = 0, serves: String? = nil) {
        self.name = name
        self.scenario = scenario
        self.priority = priority
        self.readyAfter = readyAfter
        self.serves = serves
    }

    /// The priority of the class `system-cluster-critical` (`scheduling.SystemCriticalPriority`).
    public static let systemClusterCritical = 2_000_000_000
    /// The priority of the class `system-node-critical`.
    public static let systemNodeCritical = 2_000_001_000
}

/// Graceful node shutdown with its priority groups (`shutdownGracePeriodByPodPriority`, or
/// the groups `shutdownGracePeriod` and `shutdownGracePeriodCriticalPods` stand for).
public struct NodeShutdownPlan: Sendable, Equatable {
    /// When the node's shutdown starts (the systemd inhibitor lock's PrepareForShutdown).
    public var at: Millis
    /// The groups, lowest priority first (the kubelet sorts them so).
    public var groups: [ShutdownGroup]
    /// Whether the file gave `shutdownGracePeriodByPodPriority` (else the two-group form).
    public var byPodPriority: Bool

    /// Creates a plan; the groups are sorted by priority.
    public init(at: Millis, groups: [ShutdownGroup], byPodPriority: Bool = true) {
        self.at = at
        self.groups = groups.sorted { $0.priority < $1.priority }
        self.byPodPriority = byPodPriority
    }

    /// The groups of `shutdownGracePeriod` / `shutdownGracePeriodCriticalPods` (kubelet
    /// `migrateConfig`): priority 0 gets the difference, `SystemCriticalPriority` the rest.
    public static func criticalSplit(at: Millis, gracePeriod: Int, criticalPodsGracePeriod: Int) -> NodeShutdownPlan {
        NodeShutdownPlan(at: at, groups: [
            ShutdownGroup(priority: 0, gracePeriodSeconds: gracePeriod - criticalPodsGracePeriod),
            ShutdownGroup(priority: ClusterPod.systemClusterCritical, gracePeriodSeconds: criticalPodsGracePeriod),
        ], byPodPriority: false)
    }

    /// The index of the group a pod of `priority` belongs to (kubelet `groupByPriority`): the
    /// group with the highest priority not above the pod's; the lowest group for a pod below all.
    public func group(ofPriority priority: Int) -> Int {
        var index = 0
        for (i, g) in groups.enumerated() where g.priority <= priority { index = i }
        return index
    }
}

/// One priority group of graceful node shutdown.
public struct ShutdownGroup: Sendable, Equatable {
    /// The lowest pod priority of the group.
    public var priority: Int
    /// `shutdownGracePeriodSeconds`: each pod's grace override (capped by its own), and how
    /// long the kubelet waits for the group before it starts the next.
    public var gracePeriodSeconds: Int

    /// Creates a group.
    public init(priority: Int, gracePeriodSeconds: Int) {
        self.priority = priority
        self.gracePeriodSeconds = gracePeriodSeconds
    }
}

/// A Deployment's rolling update: `old[i]` is replaced by `new[i]`, as maxSurge and
/// maxUnavailable allow (whole numbers; percentages are not modelled).
public struct RolloutPlan: Sendable, Equatable {
    /// When the Deployment's pod template changes.
    public var at: Millis
    /// The old ReplicaSet's pods (indices into `ClusterScenario.pods`), deleted in this order.
    public var old: [Int]
    /// The new ReplicaSet's pods, created in this order; they do not exist before.
    public var new: [Int]
    /// How many pods above the desired count may exist.
    public var maxSurge: Int
    /// How many of the desired pods may be unavailable.
    public var maxUnavailable: Int

    /// Creates a rollout.
    public init(at: Millis, old: [Int], new: [Int], maxSurge: Int, maxUnavailable: Int) {
        self.at = at
        self.old = old
        self.new = new
        self.maxSurge = maxSurge
        self.maxUnavailable = maxUnavailable
    }
}

/// Requests to the Service in front of the pods: every consumer of endpoints sends `rate`
/// per second (request n at `floor(n·1000/rate)` ms) to the endpoints it routes to.
public struct ClusterTraffic: Sendable, Equatable {
    /// Requests per second from each consumer.
    public var rate: Int
    /// How long one request takes.
    public var serviceTime: Millis
    /// How long each server keeps its listener open after its stop signal's handler starts.
    public var keepServing: Millis
    /// Whether a consumer with no ready endpoint sends to terminating endpoints that still
    /// serve (kube-proxy since 1.28, `ProxyTerminatingEndpoints`).
    public var terminatingFallback: Bool

    /// Creates the traffic.
    public init(rate: Int, serviceTime: Millis = HTTPWorkload.defaultServiceTime, keepServing: Millis = 0, terminatingFallback: Bool = true) {
        self.rate = rate
        self.serviceTime = serviceTime
        self.keepServing = keepServing
        self.terminatingFallback = terminatingFallback
    }
}

/// A cluster scenario the engine cannot run.
public enum ClusterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// More pods than `ClusterScenario.maxPods`, or none.
    case podCount(Int)
    /// A pod of the scenario is wrong on its own.
    case pod(name: String, String)
    /// Something about the cluster's parts.
    case invalid(String)

    public var description: String {
        switch self {
        case .podCount(let n): return "a multi-pod scenario holds 1 to \(ClusterScenario.maxPods) pods, got \(n)"
        case .pod(let name, let e): return "pod \(name): \(e)"
        case .invalid(let s): return s
        }
    }
}
