import Foundation
import PodTerm

/// Decodes the whole scenario tree (overrides already applied) into a `Scenario` and its
/// expectations, then runs the checks that need several parts at once.
enum ScenarioDecoding {
    static let topLevelKeys = [
        "name", "summary", "story", "seed", "kubernetes", "horizon",
        "pod", "images", "programs", "network", "stop", "expect", "frontDoor", "docker",
        "workloads", "questions", "podDisruptionBudget", "kubelet",
    ]

    static func decode(_ root: SourceNode, fileName: String) throws -> (Scenario, [Expectation]) {
        let manifestHint = "this looks like a Kubernetes manifest; a scenario keeps the pod's spec fields under pod: (metadata under pod.metadata), beside summary, story, programs and stop"
        let top = try MappingReader(
            root, path: "", known: topLevelKeys,
            hints: ["apiVersion": manifestHint, "kind": manifestHint, "spec": manifestHint, "metadata": manifestHint])

        let name = try top.nonEmptyString("name") ?? defaultName(fileName)
        let summary = try top.requiredString("summary")
        let story = try top.requiredString("story")
        let seed = try top.value("seed").map { try Scalars.seed($0, "seed") } ?? Scenario.defaultSeed
        var version = KubernetesVersion.current
        if let v = top.value("kubernetes") {
            let text = try Scalars.string(v, "kubernetes")
            let list = KubernetesVersion.supportedList.map(\.description).joined(separator: ", ")
            guard let parsed = KubernetesVersion(parsing: text) else {
                throw LocatedError(at: v, "kubernetes: expected a Kubernetes version like 1.33, got '\(text)'; supported: \(list)")
            }
            guard KubernetesVersion.supported.contains(parsed) else {
                throw LocatedError(at: v, "kubernetes: version \(parsed) is not modelled; expected one of \(list)")
            }
            version = parsed
        }
        let horizon = try top.duration("horizon", ValueRanges.positiveDuration) ?? Scenario.defaultHorizon

        let images = try ImageDecoding.decode(top.value("images"))
        let programs = try ProgramDecoding.decode(top.value("programs"))
        let pod = try PodDecoding.decode(try top.required("pod"))
        let network = try NetworkDecoding.decode(top.value("network"))
        let actions = try StopDecoding.decode(
            top.value("stop"), containers: pod.allContainers, horizon: horizon, horizonNode: top.value("horizon"))
        let expectations = try ExpectationDecoding.decode(top.value("expect"))
        let workloads = try WorkloadDecoding.decode(
            top.value("workloads"), containers: pod.allContainers.map(\.spec.name), consumers: network.consumers.map(\.name))
        let (frontDoor, dockerStopTimeout) = try FrontDoorDecoding.decode(top, actions: actions, stopNode: top.value("stop"))
        if frontDoor == .docker, pod.spec.shareProcessNamespace, let node = top.value("frontDoor") {
            throw LocatedError(at: node, "frontDoor: docker runs containers without a pod sandbox, so pod.shareProcessNamespace: true has no pause process to share a PID namespace with; remove one of them")
        }

        try ProgramChecks.check(pod: pod, images: images, programs: programs)
        let budget = try DisruptionDecoding.budget(top.value("podDisruptionBudget"))
        let profile = try DisruptionDecoding.gracePeriodProfile(top.value("kubelet"))
        if let pending = pod.pendingNode {
            try DisruptionDecoding.checkPending(pending, actions: actions, stopNode: top.value("stop"), workloadsNode: top.value("workloads"))
        }

        let scenario = Scenario(
            name: name, summary: summary, story: story, seed: seed, kubernetesVersion: version,
            pod: pod.spec, images: images.mapValues(\.spec), programs: programs.mapValues(\.spec),
            network: network, actions: actions, horizon: horizon, frontDoor: frontDoor,
            dockerStopTimeout: dockerStopTimeout, criticalPod: pod.critical, workloads: workloads)
        var withBudget = scenario
        withBudget.disruptionBudget = budget
        withBudget.gracePeriodProfile = profile
        return (withBudget, expectations)
    }

    /// The file name without its directory and `.yaml` / `.yml`.
    static func defaultName(_ fileName: String) -> String {
        var base = fileName.split(separator: "/").last.map(String.init) ?? fileName
        for ext in [".yaml", ".yml"] where base.hasSuffix(ext) && base.count > ext.count {
            base.removeLast(ext.count)
            break
        }
        return base.isEmpty ? "scenario" : base
    }
}
