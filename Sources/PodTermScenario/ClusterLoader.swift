import Foundation
import PodTerm

/// Reads multi-pod scenario files (a top-level `pods:` list): YAML in, a validated
/// `LoadedCluster` out, or a `ScenarioError` at `file:line:column`.
///
/// ```swift
/// let loaded = try ClusterLoader.load(file: "scenarios/stoppers/node-shutdown-priority-groups.yaml")
/// let run = try ClusterSimulator.run(loaded.cluster)
/// print(loaded.check(run).allPassed)
/// ```
/// `--set` overrides and random fields are for single-pod scenarios only.
public enum ClusterLoader {
    /// What a command that takes one pod says of a multi-pod file.
    public static let notSinglePod = "this is a multi-pod scenario (pods:): `podterm run` and `podterm check` run it, `podterm run FILE --pod NAME` and `podterm play FILE --pod NAME` show one of its pods; the other commands take a single-pod scenario (pod: without pods:)"

    /// Whether `yaml` is a multi-pod scenario: its top level has `pods:`. False for text that
    /// does not parse (the single-pod loader then says what is wrong with it).
    public static func isMultiPod(yaml: String) -> Bool {
        guard let root = try? YAMLReading.parse(yaml) else { return false }
        return ClusterDecoding.isMultiPod(root) != nil
    }

    /// Reads and loads the file at `path`.
    public static func load(file path: String) throws(ScenarioError) -> LoadedCluster {
        try load(yaml: try ScenarioText.read(path), fileName: path)
    }

    /// Loads a multi-pod scenario from YAML text; `fileName` names it in errors.
    public static func load(yaml: String, fileName: String) throws(ScenarioError) -> LoadedCluster {
        do {
            let root = try YAMLReading.parse(yaml)
            let (cluster, expectations) = try ClusterDecoding.decode(root, fileName: fileName)
            return LoadedCluster(cluster: cluster, expectations: expectations, fileName: fileName)
        } catch let error as LocatedError {
            throw error.scenarioError(file: fileName)
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError(file: fileName, message: "\(error)")
        }
    }
}

/// A multi-pod scenario file, decoded and validated: the `ClusterScenario` the coordinator
/// runs, and the expectations (`pods.NAME.…`, `traffic.…`, `total.…`) a run must meet.
public struct LoadedCluster: Sendable, Equatable {
    /// The scenario.
    public var cluster: ClusterScenario
    /// The file's `expect:` entries, in the file's order.
    public var expectations: [Expectation]
    /// The file name as given to the loader.
    public var fileName: String

    /// Creates a loaded cluster.
    public init(cluster: ClusterScenario, expectations: [Expectation], fileName: String) {
        self.cluster = cluster
        self.expectations = expectations
        self.fileName = fileName
    }

    /// Checks every expectation against a run.
    public func check(_ t: ClusterTimeline) -> CheckReport {
        CheckReport(results: expectations.map { $0.evaluate(t.outcome) })
    }

    /// Pod `name` as a single-pod scenario, the way its engine ran in `run`: the coordinator's
    /// decisions (a node shutdown group's start, a rollout's delete, a later creation) fixed as
    /// its stop actions, times on the pod's own clock. For the player and `run --pod`.
    public func single(pod name: String, of run: ClusterTimeline) throws(ScenarioError) -> LoadedScenario {
        guard let p = run.pod(named: name) else {
            throw ScenarioError(file: fileName, message: "--pod \(name): no pod of that name; expected one of \(run.pods.map(\.name).joined(separator: ", "))")
        }
        return LoadedScenario(scenario: p.scenario, expectations: [], fileName: fileName)
    }
}
