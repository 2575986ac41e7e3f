/// The result of a multi-pod run: each pod's own timeline (on the pod's clock, which starts
/// at `PodRun.startsAt` of cluster time), the coordinator's decisions, and the merged order.
///
/// The merged order is (cluster time, pod order, sequence): at one millisecond the
/// coordinator's events come first, then each pod's in the scenario's order, each pod's in
/// its own order. Same scenario and seed, same value.
public struct ClusterTimeline: Sendable, Equatable {
    /// The scenario's name.
    public var scenarioName: String
    /// The seed the run used (each pod's is derived from it).
    public var seed: UInt64
    /// The Kubernetes version whose rules applied.
    public var kubernetesVersion: KubernetesVersion
    /// Each pod's run, in the scenario's order.
    public var pods: [PodRun]
    /// What the coordinator decided or saw, in time order.
    public var clusterEvents: [ClusterEvent]
    /// The Service's traffic and what became of it, when the scenario has `traffic:`.
    public var traffic: TrafficRecord?
    /// When the run ended, in cluster time: the horizon when a pod still runs there, else the
    /// end of the last pod's run (its consumers of endpoints done).
    public var endedAt: Millis
    /// Every event in the merged order.
    public var order: [ClusterEventRef]

    /// The outcome figures (see `ClusterOutcome`).
    public var outcome: Outcome { ClusterOutcome.figures(self) }

    /// The pod called `name`.
    public func pod(named name: String) -> PodRun? { pods.first { $0.name == name } }
}

/// One pod's run in a multi-pod scenario.
public struct PodRun: Sendable, Equatable {
    /// The pod's name in the cluster scenario.
    public var name: String
    /// When the pod was created, in cluster time; its timeline's times count from here.
    public var startsAt: Millis
    /// The seed its engine ran with.
    public var seed: UInt64
    /// The scenario its engine ran: the file's pod with the coordinator's stop actions added.
    public var scenario: Scenario
    /// Its timeline, on its own clock.
    public var timeline: Timeline
    /// When it became ready (cluster time): at the start for a pod that was there before the
    /// run, `readyAfter` after its creation for a rollout's new pod.
    public var readyAt: Millis
}

/// A place in the merged order: a coordinator event (`pod` nil) or event `index` of pod `pod`.
public struct ClusterEventRef: Sendable, Equatable {
    /// Cluster time.
    public var time: Millis
    /// The pod's index, nil for the coordinator.
    public var pod: Int?
    /// The index in `ClusterTimeline.clusterEvents` or in the pod's `timeline.events`.
    public var index: Int
}

/// Something the coordinator decided or saw between pods.
public struct ClusterEvent: Sendable, Equatable {
    /// Cluster time.
    public var time: Millis
    /// What it was.
    public var kind: ClusterEventKind
    /// The rule it follows.
    public var rule: Rule
}

/// The kinds of coordinator event.
public enum ClusterEventKind: Sendable, Equatable {
    /// Graceful node shutdown starts a priority group: each of its pods gets `grace` = the
    /// group's period, capped by its own grace.
    case shutdownGroupStarted(priority: Int, period: Int, pods: [Int])
    /// The kubelet stops waiting for a group: every pod of it was stopped (`allStopped`), or
    /// its period ran out; `last`: no group with pods comes after it.
    case shutdownGroupDone(priority: Int, allStopped: Bool, last: Bool)
    /// The Deployment controller creates a new pod.
    case podCreated(pod: Int)
    /// A pod's readiness probe succeeds: its endpoint turns ready.
    case podReady(pod: Int)
    /// The Deployment controller deletes an old pod.
    case podDeleted(pod: Int)
    /// A consumer of endpoints now sends to these pods (`terminating`: they are terminating
    /// endpoints that still serve, used because no ready one is left); none: it has no endpoint.
    case routes(consumer: Int, pods: [Int], terminating: Bool)
}

/// What the Service's traffic came to, per pod and in total.
public struct TrafficRecord: Sendable, Equatable {
    /// What became of the requests each pod received (in the scenario's pod order).
    public var perPod: [TrafficCounts]
    /// Requests refused because their consumer had no endpoint to send them to.
    public var noEndpoint: Int
    /// Every request.
    public var total: TrafficCounts {
        var t = TrafficCounts()
        for p in perPod { t.add(p) }
        t.requests += noEndpoint
        t.refused += noEndpoint
        return t
    }
}

/// Request counts.
public struct TrafficCounts: Sendable, Equatable {
    /// Requests sent.
    public var requests = 0
    /// Answered.
    public var served = 0
    /// Refused (no listener, no endpoint).
    public var refused = 0
    /// Accepted, then cut when the process died.
    public var failed = 0

    /// Zero counts.
    public init() {}

    mutating func add(_ o: TrafficCounts) {
        requests += o.requests
        served += o.served
        refused += o.refused
        failed += o.failed
    }
}
