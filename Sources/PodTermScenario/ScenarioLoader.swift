import Foundation
import PodTerm

/// Reads scenario files: YAML in, a validated `LoadedScenario` out, or a `ScenarioError`
/// that says what is wrong and where (`file:line:column: message`).
///
/// ```swift
/// let loaded = try ScenarioLoader.load(
///     file: "scenarios/app-handles-sigterm.yaml",
///     overrides: [try Override(parsing: "pod.terminationGracePeriodSeconds=5")])
/// let timeline = try Simulator.run(loaded.scenario)
/// ```
/// The format is described in DESIGN.md ("Scenario files"): the pod with Kubernetes' field
/// names under `pod:`, and beside it `images:`, `programs:`, `network:`, `stop:` and `expect:`.
public enum ScenarioLoader {
    /// Reads and loads the file at `path` (at most 10 MiB of UTF-8 text).
    public static func load(file path: String, overrides: [Override] = []) throws(ScenarioError) -> LoadedScenario {
        let text = try ScenarioText.read(path)
        return try load(yaml: text, fileName: path, overrides: overrides)
    }

    /// Loads a scenario from YAML text; `fileName` names it in errors and gives the default `name`.
    ///
    /// The file is decoded as written, then each override is resolved into a typed change of the
    /// decoded scenario and applied in order (`ScenarioSetting`); the checks that span fields
    /// run once after the last. A check a setting breaks from the other side (a grace made
    /// shorter than the file's preStop sleep) is reported at the file's field, as before. Since
    /// the file is decoded first, a file that is wrong on its own is refused even when an
    /// override would have mended it.
    public static func load(yaml: String, fileName: String, overrides: [Override] = []) throws(ScenarioError) -> LoadedScenario {
        var root: SourceNode
        var loaded: LoadedScenario
        do {
            root = try YAMLReading.parse(yaml)
            if let pods = ClusterDecoding.isMultiPod(root) {
                throw LocatedError(at: pods.keyNode, ClusterLoader.notSinglePod)
            }
            let found = try RandomFields.extract(&root)
            let (scenario, expectations) = try ScenarioDecoding.decode(root, fileName: fileName)
            loaded = LoadedScenario(scenario: scenario, expectations: expectations, fileName: fileName)
            if case .mapping(let entries) = root.content, let q = entries.first(where: { $0.key == "questions" }), !q.value.isNull {
                loaded.questions = try QuestionDecoding.decode(q.value, horizon: scenario.horizon)
            }
            loaded.randomFields = try RandomFields.resolve(found, in: loaded)
        } catch let error as LocatedError {
            throw error.scenarioError(file: fileName)
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError(file: fileName, message: "\(error)")
        }
        guard !overrides.isEmpty else { return try drawn(loaded) }
        var settings: [ScenarioSetting] = []
        do {
            for o in overrides {
                let setting = try ScenarioSetting(o, resolvingIn: loaded)
                try setting.write(into: &loaded)
                settings.append(setting)
            }
            try SettingChecks.check(loaded.scenario, settings.reduce(into: []) { $0.formUnion($1.checks) })
        } catch let problem as SettingChecks.Problem {
            throw blame(problem, settings, root: root, fileName: fileName)
        } catch let error as ScenarioError {
            throw error.withFile(fileName)
        } catch {
            throw ScenarioError(file: fileName, message: "\(error)")
        }
        // A --set on a random field replaces its distribution.
        let set = Set(settings.map(\.resolvedPath))
        loaded.randomFields.removeAll { set.contains($0.path) }
        return try drawn(loaded)
    }

    /// The loaded scenario with its random fields drawn for its own seed.
    private static func drawn(_ loaded: LoadedScenario) throws(ScenarioError) -> LoadedScenario {
        if loaded.randomFields.isEmpty { return loaded }
        var l = loaded
        l.scenario = try loaded.drawing(loaded.scenario, seed: loaded.scenario.seed)
        return l
    }

    /// Where a check that failed after the settings points: at the field in the file when the
    /// field is the file's (no setting changed it), else at the last setting that could break it.
    private static func blame(_ p: SettingChecks.Problem, _ settings: [ScenarioSetting], root: SourceNode, fileName: String) -> ScenarioError {
        if let path = p.path, !settings.contains(where: { $0.resolvedPath == path }),
           case .file(let line, let column)? = root.origin(atPath: path) {
            return ScenarioError(file: fileName, line: line, column: column, message: p.message)
        }
        let culprit = settings.last { !$0.checks.intersection(p.kind).isEmpty } ?? settings.last!
        return ScenarioError(file: fileName, override: culprit.text, message: p.message)
    }
}
