/// Runs multi-pod scenarios: one engine per pod on the same virtual clock, composed by a
/// coordinator that plays the parts of a cluster that stand between pods.
///
/// ```swift
/// let run = try ClusterSimulator.run(cluster)
/// print(ClusterText().render(run))
/// ```
/// Why one engine per pod: a pod's processes, kubelet worker, runtime and kernel never read
/// another pod's state. What passes between pods in a real cluster are decisions — the node
/// shutdown manager starting the next priority group, the Deployment controller creating and
/// deleting pods, kube-proxy choosing an endpoint — and each of those depends only on what
/// already happened. So the coordinator takes them in time order: it runs a pod's engine once
/// everything that decides the pod's start and its stop actions is known, and derives the
/// next decisions from that run's timeline (`node.shutdown-groups`, `deployment.rolling-update`).
/// The traffic is split afterwards from every pod's timeline (`service.round-robin`).
///
/// Pure and deterministic: pods run one after the other, each with a seed derived from the
/// run's seed and its index (`podSeed`); the merged order is (time, pod order, sequence).
public enum ClusterSimulator {
    /// The name of the http workload the run adds to each pod for the Service's traffic.
    public static let serviceWorkload = "service"

    /// Runs `cluster` with its own seed, or `seed` when given; every pod's run has the event
    /// budget `maxEvents`.
    /// - Throws: `ClusterError` for a scenario the engine cannot run, `EventBudgetExceeded`
    ///   from the first pod whose run needs more events.
    public static func run(_ cluster: ClusterScenario, seed: UInt64? = nil, maxEvents: Int = EventBudget.defaultMaxEvents) throws -> ClusterTimeline {
        guard EventBudget.range.contains(maxEvents) else { throw ModelError.eventBudgetOutOfRange(maxEvents) }
        try validate(cluster)
        let seed = seed ?? cluster.seed
        var coordinator = Coordinator(cluster: cluster, seed: seed, maxEvents: maxEvents)
        return try coordinator.run()
    }

    /// The seed of pod `index`'s engine: a SplitMix64 stream of the run's seed.
    public static func podSeed(_ seed: UInt64, pod index: Int) -> UInt64 {
        var g = SeededGenerator(seed: seed).fork(stream: 0x706F_6473 &+ UInt64(index))
        return g.next()
    }

    /// The checks a multi-pod scenario needs beyond each pod's own.
    static func validate(_ c: ClusterScenario) throws {
        guard (1...ClusterScenario.maxPods).contains(c.pods.count) else { throw ClusterError.podCount(c.pods.count) }
        var names = Set<String>()
        for p in c.pods where !names.insert(p.name).inserted { throw ClusterError.invalid("two pods are called \(p.name)") }
        if c.rollout != nil, c.nodeShutdown != nil {
            throw ClusterError.invalid("a rollout and a node shutdown in one scenario are not modelled (the new pods would be refused by the shutting-down node); use two scenarios")
        }
        if let r = c.rollout {
            guard !r.old.isEmpty, r.old.count == r.new.count else { throw ClusterError.invalid("rollout: old and new name as many pods, at least one each") }
            guard Set(r.old).isDisjoint(with: r.new), Set(r.old).count == r.old.count, Set(r.new).count == r.new.count else {
                throw ClusterError.invalid("rollout: a pod is named twice in old and new")
            }
            guard r.maxSurge > 0 || r.maxUnavailable > 0 else { throw ClusterError.invalid("rollout: maxSurge and maxUnavailable cannot both be 0") }
            guard r.at < c.horizon else { throw ClusterError.invalid("rollout: at is not before the horizon") }
        }
        if let s = c.nodeShutdown {
            guard !s.groups.isEmpty else { throw ClusterError.invalid("nodeShutdown: no priority group") }
            guard s.at < c.horizon else { throw ClusterError.invalid("nodeShutdown: at is not before the horizon") }
        }
        if c.traffic != nil {
            guard !c.consumers.isEmpty else { throw ClusterError.invalid("traffic: needs at least one consumer of endpoints under network.consumers") }
            for p in c.pods {
                if p.scenario.workloads.contains(where: { if case .http = $0.kind { return true } else { return false } }) {
                    throw ClusterError.invalid("pod \(p.name): an http workload and the cluster's traffic: cannot both count requests; the cluster's traffic: serves every pod")
                }
                guard p.scenario.frontDoor == .kubernetes else { throw ClusterError.invalid("pod \(p.name): traffic needs the kubernetes front door") }
                if let s = p.serves, !p.scenario.pod.containers.contains(where: { $0.name == s }) {
                    throw ClusterError.invalid("pod \(p.name): serves names no regular container \(s)")
                }
            }
        }
        for p in c.pods where p.scenario.network.consumers != c.consumers {
            throw ClusterError.invalid("pod \(p.name): every pod has the Service's consumers of endpoints")
        }
    }
}

/// The coordinator of one multi-pod run.
struct Coordinator {
    let cluster: ClusterScenario
    let seed: UInt64
    let maxEvents: Int
    var startsAt: [Millis]
    var readyAt: [Millis]
    var injected: [[StopAction]]
    var runs: [PodRun?]
    var events: [ClusterEvent] = []

    init(cluster: ClusterScenario, seed: UInt64, maxEvents: Int) {
        self.cluster = cluster
        self.seed = seed
        self.maxEvents = maxEvents
        let n = cluster.pods.count
        startsAt = Array(repeating: 0, count: n)
        readyAt = Array(repeating: 0, count: n)
        injected = Array(repeating: [], count: n)
        runs = Array(repeating: nil, count: n)
    }

    mutating func run() throws -> ClusterTimeline {
        if let r = cluster.rollout { try planRollout(r) }
        if let s = cluster.nodeShutdown { try shutDown(s) }
        for i in cluster.pods.indices where runs[i] == nil { try runPod(i) }
        let pods = runs.map { $0! }
        // A pod still running (never stopped, or stopped only by the horizon) runs to the horizon.
        let endedAt = pods.map { $0.timeline.pod.goneAt == nil ? cluster.horizon : $0.startsAt + $0.timeline.endedAt }.max() ?? 0
        var traffic: TrafficRecord?
        if let t = cluster.traffic {
            var split = TrafficSplit(cluster: cluster, traffic: t, pods: pods, endsAt: endedAt)
            traffic = split.run()
            events += split.events
        }
        // Stable: equal times keep the order in which the coordinator decided.
        let clusterEvents = events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        var order: [ClusterEventRef] = clusterEvents.indices.map { ClusterEventRef(time: clusterEvents[$0].time, pod: nil, index: $0) }
        for (p, run) in pods.enumerated() {
            for (i, e) in run.timeline.events.enumerated() { order.append(ClusterEventRef(time: run.startsAt + e.time, pod: p, index: i)) }
        }
        order.sort { ($0.time, $0.pod ?? -1, $0.index) < ($1.time, $1.pod ?? -1, $1.index) }
        return ClusterTimeline(scenarioName: cluster.name, seed: seed, kubernetesVersion: cluster.kubernetesVersion, pods: pods,
                               clusterEvents: clusterEvents, traffic: traffic, endedAt: endedAt, order: order)
    }

    /// Runs pod `i` in its own engine, with the coordinator's stop actions (cluster time)
    /// turned into the pod's own clock.
    mutating func runPod(_ i: Int) throws {
        let p = cluster.pods[i]
        var s = p.scenario
        let offset = startsAt[i]
        s.seed = ClusterSimulator.podSeed(seed, pod: i)
        s.horizon = max(1, cluster.horizon - offset)
        s.kubernetesVersion = cluster.kubernetesVersion
        let extra = injected[i].map { StopAction(at: $0.at - offset, $0.kind) }
        // Merged by time; at one millisecond the pod's own actions come first.
        s.actions = (s.actions + extra).enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        if let t = cluster.traffic {
            let server = p.serves ?? p.scenario.pod.containers[0].name
            s.workloads.append(WorkloadSpec(name: ClusterSimulator.serviceWorkload, container: server,
                                            kind: .http(HTTPWorkload(rate: 0, serviceTime: t.serviceTime, keepServing: t.keepServing))))
        }
        let timeline: Timeline
        do {
            timeline = try Simulator.run(s, maxEvents: maxEvents)
        } catch let e as ModelError {
            throw ClusterError.pod(name: p.name, e.description)
        }
        runs[i] = PodRun(name: p.name, startsAt: offset, seed: s.seed, scenario: s, timeline: timeline, readyAt: readyAt[i])
    }

    /// Graceful node shutdown: each priority group, lowest first, gets its period as every
    /// pod's grace override (capped by the pod's own); the next group starts when every pod of
    /// this one has stopped, or when the period has passed, whichever is first.
    mutating func shutDown(_ plan: NodeShutdownPlan) throws {
        var start = plan.at
        var members = Array(repeating: [Int](), count: plan.groups.count)
        for (i, p) in cluster.pods.enumerated() { members[plan.group(ofPriority: p.priority)].append(i) }
        let lastGroup = members.lastIndex { !$0.isEmpty }
        for (k, group) in plan.groups.enumerated() {
            // The kubelet does not wait for a group without pods.
            guard !members[k].isEmpty else { continue }
            events.append(ClusterEvent(time: start, kind: .shutdownGroupStarted(priority: group.priority, period: group.gracePeriodSeconds, pods: members[k]),
                                       rule: .nodeShutdownGroups))
            for i in members[k] {
                let critical = cluster.pods[i].scenario.criticalPod
                let p = group.gracePeriodSeconds
                injected[i].append(StopAction(at: start, .nodeShutdown(gracePeriod: p, criticalPodsGracePeriod: critical ? p : 0)))
                try runPod(i)
            }
            let stopped = members[k].map { i in runs[i]!.timeline.pod.goneAt.map { $0 + runs[i]!.startsAt } }
            let deadline = start + Millis(group.gracePeriodSeconds * 1000)
            var next = deadline
            var all = false
            if stopped.allSatisfy({ $0 != nil }), let last = stopped.map({ $0! }).max(), last < deadline {
                next = max(start, last)
                all = true
            }
            guard next <= cluster.horizon else { break }
            events.append(ClusterEvent(time: next, kind: .shutdownGroupDone(priority: group.priority, allStopped: all, last: k == lastGroup), rule: .nodeShutdownGroups))
            start = next
        }
    }

    /// The Deployment controller's rolling update, decided at the rollout's start and at each
    /// new pod's readiness: scale the new ReplicaSet up while the pods stay within
    /// replicas + maxSurge, scale the old one down while the available pods stay at least
    /// replicas − maxUnavailable. A deleted (terminating) pod no longer counts.
    mutating func planRollout(_ r: RolloutPlan) throws {
        let replicas = r.old.count
        var oldLeft = r.old
        var created = 0
        var ready: [Millis] = []
        var announced: [Bool] = []
        var pending: [Millis] = [r.at]
        while let t = pending.min() {
            pending.removeAll { $0 == t }
            guard t < cluster.horizon else { break }
            for (n, at) in ready.enumerated() where at == t && !announced[n] {
                announced[n] = true
                events.append(ClusterEvent(time: t, kind: .podReady(pod: r.new[n]), rule: .clusterReadyAfter))
            }
            var changed = true
            while changed {
                changed = false
                while created < replicas, oldLeft.count + created < replicas + r.maxSurge {
                    let i = r.new[created]
                    startsAt[i] = t
                    let at = t + cluster.pods[i].readyAfter
                    readyAt[i] = at
                    ready.append(at)
                    announced.append(at == t)
                    events.append(ClusterEvent(time: t, kind: .podCreated(pod: i), rule: .deploymentRollingUpdate))
                    if at == t { events.append(ClusterEvent(time: t, kind: .podReady(pod: i), rule: .clusterReadyAfter)) }
                    pending.append(at)
                    created += 1
                    changed = true
                }
                let newUnavailable = ready.filter { $0 > t }.count
                let canDelete = oldLeft.count + created - (replicas - r.maxUnavailable) - newUnavailable
                if canDelete > 0, !oldLeft.isEmpty {
                    for i in oldLeft.prefix(canDelete) {
                        injected[i].append(StopAction(at: t, .delete(DeleteOptions())))
                        events.append(ClusterEvent(time: t, kind: .podDeleted(pod: i), rule: .deploymentRollingUpdate))
                    }
                    oldLeft.removeFirst(min(canDelete, oldLeft.count))
                    changed = true
                }
            }
        }
        if created < replicas {
            throw ClusterError.invalid("rollout: pod \(cluster.pods[r.new[created]].name) would be created only after the horizon (\(formatClock(cluster.horizon))), when the pods before it are ready; lengthen the horizon or shorten readyAfter")
        }
    }
}
