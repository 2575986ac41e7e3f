import Foundation
import PodTerm

/// A decoded container, with the nodes later checks point at.
struct DecodedContainer {
    var spec: ContainerSpec
    /// `pod.containers.NAME` or `pod.initContainers.NAME`.
    var path: String
    var node: SourceNode
    var nameNode: SourceNode
    var imageNode: SourceNode?
    var commandNode: SourceNode?
    var argsNode: SourceNode?
    var preStopExecNode: SourceNode?
    var sleepSecondsNode: SourceNode?
}

/// Decodes one entry of `containers` or `initContainers`, with Kubernetes' field names.
enum ContainerDecoding {
    /// The fields this decoder reads (probes only for their `terminationGracePeriodSeconds`).
    static let keys = ["name", "image", "command", "args", "lifecycle", "livenessProbe", "startupProbe", "readinessProbe"]

    /// Real container fields that do not change how the container stops: accepted, ignored.
    static let ignoredKeys = [
        "ports", "env", "envFrom", "resources",
        "volumeMounts", "volumeDevices", "securityContext", "imagePullPolicy", "workingDir",
        "terminationMessagePath", "terminationMessagePolicy", "stdin", "stdinOnce", "tty", "resizePolicy",
    ]

    static let initContainerMessage = "init containers that run to completion have finished before the pod is deleted and are not modelled; give it restartPolicy: Always to make it a sidecar, or remove it"

    static func decode(_ node: SourceNode, listPath: String, index: Int, isInit: Bool) throws -> DecodedContainer {
        // Name first, so the path in later messages can use it.
        var path = "\(listPath).\(index)"
        var nameNode = node
        var name = ""
        if case .mapping(let entries) = node.content, let e = entries.first(where: { $0.key == "name" }) {
            nameNode = e.value
            name = try Scalars.string(e.value, "\(path).name")
            try checkName(name, at: e.value, path: path)
            path = "\(listPath).\(name)"
        }
        let c = try MappingReader(
            node, path: path, known: isInit ? keys + ["restartPolicy"] : keys, ignored: ignoredKeys,
            hints: isInit ? [:] : [
                "restartPolicy": "a regular container's restartPolicy is not modelled: the pod's restartPolicy applies (restartPolicy: Always on an init container makes it a sidecar)",
            ])
        if name.isEmpty {
            _ = try c.required("name", ": every container needs a name")
        }

        if isInit {
            guard let rp = c.value("restartPolicy") else {
                throw LocatedError(at: node, "init container \(name): \(initContainerMessage)")
            }
            let policy = try Scalars.oneOf(rp, "\(path).restartPolicy", RestartPolicy.allCases.map { ($0.rawValue, $0) })
            guard policy == .always else {
                throw LocatedError(at: rp, "init container \(name) has restartPolicy: \(policy.rawValue): \(initContainerMessage)")
            }
        }

        let image = try c.nonEmptyString("image")
        let command = try c.stringList("command")
        if let first = command?.first, first.trimmingCharacters(in: .whitespaces).isEmpty,
           case .sequence(let items)? = c.value("command")?.content {
            throw LocatedError(at: items[0], "\(path).command.0: the program to run must not be empty")
        }
        let args = try c.stringList("args")
        if image == nil, command == nil {
            throw LocatedError(
                at: node,
                "container \(name) has neither image nor command: give it `command`, or an `image` declared under images: with an entrypoint or cmd")
        }

        var decoded = DecodedContainer(
            spec: ContainerSpec(name: name, image: image ?? "", command: command, args: args,
                                restartPolicy: isInit ? .always : nil),
            path: path, node: node, nameNode: nameNode,
            imageNode: c.value("image"), commandNode: c.value("command"), argsNode: c.value("args"))
        if let lifecycle = c.value("lifecycle") {
            try LifecycleDecoding.decode(lifecycle, into: &decoded, ports: c.value("ports"))
        }
        for probe in ProbeKind.allCases {
            if let node = c.value(probe.rawValue + "Probe"),
               let grace = try probeGrace(node, path: "\(path).\(probe.rawValue)Probe", restarts: true) {
                decoded.spec.probeGracePeriodSeconds[probe] = grace
            }
        }
        if let node = c.value("readinessProbe") {
            _ = try probeGrace(node, path: "\(path).readinessProbe", restarts: false)
        }
        return decoded
    }

    static let probeKeys = ["terminationGracePeriodSeconds"]

    /// The fields of a Probe that do not change how a container stops: accepted, ignored.
    static let probeIgnoredKeys = [
        "exec", "httpGet", "tcpSocket", "grpc", "initialDelaySeconds", "timeoutSeconds", "periodSeconds",
        "successThreshold", "failureThreshold",
    ]

    /// A probe's `terminationGracePeriodSeconds` (1 or more, as the API server validates); a
    /// readiness probe may not have one, since its failure restarts nothing.
    static func probeGrace(_ node: SourceNode, path: String, restarts: Bool) throws -> Int? {
        let p = try MappingReader(node, path: path, known: probeKeys, ignored: probeIgnoredKeys)
        if !restarts, let e = p.entry("terminationGracePeriodSeconds") {
            throw LocatedError(
                at: e.keyNode,
                "\(path).terminationGracePeriodSeconds: must not be set for a readiness probe (the API server refuses it): a failing readiness probe restarts nothing")
        }
        return try p.int("terminationGracePeriodSeconds", ValueRanges.probeSeconds)
    }

    /// Kubernetes requires a DNS label: lowercase letters, digits and '-', at most 63 characters.
    static func checkName(_ name: String, at node: SourceNode, path: String) throws {
        let allowed = name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard !name.isEmpty, name.count <= 63, allowed, name.first != "-", name.last != "-" else {
            throw LocatedError(
                at: node,
                "container name '\(name)' is not a valid name: use lowercase letters, digits and '-' (at most 63, starting and ending with a letter or digit)")
        }
    }
}
