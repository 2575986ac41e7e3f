import Foundation
import PodTerm

/// A decoded pod, with the nodes later checks point at.
struct DecodedPod {
    var spec: PodSpec
    /// Sidecars, then regular containers (the order the engine uses).
    var allContainers: [DecodedContainer]
    /// Whether `priorityClassName` makes it critical for graceful node shutdown.
    var critical = false
    /// `status.phase: Pending`, where it was written (the pod is not scheduled).
    var pendingNode: SourceNode?
}

/// Decodes `pod:`: the fields of a Pod's spec, plus `metadata`.
enum PodDecoding {
    static let keys = [
        "metadata", "terminationGracePeriodSeconds", "restartPolicy", "initContainers", "containers",
        "shareProcessNamespace", "status",
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
        let pendingNode = try podStatus(pod)
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
        spec.scheduled = pendingNode == nil
        var critical = false
        if let pc = pod.value("priorityClassName") {
            let name = try Scalars.string(pc, "pod.priorityClassName")
            critical = name == "system-node-critical" || name == "system-cluster-critical"
        }
        return DecodedPod(spec: spec, allContainers: all, critical: critical, pendingNode: pendingNode)
    }

    /// `status: {phase: Pending}`: the pod as `kubectl get -o yaml` shows one the scheduler has
    /// not bound to a node (no `spec.nodeName`). `Running`, the default, means scheduled and
    /// started. Returns the node of `Pending`, nil otherwise.
    static func podStatus(_ pod: MappingReader) throws -> SourceNode? {
        guard let node = pod.value("status") else { return nil }
        let status = try MappingReader(node, path: "pod.status", known: ["phase"])
        guard let phaseNode = status.value("phase") else { return nil }
        let phase = try Scalars.string(phaseNode, "pod.status.phase")
        switch phase {
        case "Pending": return phaseNode
        case "Running": return nil
        default:
            throw LocatedError(
                at: phaseNode,
                "pod.status.phase: expected Pending (not scheduled to any node) or Running (the default), got '\(phase)'; a Succeeded or Failed pod is one whose containers have exited: let them exit (restartPolicy: Never) instead")
        }
    }
}
