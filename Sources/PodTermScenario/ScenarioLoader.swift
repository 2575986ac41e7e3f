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
    public static func load(yaml: String, fileName: String, overrides: [Override] = []) throws(ScenarioError) -> LoadedScenario {
        do {
            var root = try YAMLReading.parse(yaml)
            try OverrideApplication.apply(overrides, to: &root)
            let (scenario, expectations) = try ScenarioDecoding.decode(root, fileName: fileName)
            return LoadedScenario(scenario: scenario, expectations: expectations, fileName: fileName)
        } catch let error as LocatedError {
            throw error.scenarioError(file: fileName)
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError(file: fileName, message: "\(error)")
        }
    }
}
