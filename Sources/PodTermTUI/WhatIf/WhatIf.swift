import PodTerm
import PodTermScenario

/// A what-if at the keyboard: the original scenario and its run, the values changed so far
/// (each a typed `--set`, no YAML), the run with them, and its difference from the original.
///
/// A value with no terminal in it: `set(_:to:)` re-runs the scenario with the change,
/// `undo()` and `redo()` step through the history, `rewritten()` gives the changed file.
public struct WhatIf: Sendable {
    /// Where the scenario came from: its text (for the tunables and for `w`), its name, the seed.
    public struct Source: Sendable {
        public var yaml: String
        public var fileName: String
        public var seed: UInt64?
        /// The command line's `--set`s, already in the opened scenario (and written by `w`).
        public var overrides: [ScenarioRewrite.Change]
        /// Creates one.
        public init(yaml: String, fileName: String, seed: UInt64? = nil, overrides: [ScenarioRewrite.Change] = []) {
            self.yaml = yaml
            self.fileName = fileName
            self.seed = seed
            self.overrides = overrides
        }
    }

    public let source: Source
    /// The scenario as opened (with the command line's `--set`s).
    public let original: LoadedScenario
    /// Its run.
    public let originalTimeline: Timeline
    /// The original run's outcome, computed once.
    public let originalOutcome: Outcome
    /// Every tunable value, the ones that matter first.
    public let tunables: [Tunable]
    /// The changes in force, in the order they were made (one per path).
    public private(set) var changes: [ScenarioRewrite.Change] = []
    private var undoStack: [[ScenarioRewrite.Change]] = []
    private var redoStack: [[ScenarioRewrite.Change]] = []
    /// The run with the changes (the original's when there are none).
    public private(set) var timeline: Timeline
    /// Original against the run with the changes; nil when nothing is changed.
    public private(set) var diff: TimelineDiff?

    /// A what-if on `original` (run as `timeline`) from `source`'s text.
    public init(source: Source, original: LoadedScenario, timeline: Timeline) throws(ScenarioError) {
        self.source = source
        self.original = original
        originalTimeline = timeline
        originalOutcome = timeline.outcome
        self.timeline = timeline
        // The values as opened: a command-line --set replaces the file's value.
        var list = try Tunables.list(yaml: source.yaml, fileName: source.fileName)
        for o in source.overrides {
            let path = ScenarioRewrite.resolvedPath(o, yaml: source.yaml, fileName: source.fileName) ?? o.path
            if let i = list.firstIndex(where: { $0.path == path }) { list[i].value = o.value }
        }
        tunables = list
    }

    /// Whether any value is changed.
    public var isChanged: Bool { !changes.isEmpty }
    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }

    /// The value of `path` now: the change's, else the file's.
    public func value(of path: String) -> String? {
        changes.last { $0.path == path }?.value ?? tunables.first { $0.path == path }?.value
    }

    /// Sets `path` to `value` and re-runs; throws (and changes nothing) when the value is refused.
    public mutating func set(_ path: String, to value: String) throws {
        var next = changes.filter { $0.path != path }
        if tunables.first(where: { $0.path == path })?.value != value { next.append(.init(path: path, value: value)) }
        try apply(next)
        undoStack.append(changes)
        redoStack.removeAll()
        changes = next
    }

    /// Back to the changes before the last one; false when there is nothing to undo.
    @discardableResult
    public mutating func undo() -> Bool {
        guard let previous = undoStack.popLast() else { return false }
        try? apply(previous)
        redoStack.append(changes)
        changes = previous
        return true
    }

    /// Forward again; false when there is nothing to redo.
    @discardableResult
    public mutating func redo() -> Bool {
        guard let next = redoStack.popLast() else { return false }
        try? apply(next)
        undoStack.append(changes)
        changes = next
        return true
    }

    /// The changed scenario as a file's text (see `ScenarioRewrite`).
    public func rewritten() throws -> ScenarioRewrite.Result {
        try ScenarioRewrite.rewrite(yaml: source.yaml, fileName: source.fileName, changes: source.overrides + Self.ordered(changes))
    }

    /// `list` with each preStop kind last, so a switch applies to the hook as otherwise changed
    /// (the sleep's seconds changed, then the kind switched to an exec of sleep keeps them).
    static func ordered(_ list: [ScenarioRewrite.Change]) -> [ScenarioRewrite.Change] {
        let isKind = { (c: ScenarioRewrite.Change) in c.path.hasSuffix(".lifecycle.preStop.kind") }
        return list.filter { !isKind($0) } + list.filter(isKind)
    }

    /// Runs the original with `list` applied; sets `timeline` and `diff`.
    private mutating func apply(_ list: [ScenarioRewrite.Change]) throws {
        if list.isEmpty {
            timeline = originalTimeline
            diff = nil
            return
        }
        var loaded = original
        for c in Self.ordered(list) { loaded = try loaded.setting(c.path, to: c.value) }
        // A random field the what-if did not change keeps the draw the original run had.
        var scenario = loaded.scenario
        if let seed = source.seed, !loaded.randomFields.isEmpty {
            scenario = try loaded.drawing(scenario, seed: seed, except: Set(list.map(\.path)))
        }
        let t = try Simulator.run(scenario, seed: source.seed)
        timeline = t
        diff = TimelineDiff(originalTimeline, t, outcomeA: originalOutcome)
    }
}

/// The next value of a tunable one step up or down, for ← and →.
public enum TunableStep {
    /// The signals → and ← cycle through for a stop signal.
    static let signals = ["SIGTERM", "SIGINT", "SIGQUIT", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGWINCH", "SIGKILL"]

    /// `value` moved by `by` steps (±1) for `t`'s kind; nil when the kind has no steps.
    public static func next(_ value: String, _ t: Tunable, by: Int) -> String? {
        switch t.kind {
        case .duration:
            guard let ms = parseDuration(value)?.ms else { return nil }
            let basis = by < 0 ? ms - 1 : ms
            let step = basis < 1000 ? 100 : basis < 10_000 ? 1000 : basis < 60_000 ? 5000 : 30_000
            return formatDuration(Millis(max(0, ms + by * step)))
        case .integer, .rate:
            guard let n = Int(value) else { return nil }
            let basis = by < 0 ? n - 1 : n
            let step = basis < 10 ? 1 : basis < 60 ? 5 : 30
            return String(max(0, n + by * step))
        case .bool:
            return ["true", "yes", "on"].contains(value.lowercased()) ? "false" : "true"
        case .choice(let choices):
            guard !choices.isEmpty else { return nil }
            let i = choices.firstIndex(of: value) ?? -by
            return choices[((i + by) % choices.count + choices.count) % choices.count]
        case .signal:
            let list = signals.contains(value) ? signals : [value] + signals
            let i = list.firstIndex(of: value) ?? 0
            return list[((i + by) % list.count + list.count) % list.count]
        case .text:
            // A command line in shell form: with or without `exec` (PID 1 is the program or the shell).
            guard t.pattern.hasSuffix("entrypoint") || t.pattern.hasSuffix("cmd") || t.pattern.hasSuffix("script") else { return nil }
            return value.hasPrefix("exec ") ? String(value.dropFirst(5)) : "exec " + value
        }
    }
}
