import PodTerm

/// Decodes `frontDoor:` (who stops the containers: kubernetes or docker) and the `docker:`
/// section, and checks that every stop action belongs to that front door.
enum FrontDoorDecoding {
    static let dockerActions: Set<String> = ["dockerStop", "dockerKill", "dockerRm"]
    static let dockerKeys = ["stopTimeout"]

    static func decode(_ top: MappingReader, actions: [StopAction], stopNode: SourceNode?) throws -> (FrontDoor, Int?) {
        var frontDoor = FrontDoor.kubernetes
        if let node = top.value("frontDoor") {
            let text = try Scalars.string(node, "frontDoor")
            guard let f = FrontDoor(rawValue: text) else {
                let names = FrontDoor.allCases.map(\.rawValue)
                throw LocatedError(at: node, "frontDoor: expected one of \(names.joined(separator: ", ")), got '\(text)'\(Suggestions.hint(text, in: names))")
            }
            frontDoor = f
        }
        var stopTimeout: Int?
        if let node = top.value("docker") {
            let d = try MappingReader(node, path: "docker", known: dockerKeys)
            stopTimeout = try d.int("stopTimeout", ValueRanges.dockerSeconds)
            if frontDoor != .docker, let key = top.entry("docker")?.keyNode {
                throw LocatedError(at: key, "docker: only applies with frontDoor: docker")
            }
        }
        if let stopNode, case .sequence(let items) = stopNode.content {
            for item in items {
                guard case .mapping(let entries) = item.content else { continue }
                for e in entries where StopDecoding.kinds.contains(e.key) {
                    let isDocker = dockerActions.contains(e.key)
                    if isDocker && frontDoor != .docker {
                        throw LocatedError(at: e.keyNode, "\(e.key): a Docker command needs frontDoor: docker at the top of the file")
                    }
                    if !isDocker && e.key != "oomKill" && e.key != "supervisorctl" && e.key != "kill" && frontDoor == .docker {
                        throw LocatedError(at: e.keyNode, "\(e.key): a Kubernetes action cannot stop a container run by Docker (frontDoor: docker); use dockerStop, dockerKill or dockerRm")
                    }
                }
            }
        }
        return (frontDoor, stopTimeout)
    }
}
