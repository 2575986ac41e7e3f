import Foundation
import PodTerm

/// Decodes `workloads:`: a list of items, each with an optional `name`, `container`, an
/// optional `program`, and exactly one of `http`, `kafka`, `outbound`.
enum WorkloadDecoding {
    static let kinds = ["http", "kafka", "outbound"]
    static let itemKeys = ["name", "container", "program"] + kinds
    /// The keys of each kind's mapping.
    static let kindKeys: [String: [String]] = [
        "http": ["rate", "serviceTime", "keepServing", "arrivals", "consumerRates", "closeKeepAlive"],
        "kafka": ["rate", "batchSize", "flushInterval", "commit", "onStop", "sessionTimeout"],
        "outbound": ["rate", "via"],
    ]

    static func decode(_ node: SourceNode?, containers: [String], consumers: [String]) throws -> [WorkloadSpec] {
        let hasConsumers = !consumers.isEmpty
        guard let node else { return [] }
        let example = "- {name: web, container: app, http: {rate: 100}}"
        var out: [WorkloadSpec] = []
        var seen: Set<String> = []
        let items = try Scalars.list(node, "workloads", example: example)
        try Scalars.checkCount(items, ValueRanges.workloads, "workloads")
        for (i, item) in items.enumerated() {
            let path = "workloads.\(i)"
            let w = try MappingReader(item, path: path, known: itemKeys)
            let present = kinds.filter { w.value($0) != nil || w.has($0) }
            guard present.count == 1, let kind = present.first else {
                let at = present.count > 1 ? (w.entry(present[1])?.keyNode ?? item) : item
                throw LocatedError(at: at, "\(path): expected exactly one of \(kinds.joined(separator: ", ")), got \(present.isEmpty ? "none" : present.joined(separator: " and "))")
            }
            let containerNode = try w.required("container")
            let container = try w.requiredString("container")
            guard containers.contains(container) else {
                let hint = Suggestions.hint(container, in: containers)
                throw LocatedError(at: containerNode, "\(path).container: no container named '\(container)' in the pod\(hint); expected one of: \(containers.joined(separator: ", "))")
            }
            let program = try w.nonEmptyString("program")
            let name = try w.nonEmptyString("name") ?? kind
            if seen.contains(name), let n = w.value("name") ?? w.entry(kind)?.keyNode {
                throw LocatedError(at: n, "\(path).name: the name '\(name)' is used twice; give each workload its own name")
            }
            seen.insert(name)
            let body = w.value(kind) ?? item
            let kp = "\(path).\(kind)"
            let workloadKind: WorkloadKind
            switch kind {
            case "http":
                if !hasConsumers {
                    throw LocatedError(at: w.entry(kind)!.keyNode, "\(kp): requests come from the consumers of endpoints; add network.consumers (e.g. - {name: kube-proxy, delay: 1s})")
                }
                let h = try MappingReader(body, path: kp, known: kindKeys["http"]!)
                var consumerRates: [String: Int] = [:]
                if let cr = h.value("consumerRates") {
                    for e in try ImageDecoding.entries(cr, path: kp + ".consumerRates", example: "ingress-nginx: 50") {
                        guard consumers.contains(e.key) else {
                            throw LocatedError(at: e.keyNode, "\(kp).consumerRates: no consumer named '\(e.key)'\(Suggestions.hint(e.key, in: consumers)); network.consumers has: \(consumers.joined(separator: ", "))")
                        }
                        consumerRates[e.key] = try Scalars.int(e.value, "\(kp).consumerRates.\(e.key)", ValueRanges.rate)
                    }
                }
                let rate = try requiredRate(h, kp)
                let service = try h.duration("serviceTime", ValueRanges.positiveDuration) ?? HTTPWorkload.defaultServiceTime
                workloadKind = .http(HTTPWorkload(
                    rate: rate, serviceTime: service, keepServing: try h.duration("keepServing") ?? 0,
                    arrivals: try h.oneOf("arrivals", ArrivalPattern.allCases.map { ($0.rawValue, $0) }) ?? .constant,
                    consumerRates: consumerRates, closeKeepAlive: try h.bool("closeKeepAlive") ?? true))
            case "kafka":
                let k = try MappingReader(body, path: kp, known: kindKeys["kafka"]!)
                let rate = try requiredRate(k, kp)
                let batch = try k.int("batchSize", ValueRanges.batchSize) ?? KafkaWorkload.defaultBatchSize
                let flush = try k.duration("flushInterval", ValueRanges.positiveDuration) ?? KafkaWorkload.defaultFlushInterval
                let commit = try k.oneOf("commit", KafkaCommit.allCases.map { ($0.rawValue, $0) }) ?? .afterBulkWrite
                let onStop = try k.oneOf("onStop", KafkaOnStop.allCases.map { ($0.rawValue, $0) }) ?? .flushAndClose
                let session = try k.duration("sessionTimeout") ?? KafkaWorkload.defaultSessionTimeout
                workloadKind = .kafka(KafkaWorkload(rate: rate, batchSize: batch, flushInterval: flush, commit: commit, onStop: onStop, sessionTimeout: session))
            default:
                let o = try MappingReader(body, path: kp, known: kindKeys["outbound"]!)
                let rate = try requiredRate(o, kp)
                let viaNode = try o.required("via")
                let via = try o.requiredString("via")
                guard containers.contains(via) else {
                    let hint = Suggestions.hint(via, in: containers)
                    throw LocatedError(at: viaNode, "\(kp).via: no container named '\(via)' in the pod\(hint); expected one of: \(containers.joined(separator: ", "))")
                }
                if via == container {
                    throw LocatedError(at: viaNode, "\(kp).via: the calls must go through another container than '\(container)' (the proxy)")
                }
                workloadKind = .outbound(OutboundWorkload(rate: rate, via: via))
            }
            out.append(WorkloadSpec(name: name, container: container, program: program, kind: workloadKind))
        }
        return out
    }

    private static func requiredRate(_ r: MappingReader, _ path: String) throws -> Int {
        _ = try r.required("rate", " (per second, e.g. rate: 100)")
        return try r.int("rate", ValueRanges.rate)!
    }
}
