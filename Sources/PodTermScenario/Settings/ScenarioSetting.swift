import PodTerm

/// One `--set path=value`, resolved once into a typed change of a decoded scenario.
///
/// Resolving walks the path through the scenario format (the decoder's own keys, list items
/// by name or index) and reads the value with the field's kind and range, exactly as the file
/// would be read; applying it is a plain write into `Scenario` and the few checks the field
/// can break, with no YAML and no tree at all. So a sweep resolves its settings once and
/// applies them as often as it likes:
///
/// ```swift
/// let base = try ScenarioLoader.load(file: "scenarios/prestop-sleep.yaml").scenario
/// for grace in 1...60 {
///     let point = try ScenarioSetting("pod.terminationGracePeriodSeconds", to: "\(grace)", in: base)
///     let timeline = try Simulator.run(try point.applied(to: base))
///     // …
/// }
/// let quit = try base.setting("pod.containers.app.lifecycle.stopSignal", to: "SIGQUIT")
/// ```
///
/// Every field of the format can be set — numbers, durations, signals, strings, booleans and
/// enumerations — except a few that say why not when asked (names of list items, lists of
/// strings, fields the model ignores). A setting resolved against one scenario applies to any
/// scenario with the same items; applied to one without them, it throws.
public struct ScenarioSetting: Sendable {
    /// The path as given, e.g. `pod.containers.app.lifecycle.stopSignal`.
    public let path: String
    /// The value's text as given, e.g. `SIGQUIT`.
    public let value: String
    /// The path as the decoder writes it, list items by name (`pod.containers.0` → `pod.containers.app`).
    public let resolvedPath: String
    let change: SettingChange
    let checks: SettingChecks.Kinds

    /// `path=value`, as written after `--set`.
    public var text: String { path + "=" + value }

    /// Resolves `path=value` against `scenario`; the value is checked, and the setting is tried
    /// on a copy of `scenario`, so an error surfaces here rather than when it is applied.
    /// `expect.…` paths need the file's expectations: use `init(_:in:)` with a `LoadedScenario`.
    public init(_ path: String, to value: String, in scenario: Scenario) throws(ScenarioError) {
        _ = try Override(path: path, value: value)
        try self.init(path, value, scenario, expectations: nil)
        _ = try applied(to: scenario)
    }

    /// Resolves an override against a loaded scenario (its expectations can be set too).
    public init(_ override: Override, in loaded: LoadedScenario) throws(ScenarioError) {
        try self.init(override.path, override.value, loaded.scenario, expectations: loaded.expectations)
        var copy = loaded
        try apply(to: &copy)
    }

    private init(_ path: String, _ value: String, _ scenario: Scenario, expectations: [Expectation]?) throws(ScenarioError) {
        self.path = path
        self.value = value
        do {
            let r = try SettingResolver.resolve(path, value, in: scenario, expectations: expectations)
            change = r.change
            checks = r.checks
            resolvedPath = r.path
        } catch {
            throw ScenarioError(override: path + "=" + value, message: error.message)
        }
    }

    /// Applies the setting to `scenario` and runs the checks it can break.
    public func apply(to scenario: inout Scenario) throws(ScenarioError) {
        try write(&scenario)
        do { try SettingChecks.check(scenario, checks) } catch { throw ScenarioError(override: text, message: error.message) }
    }

    /// `scenario` with the setting applied.
    public func applied(to scenario: Scenario) throws(ScenarioError) -> Scenario {
        var s = scenario
        try apply(to: &s)
        return s
    }

    /// Applies the setting to a loaded scenario: its scenario, or one of its expectations.
    public func apply(to loaded: inout LoadedScenario) throws(ScenarioError) {
        if case .expectation(let e) = change {
            Self.put(e, into: &loaded.expectations)
            return
        }
        try apply(to: &loaded.scenario)
    }

    /// The write alone, without the checks (the loader checks once after all settings).
    func write(_ scenario: inout Scenario) throws(ScenarioError) {
        switch change {
        case .scenario(let write):
            do { try write(&scenario) } catch let p as ValueProblem {
                throw ScenarioError(override: text, message: p.message)
            } catch {
                throw ScenarioError(override: text, message: "\(error)")
            }
        case .expectation:
            throw ScenarioError(override: text, message: "\(resolvedPath): expectations belong to a loaded file; apply this setting to a LoadedScenario")
        }
    }

    /// Replaces the expectation of the same figure, or adds it.
    static func put(_ e: Expectation, into list: inout [Expectation]) {
        if let i = list.firstIndex(where: { $0.figure == e.figure }) { list[i] = e } else { list.append(e) }
    }
}

extension Scenario {
    /// This scenario with `path` set to `value`, as `--set path=value` would set it in the file
    /// (see `ScenarioSetting`; to apply one setting many times, resolve it once).
    public func setting(_ path: String, to value: String) throws(ScenarioError) -> Scenario {
        try ScenarioSetting(path, to: value, in: self).applied(to: self)
    }
}

extension LoadedScenario {
    /// This loaded scenario with `path` set to `value`; `expect.…` paths change expectations.
    public func setting(_ path: String, to value: String) throws(ScenarioError) -> LoadedScenario {
        let o = try Override(path: path, value: value)
        var copy = self
        try ScenarioSetting(o, in: self).apply(to: &copy)
        return copy
    }
}

extension ScenarioSetting {
    /// Resolves without trying it (the loader applies each setting right away).
    init(_ override: Override, resolvingIn loaded: LoadedScenario) throws(ScenarioError) {
        try self.init(override.path, override.value, loaded.scenario, expectations: loaded.expectations)
    }

    /// The write into a loaded scenario without the checks.
    func write(into loaded: inout LoadedScenario) throws(ScenarioError) {
        if case .expectation(let e) = change {
            Self.put(e, into: &loaded.expectations)
            return
        }
        try write(&loaded.scenario)
    }
}

extension ScenarioError {
    /// The same error, naming the file it belongs to.
    func withFile(_ file: String) -> ScenarioError {
        var e = self
        e.file = file
        return e
    }
}
