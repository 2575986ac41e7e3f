import OrderedCollections

/// The figures of a multi-pod run, by stable name, in a fixed order.
///
/// - `pods.NAME.…`: every figure of the pod's own run (`Outcome`), times (names ending in
///   `At`) in cluster time; `pods.NAME.startsAt`, `pods.NAME.readyAt`; with `traffic:`,
///   `pods.NAME.traffic.requests`, `.served`, `.refused`, `.failed` are the requests the
///   Service sent to that pod.
/// - `nodeShutdown.groups.PRIORITY.startedAt`, `.doneAt`, `.pods`, `.period` (groups with pods).
/// - `rollout.doneAt`: when the last old pod was deleted.
/// - `traffic.requests`, `.served`, `.refused`, `.failed`, `.noEndpoint`: every request.
/// - `total.pods`, `total.sigkilled` (pods with a SIGKILL or OOM kill), `total.processesSigkilled`,
///   `total.zombies`, and `total.kafka.…` / `total.outbound.…`: the pods' own workloads, summed.
public enum ClusterOutcome {
    static func figures(_ t: ClusterTimeline) -> Outcome {
        var f = OrderedDictionary<String, FigureValue>()
        var sigkilled = 0, processesKilled = 0, zombies = 0
        var sums = OrderedDictionary<String, Int>()
        for (i, run) in t.pods.enumerated() {
            let p = "pods.\(run.name)."
            f[p + "startsAt"] = .duration(run.startsAt)
            f[p + "readyAt"] = .duration(run.readyAt)
            for (k, v) in run.timeline.outcome.figures {
                if t.traffic != nil, k.hasPrefix("traffic.") || k.hasPrefix("workloads.\(ClusterSimulator.serviceWorkload).") { continue }
                if case .duration(let ms) = v, k.split(separator: ".").last?.hasSuffix("At") == true {
                    f[p + k] = .duration(ms + run.startsAt)
                } else {
                    f[p + k] = v
                }
                if k.hasPrefix("kafka.") || k.hasPrefix("outbound."), case .int(let n) = v { sums["total." + k, default: 0] += n }
            }
            if let tr = t.traffic {
                let c = tr.perPod[i]
                f[p + "traffic.requests"] = .int(c.requests)
                f[p + "traffic.served"] = .int(c.served)
                f[p + "traffic.refused"] = .int(c.refused)
                f[p + "traffic.failed"] = .int(c.failed)
            }
            let o = run.timeline.outcome
            if o["outcome.sigkilled"] == .bool(true) { sigkilled += 1 }
            if case .int(let n)? = o["outcome.processesSigkilled"] { processesKilled += n }
            if case .int(let n)? = o["outcome.zombies"] { zombies += n }
        }
        for e in t.clusterEvents {
            switch e.kind {
            case .shutdownGroupStarted(let priority, let period, let pods):
                let g = "nodeShutdown.groups.\(priority)."
                f[g + "startedAt"] = .duration(e.time)
                f[g + "doneAt"] = FigureValue.none
                f[g + "pods"] = .int(pods.count)
                f[g + "period"] = .int(period)
            case .shutdownGroupDone(let priority, _, _):
                f["nodeShutdown.groups.\(priority).doneAt"] = .duration(e.time)
            case .podDeleted:
                f["rollout.doneAt"] = .duration(e.time)
            default: break
            }
        }
        if let tr = t.traffic {
            let total = tr.total
            f["traffic.requests"] = .int(total.requests)
            f["traffic.served"] = .int(total.served)
            f["traffic.refused"] = .int(total.refused)
            f["traffic.failed"] = .int(total.failed)
            f["traffic.noEndpoint"] = .int(tr.noEndpoint)
        }
        f["total.pods"] = .int(t.pods.count)
        f["total.sigkilled"] = .int(sigkilled)
        f["total.processesSigkilled"] = .int(processesKilled)
        f["total.zombies"] = .int(zombies)
        for (k, v) in sums { f[k] = .int(v) }
        return Outcome(figures: f)
    }
}
