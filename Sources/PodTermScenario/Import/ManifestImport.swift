import PodTerm

/// A Kubernetes manifest turned into a scenario: `podterm import` writes `yaml`; `podterm run`
/// and `podterm lint` load it in memory.
///
/// ```swift
/// let imported = try ManifestImport.importManifest(yaml: text, fileName: "deploy.yaml")
/// let loaded = try ScenarioLoader.load(yaml: imported.yaml, fileName: "deploy.yaml")
/// ```
/// The scenario's `pod:` is the manifest's pod template (the fields a scenario reads); what a
/// manifest cannot say (programs, the image's shell, consumers of endpoints, what stops the pod)
/// is guessed, and every guess carries a `# guessed: …` comment saying what to check.
public struct ImportedScenario: Sendable, Equatable {
    /// The scenario file's text.
    public var yaml: String
    /// The workload it came from, `Kind/name`.
    public var workload: String
    /// Each guess, as the comment written beside it.
    public var guesses: [String]
    /// The manifest's line for a scenario path (`pod.containers.app.command`, `pod`, …).
    public var lines: [String: Int]

    /// The manifest's line for `path`, or for the nearest enclosing path that has one.
    public func line(for path: String) -> Int {
        var p = Substring(path)
        while true {
            if let l = lines[String(p)] { return l }
            guard let dot = p.lastIndex(of: ".") else { return lines["pod"] ?? 1 }
            p = p[..<dot]
        }
    }
}

/// Reads Kubernetes manifests: Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job and
/// CronJob (their pod template), several documents in one file, `List` objects and
/// `kubectl get -o yaml` output (status and metadata other than the name are ignored).
public enum ManifestImport {
    /// The kinds whose pod template is imported.
    public static let workloadKinds = ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob"]
    /// Kinds that hold no pod, skipped without a word when a file has them beside a workload.
    static let otherKinds: Set<String> = [
        "Service", "ConfigMap", "Secret", "Ingress", "ServiceAccount", "PodDisruptionBudget", "HorizontalPodAutoscaler",
        "NetworkPolicy", "Namespace", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding", "PersistentVolumeClaim",
        "PersistentVolume", "StorageClass", "EndpointSlice", "Endpoints", "LimitRange", "ResourceQuota", "PriorityClass",
        "VerticalPodAutoscaler", "Gateway", "HTTPRoute", "CustomResourceDefinition",
    ]

    /// Whether the text is a Kubernetes manifest rather than a scenario: a top-level
    /// `apiVersion:` and `kind:` in some document (a cheap look at the lines, no parse).
    public static func looksLikeManifest(_ yaml: String) -> Bool {
        var api = false, kind = false
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("apiVersion:") { api = true }
            if line.hasPrefix("kind:") { kind = true }
            if line.hasPrefix("summary:") || line.hasPrefix("pod:") { return false }
        }
        return api && kind
    }

    /// A workload found in the file.
    struct Found {
        var kind: String
        var name: String
        var line: Int
        var pod: ManifestNode
        var containerNames: [String]
        var label: String { "\(kind)/\(name)" }
    }

    /// Imports the one workload of `yaml` (or the one `workload` or `container` picks).
    public static func importManifest(
        yaml: String, fileName: String, workload: String? = nil, container: String? = nil
    ) throws(ScenarioError) -> ImportedScenario {
        let docs: [ManifestNode]
        do {
            docs = try ManifestNode.documents(yaml)
        } catch {
            throw ScenarioError(file: fileName, message: "malformed YAML: \(error)")
        }
        var found: [Found] = []
        var unknown: [(String, Int)] = []
        var others: [String] = []
        func visit(_ doc: ManifestNode) throws(ScenarioError) {
            guard case .mapping = doc, let kind = doc["kind"]?.text else {
                if case .mapping = doc {
                    throw ScenarioError(file: fileName, line: doc.line, column: 1, message: "a document without kind:; expected a Kubernetes object such as kind: Deployment")
                }
                return
            }
            let name = doc["metadata"]?["name"]?.text ?? doc["metadata"]?["generateName"]?.text ?? kind.lowercased()
            if kind == "List" || kind.hasSuffix("List") {
                for item in doc["items"]?.items ?? [] { try visit(item) }
                return
            }
            guard workloadKinds.contains(kind) else {
                if otherKinds.contains(kind) { others.append("\(kind)/\(name)") } else { unknown.append((kind, doc.keyLine("kind") ?? doc.line)) }
                return
            }
            let spec: ManifestNode?
            switch kind {
            case "Pod": spec = doc["spec"]
            case "CronJob": spec = doc["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"]
            default: spec = doc["spec"]?["template"]?["spec"]
            }
            guard let spec, case .mapping = spec else {
                throw ScenarioError(file: fileName, line: doc.line, column: 1, message: "\(kind)/\(name) has no pod template (\(kind == "Pod" ? "spec" : kind == "CronJob" ? "spec.jobTemplate.spec.template.spec" : "spec.template.spec")); expected one with containers")
            }
            let containers = spec["containers"]?.items ?? []
            guard !containers.isEmpty else {
                throw ScenarioError(file: fileName, line: spec.line, column: 1, message: "\(kind)/\(name): the pod template has no containers; a pod needs at least one")
            }
            let names = (spec["initContainers"]?.items ?? []) .compactMap { $0["name"]?.text } + containers.compactMap { $0["name"]?.text }
            found.append(Found(kind: kind, name: name, line: doc.line, pod: spec, containerNames: names))
        }
        for d in docs { try visit(d) }

        let supported = workloadKinds.joined(separator: ", ")
        guard !found.isEmpty else {
            if let (kind, line) = unknown.first {
                throw ScenarioError(file: fileName, line: line, column: 1, message: "unknown kind '\(kind)': podterm imports the pod template of \(supported) (or a List of them)")
            }
            let seen = others.isEmpty ? "" : " (it has \(others.joined(separator: ", ")))"
            throw ScenarioError(file: fileName, message: "no workload in the file\(seen); podterm imports \(supported)")
        }
        var choice = found
        if let workload {
            choice = found.filter { $0.name == workload || $0.label.lowercased() == workload.lowercased() }
            guard !choice.isEmpty else {
                throw ScenarioError(file: fileName, message: "--workload \(workload): no such workload; the file has: \(found.map(\.label).joined(separator: ", "))")
            }
        }
        if let container {
            let withIt = choice.filter { $0.containerNames.contains(container) }
            guard !withIt.isEmpty else {
                let all = choice.map { "\($0.label) (\($0.containerNames.joined(separator: ", ")))" }.joined(separator: "; ")
                throw ScenarioError(file: fileName, message: "--container \(container): no container of that name; the file has: \(all)")
            }
            choice = withIt
        }
        guard choice.count == 1 else {
            let list = choice.map { "\($0.label) (containers: \($0.containerNames.joined(separator: ", ")))" }.joined(separator: ", ")
            throw ScenarioError(file: fileName, message: "the file has several workloads: \(list); choose one with --workload NAME (or --container NAME)")
        }
        return ScenarioDraft(choice[0], fileName: fileName, container: container).imported
    }
}

extension ManifestImport {
    /// Imports a manifest and loads the scenario it gives, as `podterm run deploy.yaml` does.
    /// A scenario that does not load says so with the message about the imported text.
    public static func load(
        yaml: String, fileName: String, workload: String? = nil, container: String? = nil, overrides: [Override] = []
    ) throws(ScenarioError) -> (LoadedScenario, ImportedScenario) {
        let imported = try importManifest(yaml: yaml, fileName: fileName, workload: workload, container: container)
        do {
            return (try ScenarioLoader.load(yaml: imported.yaml, fileName: fileName, overrides: overrides), imported)
        } catch {
            if error.override != nil { throw error }
            let at = error.line.map { " (line \($0) of the imported scenario)" } ?? ""
            throw ScenarioError(
                file: fileName,
                message: "the scenario imported from \(imported.workload) does not load\(at): \(error.message); write it out with `podterm import \(fileName) -o scenario.yaml` to see and edit it")
        }
    }
}

extension ManifestImport {
    /// A file's text, as the scenario loader reads it (at most 10 MiB of UTF-8).
    public static func readFile(_ path: String) throws(ScenarioError) -> String {
        try ScenarioText.read(path)
    }
}
