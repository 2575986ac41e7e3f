/// Writes the scenario for one workload of a manifest: the pod part from its template, the
/// rest guessed, each guess with a `# guessed: …` comment.
struct ScenarioDraft {
    let imported: ImportedScenario

    /// The container fields a scenario reads (the decoder's own lists), and `ports` for named ports.
    static let containerKeys = Set(ContainerDecoding.keys + ["ports"])
    static let podKeys = Set(PodDecoding.keys + ["priorityClassName"])

    init(_ w: ManifestImport.Found, fileName: String, container: String?) {
        var lines: [String: Int] = ["pod": w.pod.line]
        var guesses: [String] = []
        var dropped: [String] = []
        let spec = w.pod
        var out = "# Imported by podterm import from \(fileName) (\(w.label)).\n"
        out += "# The pod part is the manifest's own; the rest is guessed: check each `# guessed:` line.\n"
        out += "summary: \(ManifestWriter.quote("\(w.label) from \(fileName), deleted at 10 s (imported; guesses marked)"))\n"
        out += "story: |\n"
        out += "  podterm import read \(w.label) from \(fileName). Its pod spec is here as written; what a\n"
        out += "  manifest cannot say (how the programs react to signals, the image's shell, who routes\n"
        out += "  to the pod, what stops it) is guessed below. Check the guesses, then run it.\n"

        // The pod.
        out += "pod:\n  metadata: {name: \(ManifestWriter.key(w.name))}\n"
        if let l = spec.keyLine("terminationGracePeriodSeconds") { lines["pod.terminationGracePeriodSeconds"] = l }
        var podEntries: [(key: String, value: ManifestNode, line: Int)] = []
        var sidecars: [ManifestNode] = []
        var regular: [ManifestNode] = []
        if case .mapping(let entries, _) = spec {
            for e in entries {
                switch e.key {
                case "containers":
                    regular = e.value.items
                case "initContainers":
                    for c in e.value.items {
                        if c["restartPolicy"]?.text == "Always" { sidecars.append(c) } else {
                            dropped.append("init container \(c["name"]?.text ?? "?") (it runs to completion before the pod is deleted)")
                        }
                    }
                case _ where Self.podKeys.contains(e.key) && e.key != "metadata":
                    podEntries.append(e)
                default:
                    if !PodDecoding.ignoredKeys.contains(e.key) { dropped.append(e.key) }
                }
            }
        }
        ManifestWriter.write(.mapping(podEntries, line: spec.line), indent: 2, into: &out)
        if spec["terminationGracePeriodSeconds"] == nil {
            out += "  # terminationGracePeriodSeconds not set: Kubernetes' default, 30\n"
        }
        var programGuesses: [(String, ProgramGuesses)] = []
        for (listKey, list, isInit) in [("initContainers", sidecars, true), ("containers", regular, false)] where !list.isEmpty {
            out += "  \(listKey):\n"
            var items: [ManifestNode] = []
            for c in list {
                let name = c["name"]?.text ?? ""
                let path = "pod.\(listKey).\(name)"
                lines[path] = c.line
                for k in ["image", "command", "args", "lifecycle"] { if let l = c.keyLine(k) { lines["\(path).\(k)"] = l } }
                if let l = c["lifecycle"]?.keyLine("preStop") { lines["\(path).lifecycle.preStop"] = l }
                if let l = c["lifecycle"]?.keyLine("stopSignal") { lines["\(path).lifecycle.stopSignal"] = l }
                items.append(Self.container(c, isInit: isInit, dropped: &dropped))
                programGuesses.append((name, ProgramGuesses(
                    image: c["image"]?.text ?? name, command: c["command"]?.strings, args: c["args"]?.strings)))
            }
            ManifestWriter.write(.sequence(items, line: 0), indent: 4, into: &out)
        }
        if !dropped.isEmpty {
            out += "  # left out (they do not change how the pod stops, or are not modelled): \(dropped.joined(separator: ", "))\n"
        }

        // Images and programs.
        var imageText = "", programText = ""
        var seenImages: Set<String> = [], seenPrograms: Set<String> = []
        for (_, g) in programGuesses {
            if seenImages.insert(g.image.name).inserted {
                for n in g.image.notes { imageText += "  # \(n)\n"; guesses.append(n) }
                imageText += "  \(ManifestWriter.key(g.image.name)):\n"
                if let e = g.image.entrypoint { imageText += "    entrypoint: \(Self.list(e))\n" }
                if let c = g.image.cmd { imageText += "    cmd: \(Self.list(c))\n" }
                if let s = g.image.stopSignal { imageText += "    stopSignal: \(s)\n" }
                imageText += "    shell: \(g.image.shell)\n"
            }
            for p in g.programs where seenPrograms.insert(p.key).inserted {
                programText += "  # \(p.note)\n"
                guesses.append(p.note)
                programText += "  \(ManifestWriter.key(p.key)):\n" + p.body.map { "    \($0)\n" }.joined()
            }
        }
        out += "images:\n" + imageText
        if !programText.isEmpty { out += "programs:\n" + programText }

        // Who routes to the pod, and its traffic: only for a container that serves a port.
        let servers = regular.filter { !($0["ports"]?.items.isEmpty ?? true) }.compactMap { $0["name"]?.text }
        if let server = servers.first(where: { $0 == container }) ?? servers.first {
            let note1 = "guessed: the consumers of the pod's endpoints and how late each stops routing (kube-proxy about 1 s, an ingress controller about 3 s); put in yours"
            let note2 = "guessed: \(server) serves 100 requests a second from each consumer, 50 ms each; put in your rate"
            guesses += [note1, note2]
            out += "network:\n  # \(note1)\n  consumers:\n    - {name: kube-proxy, delay: 1s}\n    - {name: ingress-nginx, delay: 3s}\n"
            out += "workloads:\n  # \(note2)\n  - name: \(server)\n    container: \(server)\n"
            if let app = programGuesses.first(where: { $0.0 == server })?.1.app { out += "    program: \(ManifestWriter.key(app))\n" }
            out += "    http: {rate: 100, serviceTime: 50ms}\n"
        }
        let stopNote = "guessed: the pod is deleted (kubectl delete pod, a rollout) 10 s after it started; change at: or the kind of stop"
        guesses.append(stopNote)
        out += "stop:\n  # \(stopNote)\n  - at: 10s\n    delete: {}\n"
        imported = ImportedScenario(yaml: out, workload: w.label, guesses: guesses, lines: lines)
    }

    static func list(_ items: [String]) -> String { "[" + items.map(ManifestWriter.quote).joined(separator: ", ") + "]" }

    /// A container with the fields a scenario reads; the others are named in `dropped`.
    static func container(_ c: ManifestNode, isInit: Bool, dropped: inout [String]) -> ManifestNode {
        guard case .mapping(let entries, let line) = c else { return c }
        var kept: [(key: String, value: ManifestNode, line: Int)] = []
        for e in entries {
            switch e.key {
            case "lifecycle":
                var l = e.value.filtered { $0 == "preStop" || $0 == "stopSignal" }
                if let p = l["preStop"], p["tcpSocket"] != nil {
                    l = l.filtered { $0 != "preStop" }
                    dropped.append("a tcpSocket preStop hook (deprecated, not modelled)")
                }
                if !l.keys.isEmpty { kept.append((e.key, l, e.line)) }
            case "livenessProbe", "startupProbe", "readinessProbe":
                let allowed = Set(ContainerDecoding.probeKeys + ContainerDecoding.probeIgnoredKeys)
                var p = e.value.filtered { allowed.contains($0) }
                if e.key == "readinessProbe" { p = p.filtered { $0 != "terminationGracePeriodSeconds" } }
                kept.append((e.key, p, e.line))
            case "restartPolicy" where isInit:
                kept.append(e)
            case "ports":
                kept.append((e.key, .sequence(e.value.items.map { $0.filtered { $0 == "name" || $0 == "containerPort" } }, line: e.line), e.line))
            case _ where containerKeys.contains(e.key):
                kept.append(e)
            default:
                break
            }
        }
        return .mapping(kept, line: line)
    }
}
