import Foundation
import PodTerm

/// Decodes `network:`: the consumers of the pod's endpoints and their delays.
enum NetworkDecoding {
    static let keys = ["consumers"]
    static let consumerKeys = ["name", "delay"]

    static func decode(_ node: SourceNode?) throws -> NetworkSpec {
        guard let node else { return NetworkSpec() }
        let n = try MappingReader(node, path: "network", known: keys)
        guard let list = n.value("consumers") else { return NetworkSpec() }
        var consumers: [EndpointConsumer] = []
        var seen: Set<String> = []
        let items = try Scalars.list(list, "network.consumers", example: "- {name: kube-proxy, delay: 1s}")
        try Scalars.checkCount(items, ValueRanges.consumers, "network.consumers")
        for (i, item) in items.enumerated() {
            let c = try MappingReader(item, path: "network.consumers.\(i)", known: consumerKeys)
            let name = try c.requiredString("name")
            if seen.contains(name), let node = c.value("name") {
                throw LocatedError(at: node, "network.consumers: the name '\(name)' is used twice")
            }
            seen.insert(name)
            consumers.append(EndpointConsumer(name: name, delay: try c.duration("delay") ?? 0))
        }
        return NetworkSpec(consumers: consumers)
    }
}
