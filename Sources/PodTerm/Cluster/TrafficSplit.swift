/// The Service's traffic over the pods' endpoints, read from every pod's timeline.
///
/// Each consumer of endpoints sends `rate` requests per second (request n at
/// `floor(n·1000/rate)` ms, cluster time) from the start until the run ends, and spreads them
/// round-robin, in pod order, over the endpoints it currently routes to (`service.round-robin`):
/// - a ready endpoint, from when the consumer applied its readiness (a pod that was there
///   before the run: from the start; a rollout's new pod: `readyAfter` after its creation plus
///   the consumer's delay) until the consumer applied the change that took it out (the pod's
///   own `consumerStopped`, `endpoints.consumer-delay`);
/// - when none is ready, a terminating endpoint that still serves, until the consumer hears
///   that its serving container exited or it left the EndpointSlice (`endpoints.terminating`;
///   no readiness probe is modelled, so serving follows the container);
/// - none at all: the request is refused (`service.no-endpoint`).
/// A request sent to a pod is refused when the pod's server is not listening (not started,
/// listener closed, gone), failed when the server dies before `serviceTime` has passed,
/// served otherwise — the rules of the single-pod http workload. Counted in closed form per
/// interval between changes, never one step per request.
struct TrafficSplit {
    let cluster: ClusterScenario
    let traffic: ClusterTraffic
    let pods: [PodRun]
    let endsAt: Millis
    private(set) var events: [ClusterEvent] = []

    /// What the consumers and the run know of one pod, in cluster time (nil: never).
    struct Window {
        var readyFrom: [Millis]
        var stopRouting: [Millis?]
        var terminating: Bool
        var servingUntil: Millis?
        var listenFrom: Millis?
        var listenUntil: Millis?
        var death: Millis?
    }

    init(cluster: ClusterScenario, traffic: ClusterTraffic, pods: [PodRun], endsAt: Millis) {
        self.cluster = cluster
        self.traffic = traffic
        self.pods = pods
        self.endsAt = endsAt
    }

    func window(_ p: Int) -> Window {
        let run = pods[p]
        let t = run.timeline
        let o = run.startsAt
        let consumers = cluster.consumers
        let wasThere = o == 0 && run.readyAt == 0
        let server = cluster.pods[p].serves ?? run.scenario.pod.containers[0].name
        let ci = t.containers.firstIndex { $0.name == server }
        var w = Window(readyFrom: consumers.map { wasThere ? 0 : run.readyAt + $0.delay },
                       stopRouting: Array(repeating: nil, count: consumers.count), terminating: false)
        if let ci, let pid = t.processes.firstIndex(where: { $0.container == ci && $0.containerInstance == 0 && $0.parent == nil }) {
            let pr = t.processes[pid]
            w.listenFrom = o + pr.startedAt
            w.death = pr.end.map { o + $0.at }
            w.listenUntil = w.death
        }
        var leaves: Millis?
        for e in t.events {
            switch e.kind {
            case .consumerStopped:
                if case .consumer(let c) = e.actor, w.stopRouting[c] == nil { w.stopRouting[c] = o + e.time }
            case .endpointNotReady:
                w.terminating = true
            case .endpointRemoved, .podObjectRemoved:
                if leaves == nil { leaves = o + e.time }
            case .listenerClosed:
                if e.container == ci, w.listenUntil == nil || o + e.time < w.listenUntil! { w.listenUntil = o + e.time }
            default: break
            }
        }
        let exit = ci.flatMap { t.containers[$0].exits.first.map { o + $0.at } }
        w.servingUntil = [exit, leaves].compactMap { $0 }.min()
        return w
    }

    mutating func run() -> TrafficRecord {
        let windows = pods.indices.map(window)
        var perPod = Array(repeating: TrafficCounts(), count: pods.count)
        var noEndpoint = 0
        for (c, consumer) in cluster.consumers.enumerated() {
            var cuts: Set<Millis> = [0, endsAt]
            for w in windows {
                let serving = w.servingUntil.map { $0 + consumer.delay }
                let dying = w.death.map { $0 - traffic.serviceTime }
                for m in [w.readyFrom[c], w.stopRouting[c], serving, w.listenFrom, w.listenUntil, dying, w.death].compactMap({ $0 })
                where m > 0 && m < endsAt { cuts.insert(m) }
            }
            let bounds = cuts.sorted()
            var counter = 0
            var last: (pods: [Int], terminating: Bool)?
            for k in 0..<(bounds.count - 1) {
                let (a, b) = (bounds[k], bounds[k + 1])
                var routed = windows.indices.filter { p in
                    windows[p].readyFrom[c] <= a && windows[p].stopRouting[c].map { a < $0 } ?? true
                }
                var terminating = false
                if routed.isEmpty, traffic.terminatingFallback {
                    routed = windows.indices.filter { p in
                        let w = windows[p]
                        guard w.terminating, let stop = w.stopRouting[c], stop <= a else { return false }
                        return w.servingUntil.map { a < $0 + consumer.delay } ?? true
                    }
                    terminating = !routed.isEmpty
                }
                if last == nil || last!.pods != routed || last!.terminating != terminating {
                    events.append(ClusterEvent(time: a, kind: .routes(consumer: c, pods: routed, terminating: terminating),
                                               rule: routed.isEmpty ? .serviceNoEndpoint : (terminating ? .endpointsTerminating : .serviceRoundRobin)))
                    last = (routed, terminating)
                }
                let n = Arrivals.between(a, b, rate: traffic.rate)
                guard n > 0 else { continue }
                if routed.isEmpty {
                    noEndpoint += n
                    continue
                }
                let k = routed.count
                for (r, p) in routed.enumerated() {
                    // Request j of the interval goes to routed[(counter + j) % k].
                    let off = ((r - counter) % k + k) % k
                    let got = off < n ? (n - 1 - off) / k + 1 : 0
                    guard got > 0 else { continue }
                    let w = windows[p]
                    perPod[p].requests += got
                    let listening = (w.listenFrom.map { $0 <= a } ?? false) && (w.listenUntil.map { a < $0 } ?? true)
                    if !listening {
                        perPod[p].refused += got
                    } else if let d = w.death, a >= d - traffic.serviceTime {
                        perPod[p].failed += got
                    } else {
                        perPod[p].served += got
                    }
                }
                counter += n
            }
        }
        return TrafficRecord(perPod: perPod, noEndpoint: noEndpoint)
    }
}
