import Foundation
import PodTerm

/// A decoded pod, with the nodes later checks point at.
struct DecodedPod {
    var spec: PodSpec
    /// Sidecars, then regular containers (the order the engine uses).
    var allContainers: [DecodedContainer]
    /// Whether `priorityClassName` makes it critical for graceful node shutdown.
    var critical = false
}

/// Decodes `pod:`: the fields of a Pod's spec, plus `metadata`.
enum PodDecoding {
    static let keys = [
        "metadata", "terminationGracePeriodSeconds", "restartPolicy", "initContainers", "containers",
        "shareProcessNamespace",
    ]
    static let metadataKeys = ["name", "namespace", "labels", "annotations"]
    static let metadataIgnoredKeys = ["generateName"]

    /// Real pod fields that do not change how the pod stops: accepted so manifests paste, then ignored.
    static let ignoredKeys = [
        "volumes", "serviceAccountName", "serviceAccount", "automountServiceAccountToken", "nodeSelector",
        "nodeName", "affinity", "tolerations", "topologySpreadConstraints", "securityContext",
        "imagePullSecrets", "dnsPolicy", "dnsConfig", "hostname", "subdomain", "hostAliases",
        "priorityClassName", "priority", "schedulerName", "enableServiceLinks", "runtimeClassName",
    ]

    static func decode(_ node: SourceNode) throws -> DecodedPod {
        let specHint = "pod holds the fields of a Pod's spec directly, plus metadata; move the fields under spec: up one level and drop apiVersion and kind"
        let pod = try MappingReader(
            node, path: "pod", known: keys, ignored: ignoredKeys,
            hints: ["spec": specHint, "apiVersion": specHint, "kind": specHint])

        var name = "pod"
        if let meta = pod.value("metadata") {
            let m = try MappingReader(
                meta, path: "pod.metadata", known: metadataKeys, ignored: metadataIgnoredKeys)
            name = try m.nonEmptyString("name") ?? name
        }
        // kubelet.sandbox-stop: one PID namespace for the pod, whose PID 1 is the pause process.
        let share = try pod.value("shareProcessNamespace").map { try Scalars.bool($0, "pod.shareProcessNamespace") } ?? false
        let grace = try pod.int("terminationGracePeriodSeconds", ValueRanges.seconds) ?? PodSpec.defaultTerminationGracePeriodSeconds
        let restart = try pod.oneOf("restartPolicy", RestartPolicy.allCases.map { ($0.rawValue, $0) }) ?? .always

        var all: [DecodedContainer] = []
        var initSpecs: [ContainerSpec] = []
        if let list = pod.value("initContainers") {
            let items = try Scalars.list(list, "pod.initContainers", example: "- name: proxy …")
            for (i, item) in items.enumerated() {
                let c = try ContainerDecoding.decode(item, listPath: "pod.initContainers", index: i, isInit: true)
                initSpecs.append(c.spec)
                all.append(c)
            }
        }
        let containersNode = try pod.required("containers", ": a pod needs at least one container")
        let items = try Scalars.list(containersNode, "pod.containers", example: "- name: app …")
        guard !items.isEmpty else {
            throw LocatedError(at: containersNode, "pod.containers: a pod needs at least one container")
        }
        var specs: [ContainerSpec] = []
        for (i, item) in items.enumerated() {
            let c = try ContainerDecoding.decode(item, listPath: "pod.containers", index: i, isInit: false)
            specs.append(c.spec)
            all.append(c)
        }

        var seen: [String: NodeOrigin] = [:]
        for c in all {
            if let first = seen[c.spec.name] {
                var at = ""
                if case .file(let line, _) = first { at = " (first at line \(line))" }
                throw LocatedError(
                    at: c.nameNode, "container name '\(c.spec.name)' is used twice\(at): names must be unique across the pod")
            }
            seen[c.spec.name] = c.nameNode.origin
        }
        for c in all {
            if case .sleep(let seconds)? = c.spec.preStop, seconds > grace, let node = c.sleepSecondsNode {
                throw LocatedError(
                    at: node,
                    "\(c.path).lifecycle.preStop.sleep.seconds: \(seconds) is longer than the pod's terminationGracePeriodSeconds (\(grace)); the API server rejects such a pod")
            }
        }

        var spec = PodSpec(
            name: name, terminationGracePeriodSeconds: grace, restartPolicy: restart,
            initContainers: initSpecs, containers: specs)
        spec.shareProcessNamespace = share
        var critical = false
        if let pc = pod.value("priorityClassName") {
            let name = try Scalars.string(pc, "pod.priorityClassName")
            critical = name == "system-node-critical" || name == "system-cluster-critical"
        }
        return DecodedPod(spec: spec, allContainers: all, critical: critical)
    }
}
