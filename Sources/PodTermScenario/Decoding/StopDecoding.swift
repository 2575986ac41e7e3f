import Foundation
import PodTerm

/// Decodes `stop:`: what stops the pod or a container, and when.
enum StopDecoding {
    static let kinds = ["delete", "oomKill"]

    static func decode(
        _ node: SourceNode?, containers: [DecodedContainer], horizon: Millis, horizonNode: SourceNode?
    ) throws -> [StopAction] {
        guard let node else { return [] }
        let items = try Scalars.list(node, "stop", example: "- {at: 10s, delete: {}}")
        var actions: [StopAction] = []
        var sawDelete = false
        for (i, item) in items.enumerated() {
            let path = "stop.\(i)"
            let s = try MappingReader(item, path: path, known: ["at"] + kinds)
            let atNode = try s.required("at", ": when it happens, e.g. at: 10s")
            let at = try Scalars.duration(atNode, path + ".at")
            if at > horizon {
                let horizonText = horizonNode == nil ? " (the default)" : ""
                throw LocatedError(
                    at: atNode,
                    "\(path).at: \(formatDuration(at)) is after the horizon of \(formatDuration(horizon))\(horizonText), so it would never happen; move it earlier or raise horizon")
            }
            let given = s.entries.filter { kinds.contains($0.key) }
            guard let kind = given.first else {
                throw LocatedError(at: item, "\(path): expected one of delete, oomKill beside at")
            }
            if given.count > 1 {
                throw LocatedError(at: given[1].keyNode, "\(path) has both \(given[0].key) and \(given[1].key); give each its own item in stop:")
            }
            switch kind.key {
            case "delete":
                if sawDelete {
                    throw LocatedError(at: kind.keyNode, "a second delete is not modelled yet (see issue 5); keep one")
                }
                sawDelete = true
                actions.append(StopAction(at: at, .delete(try delete(kind.value, path: path + ".delete"))))
            default:
                let o = try MappingReader(kind.value, path: path + ".oomKill", known: ["container"])
                let cnode = try o.required("container", ": the container whose memory limit is exceeded")
                let name = try Scalars.string(cnode, path + ".oomKill.container")
                let names = containers.map(\.spec.name)
                guard names.contains(name) else {
                    throw LocatedError(
                        at: cnode,
                        "\(path).oomKill.container: no container named '\(name)'\(Suggestions.hint(name, in: names)); the pod has: \(names.joined(separator: ", "))")
                }
                actions.append(StopAction(at: at, .oomKill(container: name)))
            }
        }
        return actions
    }

    static func delete(_ node: SourceNode, path: String) throws -> DeleteOptions {
        let d = try MappingReader(node, path: path, known: ["gracePeriod", "force", "now"])
        let options = DeleteOptions(
            gracePeriod: try d.int("gracePeriod", min: 0), force: try d.bool("force") ?? false,
            now: try d.bool("now") ?? false)
        if options.now, options.gracePeriod != nil, let key = d.entry("now")?.keyNode {
            throw LocatedError(at: key, "\(path): now cannot go with gracePeriod (kubectl refuses --now with --grace-period); keep one")
        }
        return options
    }
}
