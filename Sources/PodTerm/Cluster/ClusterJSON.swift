/// Renders a multi-pod run as JSON, schema `podterm.cluster/v1`: each pod's own
/// `podterm.timeline/v2` document unchanged (times on the pod's clock, which starts at the
/// pod's `startsAt` of cluster time), the coordinator's events, the merged order and the
/// cluster's outcome figures. Single-pod runs keep `podterm.timeline/v2`.
///
/// ```json
/// {"schema": "podterm.cluster/v1", "scenario": {...}, "pods": [{"name": "web-1", "startsAt": 0,
///  "readyAt": 0, "seed": 1, "timeline": {"schema": "podterm.timeline/v2", ...}}],
///  "clusterEvents": [{"time": 10000, "kind": "shutdownGroupStarted", "rule": "node.shutdown-groups", ...}],
///  "order": [{"time": 0, "pod": "web-1", "event": 0}, ...], "outcome": {...}}
/// ```
public enum ClusterJSON {
    /// The schema id written into every document.
    public static let schema = "podterm.cluster/v1"

    /// The JSON text, ending with a newline.
    public static func render(_ t: ClusterTimeline, file: String? = nil) -> String {
        var o = "{\n  \"schema\": " + str(schema)
        o += ",\n  \"scenario\": {\"name\": \(str(t.scenarioName)), \"file\": \(file.map(str) ?? "null"), \"seed\": \(t.seed), \"kubernetesVersion\": \(str(t.kubernetesVersion.description))}"
        o += ",\n  \"endedAt\": \(t.endedAt.ms)"
        o += ",\n  \"pods\": ["
        for (i, p) in t.pods.enumerated() {
            var doc = TimelineJSON.render(p.timeline, file: file)
            if doc.hasSuffix("\n") { doc.removeLast() }
            o += (i == 0 ? "\n" : ",\n") + "    {\"name\": \(str(p.name)), \"startsAt\": \(p.startsAt.ms), \"readyAt\": \(p.readyAt.ms), \"seed\": \(p.seed), \"timeline\": " + doc + "}"
        }
        o += "\n  ],\n  \"clusterEvents\": ["
        for (i, e) in t.clusterEvents.enumerated() {
            o += (i == 0 ? "\n" : ",\n") + "    " + event(e, t)
        }
        o += t.clusterEvents.isEmpty ? "],\n  \"order\": [" : "\n  ],\n  \"order\": ["
        for (i, r) in t.order.enumerated() {
            o += (i == 0 ? "\n" : ",\n") + "    {\"time\": \(r.time.ms), \"pod\": \(r.pod.map { str(t.pods[$0].name) } ?? "null"), \"event\": \(r.index)}"
        }
        o += t.order.isEmpty ? "],\n  \"outcome\": {" : "\n  ],\n  \"outcome\": {"
        let figures = t.outcome.figures
        for (i, (k, v)) in figures.enumerated() {
            o += (i == 0 ? "\n" : ",\n") + "    \(str(k)): \(value(v))"
        }
        o += figures.isEmpty ? "}\n}\n" : "\n  }\n}\n"
        return o
    }

    static func event(_ e: ClusterEvent, _ t: ClusterTimeline) -> String {
        func names(_ pods: [Int]) -> String { "[" + pods.map { str(t.pods[$0].name) }.joined(separator: ", ") + "]" }
        var o = "{\"time\": \(e.time.ms), \"kind\": "
        switch e.kind {
        case .shutdownGroupStarted(let priority, let period, let pods):
            o += "\"shutdownGroupStarted\", \"priority\": \(priority), \"period\": \(period), \"pods\": \(names(pods))"
        case .shutdownGroupDone(let priority, let all, let last):
            o += "\"shutdownGroupDone\", \"priority\": \(priority), \"allStopped\": \(all), \"last\": \(last)"
        case .podCreated(let p): o += "\"podCreated\", \"pod\": \(str(t.pods[p].name))"
        case .podReady(let p): o += "\"podReady\", \"pod\": \(str(t.pods[p].name))"
        case .podDeleted(let p): o += "\"podDeleted\", \"pod\": \(str(t.pods[p].name))"
        case .routes(let c, let pods, let terminating):
            o += "\"routes\", \"consumer\": \(str(t.pods[0].scenario.network.consumers[c].name)), \"pods\": \(names(pods)), \"terminating\": \(terminating)"
        }
        return o + ", \"rule\": \(str(e.rule.id)), \"message\": \(str(ClusterText.message(e.kind, t)))}"
    }

    static func value(_ v: FigureValue) -> String {
        switch v {
        case .int(let n): return String(n)
        case .duration(let ms): return String(ms.ms)
        case .bool(let b): return b ? "true" : "false"
        case .text(let s): return str(s)
        case .list(let l): return "[" + l.map(str).joined(separator: ", ") + "]"
        case .none: return "null"
        }
    }

    static func str(_ s: String) -> String { JSONQuoting.quoted(s) }
}
