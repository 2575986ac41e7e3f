import PodTerm

/// One value a scenario holds that a what-if can change: its `--set` path, its current value
/// as text, and what kind of value it is.
///
/// Found by `Tunables.list(yaml:fileName:)`, which walks the file's own tree (every scalar the
/// file writes that `--set` can set), plus the few values that matter and have a default when
/// the file leaves them out (the grace period, each consumer's delay). Setting `path` to
/// `value` with `LoadedScenario.setting(_:to:)` gives back the same scenario.
public struct Tunable: Sendable, Equatable {
    /// What kind of value a tunable holds, for an editor to offer the right steps.
    public enum Kind: Sendable, Equatable {
        /// A length of time (`5s`, `300ms`).
        case duration
        /// A whole number (seconds, a count, a code).
        case integer
        /// Events per second.
        case rate
        /// One of a fixed set of words.
        case choice([String])
        /// true or false.
        case bool
        /// A signal by name.
        case signal
        /// Free text (a command line, a name).
        case text
    }

    /// The path, list items by name (`pod.containers.app.lifecycle.stopSignal`).
    public var path: String
    /// The current value as the file writes it (or the default, when `line` is nil).
    public var value: String
    /// What kind of value it is.
    public var kind: Kind
    /// The field's pattern, `*` for an item (`pod.containers.*.lifecycle.stopSignal`).
    public var pattern: String
    /// How much the value matters to how the pod stops: 0 first (`Tunables.importance`).
    public var importance: Int
    /// Where the file writes the value (1-based), nil for a default the file leaves out.
    public var line: Int?
    public var column: Int?

    /// Creates one (the list is made by `Tunables.list`).
    public init(path: String, value: String, kind: Kind, pattern: String, importance: Int, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.value = value
        self.kind = kind
        self.pattern = pattern
        self.importance = importance
        self.line = line
        self.column = column
    }
}

/// The tunable values of a scenario, the ones that matter most first.
public enum Tunables {
    /// The patterns that matter most, in order (a tunable's `importance` is the index of the
    /// group its pattern is in; the rest come after, in the file's order): the grace period,
    /// preStop, consumers' delays, stop signals, shells, cleanup per signal, the entrypoint
    /// (`exec` or not), flush interval and batch size, the OOM moment, then other timeouts.
    public static let importance: [[String]] = {
        func containers(_ suffix: String) -> [String] { SettingFormat.containerLists.map { $0 + ".*." + suffix } }
        return [
            ["pod.terminationGracePeriodSeconds"],
            containers("lifecycle.preStop.kind") + containers("lifecycle.preStop.sleep.seconds") + containers("lifecycle.preStop.httpGet.path")
                + containers("lifecycle.preStop.httpGet.port") + containers("lifecycle.preStop.exec.command.*"),
            ["network.consumers.*.delay"],
            containers("lifecycle.stopSignal") + ["images.*.stopSignal", "stop.*.dockerStop.signal", "stop.*.dockerKill.signal",
                                                  "programs.*.supervisord.programs.*.stopsignal"],
            ["images.*.shell", "programs.*.shell"],
            ["programs.*.signals.*.cleanup", "programs.*.signals.*", "programs.*.signals.*.then", "programs.*.presetCleanup",
             "programs.*.preset"],
            ["images.*.entrypoint", "images.*.entrypoint.*", "images.*.cmd", "images.*.cmd.*", "programs.*.script"],
            ["workloads.*.kafka.flushInterval", "workloads.*.kafka.batchSize"],
            ["stop.*.oomKill.process", "stop.*.at"],
            ["stop.*.delete.gracePeriod", "docker.stopTimeout", "stop.*.dockerStop.time", "programs.*.supervisord.programs.*.stopwaitsecs",
             "stop.*.evict.evictionMaxPodGracePeriod", "stop.*.nodeShutdown.shutdownGracePeriod"],
        ]
    }()

    /// Top-level keys that are words about the scenario, not values of it.
    static let skippedTop: Set<String> = ["name", "summary", "story", "expect"]

    /// Every tunable value of the scenario in `yaml`: walks the file's tree and keeps each
    /// scalar that `--set` can set, adds the defaults that matter, and orders them by importance.
    public static func list(yaml: String, fileName: String) throws(ScenarioError) -> [Tunable] {
        let loaded = try ScenarioLoader.load(yaml: yaml, fileName: fileName)
        let root: SourceNode
        do { root = try YAMLReading.parse(yaml) } catch { throw ScenarioError(file: fileName, message: "\(error)") }
        var found: [Tunable] = []
        var seen: Set<String> = []
        func add(_ path: String, _ text: String, _ origin: NodeOrigin?) {
            guard let r = try? SettingResolver.resolve(path, text, in: loaded.scenario, expectations: loaded.expectations),
                  !r.pattern.isEmpty, seen.insert(r.path).inserted else { return }
            var line: Int?, column: Int?
            if case .file(let l, let c)? = origin { line = l; column = c }
            found.append(Tunable(path: r.path, value: text, kind: r.shape, pattern: r.pattern,
                                 importance: rank(r.pattern), line: line, column: column))
        }
        walk(root, "", top: true, add)
        let s = loaded.scenario
        add("pod.terminationGracePeriodSeconds", String(s.pod.terminationGracePeriodSeconds), nil)
        for c in s.network.consumers { add("network.consumers.\(c.name).delay", formatDuration(c.delay), nil) }
        // The kind of each preStop hook, which no file writes as a value: ← and → offer the
        // kinds it can switch to keeping its values (sleep N and an exec of sleep N share N).
        for (list, items) in [("pod.containers", s.pod.containers), ("pod.initContainers", s.pod.initContainers)] {
            for c in items where c.preStop != nil {
                let kind = PreStopKind.of(c.preStop)
                let path = "\(list).\(c.name).lifecycle.preStop.kind"
                add(path, kind.rawValue, nil)
                if let i = found.firstIndex(where: { $0.path == path }) {
                    found[i].kind = .choice(PreStopKind.reachable(from: kind).map(\.rawValue))
                }
            }
        }
        return found.enumerated().sorted { a, b in
            (a.element.importance, a.offset) < (b.element.importance, b.offset)
        }.map(\.element)
    }

    /// The importance of a field's pattern (the groups' count for the rest).
    static func rank(_ pattern: String) -> Int {
        importance.firstIndex { $0.contains(pattern) } ?? importance.count
    }

    /// Calls `add` for every scalar under `node`, with its dotted path (list items by `name`
    /// where they have one, else by index).
    private static func walk(_ node: SourceNode, _ path: String, top: Bool, _ add: (String, String, NodeOrigin?) -> Void) {
        func join(_ key: String) -> String { path.isEmpty ? key : path + "." + key }
        switch node.content {
        case .scalar(let s):
            if s.kind != .null { add(path, s.text, node.origin) }
        case .mapping(let entries):
            for e in entries where !(top && skippedTop.contains(e.key)) { walk(e.value, join(e.key), top: false, add) }
        case .sequence(let items):
            for (i, item) in items.enumerated() {
                var key = String(i)
                if case .mapping(let entries) = item.content, let n = entries.first(where: { $0.key == "name" }),
                   case .scalar(let name) = n.value.content {
                    key = name.text
                }
                walk(item, join(key), top: false, add)
            }
        }
    }
}
