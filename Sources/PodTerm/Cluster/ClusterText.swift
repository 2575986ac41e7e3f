/// Renders a multi-pod run as text: one event a line in the merged order (cluster time, pod
/// order, sequence), with the pod each event belongs to, then each pod's end, the traffic
/// and the totals.
public struct ClusterText {
    /// Whether to print each event's rule id, reason and source under it.
    public var explain: Bool
    /// Whether to show the bookkeeping events too (`EventKind.isBookkeeping`).
    public var bookkeeping: Bool

    /// Creates a renderer.
    public init(explain: Bool = false, bookkeeping: Bool = false) {
        self.explain = explain
        self.bookkeeping = bookkeeping
    }

    /// The whole text, ending with a newline.
    public func render(_ t: ClusterTimeline) -> String {
        let words = t.pods.map { EventText($0.timeline) }
        var rows: [(time: String, pod: String, who: String, container: String, what: String, rule: Rule)] = []
        for ref in t.order {
            if let p = ref.pod {
                let e = t.pods[p].timeline.events[ref.index]
                guard bookkeeping || !e.kind.isBookkeeping else { continue }
                rows.append((formatClock(ref.time), t.pods[p].name, words[p].actorName(e.actor, atEvent: ref.index),
                             words[p].containerName(e), words[p].message(e, atEvent: ref.index), e.rule))
            } else {
                let e = t.clusterEvents[ref.index]
                rows.append((formatClock(ref.time), "cluster", Self.who(e.kind, t), "", Self.message(e.kind, t), e.rule))
            }
        }
        let tw = max(rows.map(\.time.count).max() ?? 0, 4)
        let pw = max(rows.map(\.pod.count).max() ?? 0, 3)
        let ww = max(rows.map(\.who.count).max() ?? 0, 3)
        let cw = max(rows.map(\.container.count).max() ?? 0, 9)
        var out = "podterm · \(t.scenarioName) · seed \(t.seed) · Kubernetes \(t.kubernetesVersion) · \(t.pods.count) pods\n"
        out += pad("time", tw, left: true) + "  " + pad("pod", pw) + "  " + pad("who", ww) + "  " + pad("container", cw) + "  what\n"
        for r in rows {
            out += pad(r.time, tw, left: true) + "  " + pad(r.pod, pw) + "  " + pad(r.who, ww) + "  " + pad(r.container, cw) + "  " + r.what + "\n"
            if explain {
                let indent = String(repeating: " ", count: tw + 2)
                out += indent + "↳ \(r.rule.id): \(r.rule.reason)\n" + indent + "  source: \(r.rule.source)\n"
            }
        }
        out += "\n" + summary(t)
        return out
    }

    /// The closing lines: each pod's end and damage, the traffic, the totals.
    public func summary(_ t: ClusterTimeline) -> String {
        var out = ""
        let o = t.outcome
        for (i, run) in t.pods.enumerated() {
            let tl = run.timeline
            var line = "pod \(run.name)"
            if run.startsAt > 0 { line += " (created at \(formatClock(run.startsAt)))" }
            if let gone = tl.pod.goneAt, let phase = tl.pod.phase {
                line += ": \(phase.rawValue)\(tl.pod.reason.map { " (\($0))" } ?? ""), \(tl.pod.deletedAt != nil ? "gone" : "finished") at \(formatClock(run.startsAt + gone))"
            } else if tl.pod.deletedAt != nil {
                line += ": still terminating when the run ended"
            } else {
                line += ": running"
            }
            let ends = tl.containers.map { c -> String in
                guard let x = c.lastExit else { return "\(c.name) running" }
                return "\(c.name) exit \(x.code)\(c.sigkillAt != nil ? " (SIGKILL)" : "")"
            }
            line += "; " + ends.joined(separator: ", ")
            if let tr = t.traffic {
                let c = tr.perPod[i]
                line += "; traffic \(c.requests): \(c.served) served, \(c.refused) refused, \(c.failed) failed"
            }
            out += line + "\n"
        }
        if let tr = t.traffic {
            let c = tr.total
            out += "traffic: \(c.requests) requests, \(c.served) served, \(c.refused) refused (\(tr.noEndpoint) with no endpoint), \(c.failed) failed\n"
        }
        let totals = o.figures.filter { $0.key.hasPrefix("total.") }
        out += "total: " + totals.map { "\($0.key.dropFirst(6)) \($0.value)" }.joined(separator: ", ") + "\n"
        if t.pods.contains(where: \.timeline.hitHorizon) {
            out += "pods still running at the horizon: " + t.pods.filter(\.timeline.hitHorizon).map(\.name).joined(separator: ", ") + "\n"
        }
        return out
    }

    static func who(_ k: ClusterEventKind, _ t: ClusterTimeline) -> String {
        switch k {
        case .shutdownGroupStarted, .shutdownGroupDone: return "kubelet"
        case .podCreated, .podDeleted: return "deployment"
        case .podReady: return "endpoints"
        case .routes(let c, _, _): return t.pods.first?.scenario.network.consumers[c].name ?? "consumer"
        }
    }

    static func message(_ k: ClusterEventKind, _ t: ClusterTimeline) -> String {
        func names(_ pods: [Int]) -> String { pods.map { t.pods[$0].name }.joined(separator: ", ") }
        switch k {
        case .shutdownGroupStarted(let priority, let period, let pods):
            return "node shutdown: priority group \(priority) (\(names(pods))): shutdownGracePeriodSeconds \(period), each pod's grace capped by its own"
        case .shutdownGroupDone(let priority, let all, let last):
            let then = last ? "the kubelet is done and releases its shutdown inhibitor lock" : "the next group starts"
            return all ? "node shutdown: every pod of group \(priority) has stopped; \(then)"
                : "node shutdown: group \(priority)'s period ran out; \(then)"
        case .podCreated(let p):
            return "rolling update creates pod \(t.pods[p].name)"
        case .podReady(let p):
            return "pod \(t.pods[p].name) is ready: its endpoint turns ready=true"
        case .podDeleted(let p):
            return "rolling update deletes pod \(t.pods[p].name)"
        case .routes(_, let pods, let terminating):
            if pods.isEmpty { return "no endpoint to send to: requests are refused" }
            return terminating ? "no ready endpoint left: sends to terminating, serving \(names(pods))" : "sends to \(names(pods))"
        }
    }

    private func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
        let n = s.count
        guard n < width else { return s }
        let fill = String(repeating: " ", count: width - n)
        return left ? fill + s : s + fill
    }
}
