import Foundation
import PodTerm

/// Decodes a multi-pod scenario: the file's `pods:` list (each entry the parts of a
/// single-pod scenario: `pod`, `programs`, `images`, `stop`, `workloads`) beside what the
/// cluster decides between them (`nodeShutdown`, `rollout`, `traffic`).
///
/// Each pod entry is decoded by the single-pod decoder, as a scenario whose `summary`,
/// `story`, `kubernetes`, `horizon` and `network` are the file's, and whose `programs` and
/// `images` are the file's with the entry's own added (an entry's own wins by name), so
/// every error keeps its `file:line:column`.
enum ClusterDecoding {
    static let topLevelKeys = [
        "name", "summary", "story", "seed", "kubernetes", "horizon",
        "images", "programs", "network", "pods", "nodeShutdown", "rollout", "traffic", "expect",
    ]
    static let podKeys = ["name", "pod", "images", "programs", "stop", "workloads", "readyAfter", "serves"]
    static let nodeShutdownKeys = ["at", "shutdownGracePeriod", "shutdownGracePeriodCriticalPods", "shutdownGracePeriodByPodPriority"]
    static let groupKeys = ["priority", "shutdownGracePeriodSeconds"]
    static let rolloutKeys = ["at", "old", "new", "maxSurge", "maxUnavailable"]
    static let trafficKeys = ["rate", "serviceTime", "keepServing", "terminatingFallback"]

    /// Whether the tree is a multi-pod scenario (its top level has `pods:`).
    static func isMultiPod(_ root: SourceNode) -> SourceNode.Entry? {
        guard case .mapping(let entries) = root.content else { return nil }
        return entries.first { $0.key == "pods" }
    }

    static func decode(_ root: SourceNode, fileName: String) throws -> (ClusterScenario, [Expectation]) {
        let top = try MappingReader(root, path: "", known: topLevelKeys, hints: [
            "pod": "a multi-pod scenario lists its pods under pods: (each entry with its own pod:); a single-pod scenario has pod: and no pods:",
            "stop": "in a multi-pod scenario each pod's stop actions sit in its entry under pods:; what the cluster does sits in nodeShutdown:, rollout:",
            "workloads": "in a multi-pod scenario each pod's workloads sit in its entry under pods:; the Service's requests are traffic:",
        ])
        let name = try top.nonEmptyString("name") ?? ScenarioDecoding.defaultName(fileName)
        let summary = try top.requiredString("summary")
        let story = try top.requiredString("story")
        let seed = try top.value("seed").map { try Scalars.seed($0, "seed") } ?? Scenario.defaultSeed
        let horizon = try top.duration("horizon", ValueRanges.positiveDuration) ?? Scenario.defaultHorizon
        let podsNode = try top.required("pods")
        let items = try Scalars.list(podsNode, "pods", example: "- {pod: {metadata: {name: web-1}, containers: [...]}}")
        guard !items.isEmpty else { throw LocatedError(at: podsNode, "pods: expected 1 to \(ClusterScenario.maxPods) pods, got none") }
        try Scalars.checkCount(items, ValueRanges.pods, "pods")

        var pods: [ClusterPod] = []
        var nameNodes: [String: SourceNode] = [:]
        for (i, item) in items.enumerated() {
            let path = "pods.\(i)"
            let entry = try MappingReader(item, path: path, known: podKeys)
            let podNode = try entry.required("pod", ": the pod, as in a single-pod scenario")
            var synthetic: [SourceNode.Entry] = []
            for key in ["summary", "story", "kubernetes", "horizon", "network"] {
                if let e = top.entry(key) { synthetic.append(e) }
            }
            for key in ["images", "programs"] {
                if let merged = try merge(top.entry(key), entry.entry(key), path: path + "." + key) { synthetic.append(merged) }
            }
            for key in ["pod", "stop", "workloads"] {
                if let e = entry.entry(key) { synthetic.append(e) }
            }
            let (scenario, _) = try ScenarioDecoding.decode(SourceNode(content: .mapping(synthetic), origin: item.origin), fileName: fileName)
            var s = scenario
            let podName = try entry.nonEmptyString("name") ?? s.pod.name
            let nameNode = entry.value("name") ?? item
            guard podName.range(of: "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", options: .regularExpression) != nil else {
                throw LocatedError(at: nameNode, "\(path).name: '\(podName)' is not a DNS label (lower-case letters, digits and '-'): it names the pod's figures, pods.NAME.…")
            }
            if let first = nameNodes[podName], case .file(let line, _) = first.origin {
                throw LocatedError(at: nameNode, "\(path): a pod called \(podName) is listed twice (first at line \(line)); give each entry its own name:")
            }
            nameNodes[podName] = nameNode
            s.name = podName
            let readyAfter = try entry.duration("readyAfter") ?? 0
            var serves: String?
            if let sv = entry.value("serves") {
                let c = try Scalars.string(sv, path + ".serves")
                guard s.pod.containers.contains(where: { $0.name == c }) else {
                    throw LocatedError(at: sv, "\(path).serves: no regular container called \(c); expected one of \(s.pod.containers.map(\.name).joined(separator: ", "))")
                }
                serves = c
            }
            pods.append(ClusterPod(name: podName, scenario: s, priority: try priority(podNode, path: path + ".pod"), readyAfter: readyAfter, serves: serves))
        }
        let version = pods[0].scenario.kubernetesVersion
        func podIndex(_ node: SourceNode, _ what: String) throws -> Int {
            let n = try Scalars.string(node, what)
            guard let i = pods.firstIndex(where: { $0.name == n }) else {
                throw LocatedError(at: node, "\(what): no pod called \(n); expected one of \(pods.map(\.name).joined(separator: ", "))")
            }
            return i
        }

        var shutdown: NodeShutdownPlan?
        if let node = top.value("nodeShutdown") {
            let r = try MappingReader(node, path: "nodeShutdown", known: nodeShutdownKeys)
            let at = try r.duration("at") ?? { throw LocatedError(at: node, "missing key 'at' in nodeShutdown: when the node's shutdown starts, e.g. at: 10s") }()
            if at >= horizon { throw LocatedError(at: r.value("at")!, "nodeShutdown.at: \(formatDuration(at)) is not before the horizon of \(formatDuration(horizon)); move it earlier or raise horizon") }
            if let list = r.value("shutdownGracePeriodByPodPriority") {
                if let k = r.entry("shutdownGracePeriod") ?? r.entry("shutdownGracePeriodCriticalPods") {
                    throw LocatedError(at: k.keyNode, "nodeShutdown: give either shutdownGracePeriodByPodPriority or shutdownGracePeriod (with shutdownGracePeriodCriticalPods), not both, as the kubelet validates")
                }
                let gitems = try Scalars.list(list, "nodeShutdown.shutdownGracePeriodByPodPriority", example: "- {priority: 0, shutdownGracePeriodSeconds: 20}")
                guard !gitems.isEmpty else { throw LocatedError(at: list, "nodeShutdown.shutdownGracePeriodByPodPriority: expected at least one group") }
                try Scalars.checkCount(gitems, ValueRanges.shutdownGroups, "nodeShutdown.shutdownGracePeriodByPodPriority")
                var groups: [ShutdownGroup] = []
                for (j, g) in gitems.enumerated() {
                    let gp = "nodeShutdown.shutdownGracePeriodByPodPriority.\(j)"
                    let gr = try MappingReader(g, path: gp, known: groupKeys)
                    let pnode = try gr.required("priority", ": the lowest pod priority of the group")
                    let p = try Scalars.int(pnode, gp + ".priority", ValueRanges.podPriority)
                    let secs = try Scalars.int(try gr.required("shutdownGracePeriodSeconds"), gp + ".shutdownGracePeriodSeconds", ValueRanges.seconds)
                    if groups.contains(where: { $0.priority == p }) {
                        throw LocatedError(at: pnode, "\(gp).priority: priority \(p) has two groups")
                    }
                    groups.append(ShutdownGroup(priority: p, gracePeriodSeconds: secs))
                }
                shutdown = NodeShutdownPlan(at: at, groups: groups)
            } else {
                let total = try StopDecoding.wholeSeconds(r, "shutdownGracePeriod", "nodeShutdown", required: true)
                let critical = try StopDecoding.wholeSeconds(r, "shutdownGracePeriodCriticalPods", "nodeShutdown", required: false)
                if critical > total, let k = r.entry("shutdownGracePeriodCriticalPods")?.keyNode {
                    throw LocatedError(at: k, "nodeShutdown.shutdownGracePeriodCriticalPods: must not exceed shutdownGracePeriod (\(total)s), as the kubelet validates")
                }
                shutdown = .criticalSplit(at: at, gracePeriod: total, criticalPodsGracePeriod: critical)
            }
        }

        var rollout: RolloutPlan?
        if let node = top.value("rollout") {
            if let s = top.entry("nodeShutdown"), !s.value.isNull {
                throw LocatedError(at: s.keyNode, "nodeShutdown: a rollout and a node shutdown in one scenario are not modelled; use two scenarios")
            }
            let r = try MappingReader(node, path: "rollout", known: rolloutKeys)
            let atNode = try r.required("at", ": when the Deployment's pod template changes, e.g. at: 10s")
            let at = try Scalars.duration(atNode, "rollout.at")
            if at >= horizon { throw LocatedError(at: atNode, "rollout.at: \(formatDuration(at)) is not before the horizon of \(formatDuration(horizon)); move it earlier or raise horizon") }
            let oldNode = try r.required("old", ": the old ReplicaSet's pods, e.g. old: [web-1]")
            let newNode = try r.required("new", ": the new ReplicaSet's pods, e.g. new: [web-2]")
            let old = try Scalars.list(oldNode, "rollout.old", example: "[web-1]").map { try podIndex($0, "rollout.old") }
            let new = try Scalars.list(newNode, "rollout.new", example: "[web-2]").map { try podIndex($0, "rollout.new") }
            guard !old.isEmpty, old.count == new.count else {
                throw LocatedError(at: newNode, "rollout.new: expected as many pods as rollout.old (\(old.count)), at least one, got \(new.count)")
            }
            if Set(old + new).count != old.count + new.count {
                throw LocatedError(at: newNode, "rollout: a pod is listed twice in old and new; each pod is old or new")
            }
            let surge = try r.int("maxSurge", ValueRanges.rolloutPods) ?? 1
            let unavailable = try r.int("maxUnavailable", ValueRanges.rolloutPods) ?? 0
            if surge == 0 && unavailable == 0 {
                throw LocatedError(at: node, "rollout: maxSurge and maxUnavailable cannot both be 0, as the API server validates")
            }
            rollout = RolloutPlan(at: at, old: old, new: new, maxSurge: surge, maxUnavailable: unavailable)
        }

        var traffic: ClusterTraffic?
        if let node = top.value("traffic") {
            let r = try MappingReader(node, path: "traffic", known: trafficKeys)
            let rate = try Scalars.int(try r.required("rate", ": requests per second from each consumer of endpoints"), "traffic.rate", ValueRanges.rate)
            let t = ClusterTraffic(rate: rate, serviceTime: try r.duration("serviceTime", ValueRanges.positiveDuration) ?? HTTPWorkload.defaultServiceTime,
                                   keepServing: try r.duration("keepServing") ?? 0, terminatingFallback: try r.bool("terminatingFallback") ?? true)
            if pods[0].scenario.network.consumers.isEmpty {
                throw LocatedError(at: node, "traffic: the Service's requests come from consumers of endpoints; list at least one under network.consumers (e.g. {name: kube-proxy, delay: 1s})")
            }
            for (i, p) in pods.enumerated() where p.scenario.workloads.contains(where: { if case .http = $0.kind { return true } else { return false } }) {
                throw LocatedError(at: items[i], "pods.\(i).workloads: an http workload and the cluster's traffic: cannot both count requests; traffic: serves every pod (serves: names the container)")
            }
            traffic = t
        }

        let expectations = try ExpectationDecoding.decode(top.value("expect"))
        let cluster = ClusterScenario(name: name, summary: summary, story: story, seed: seed, kubernetesVersion: version, horizon: horizon,
                                      pods: pods, nodeShutdown: shutdown, rollout: rollout, traffic: traffic)
        return (cluster, expectations)
    }

    /// The file's mapping under `key` with the pod entry's added (the entry's wins by name).
    static func merge(_ file: SourceNode.Entry?, _ own: SourceNode.Entry?, path: String) throws -> SourceNode.Entry? {
        guard let own, !own.value.isNull else { return file }
        guard let file, !file.value.isNull else { return own }
        guard case .mapping(let a) = file.value.content else { return file }
        guard case .mapping(let b) = own.value.content else {
            throw LocatedError(at: own.value, "\(path): expected a mapping by name, got \(own.value.shortDescription)")
        }
        let merged = a.filter { e in !b.contains { $0.key == e.key } } + b
        return SourceNode.Entry(key: own.key, keyNode: own.keyNode, value: SourceNode(content: .mapping(merged), origin: own.value.origin))
    }

    /// `spec.priority`: the pod's `priority`, else its `priorityClassName`'s for the two
    /// system classes, else 0 (no default PriorityClass is modelled).
    static func priority(_ pod: SourceNode, path: String) throws -> Int {
        guard case .mapping(let entries) = pod.content else { return 0 }
        if let p = entries.first(where: { $0.key == "priority" }), !p.value.isNull {
            return try Scalars.int(p.value, path + ".priority", ValueRanges.podPriority)
        }
        if let c = entries.first(where: { $0.key == "priorityClassName" }), !c.value.isNull {
            switch try Scalars.string(c.value, path + ".priorityClassName") {
            case "system-node-critical": return ClusterPod.systemNodeCritical
            case "system-cluster-critical": return ClusterPod.systemClusterCritical
            default: return 0
            }
        }
        return 0
    }
}
