import PodTerm
import PodTermScenario

/// The two sweep operations the scenario table times: an outcome-only run, and one point of
/// a what-if sweep. Where the engine lacks the API a sweep would use, the operation is
/// measured the way it can be done today and its footnote says so; switching is a change of
/// the function and its note.
enum Operations {
    /// An outcome-only run: the figures, folded live, with no event list kept.
    static func outcomeOnly(_ scenario: Scenario) throws -> Outcome {
        try Simulator.outcome(scenario)
    }

    /// Footnote of the outcome column.
    static let outcomeNote = "outcome: Simulator.outcome(_:seed:maxEvents:), folded live, no event list"

    /// The override each sweep point changes: a value every Kubernetes scenario has.
    static let sweepOverride = "pod.terminationGracePeriodSeconds=45"

    /// One point of a what-if sweep: change one value, get the outcome. Today the override is
    /// a `--set`, applied to the YAML tree, so each point loads the file again
    /// (`scenario.setting(path, to:)` is not on main yet).
    static func sweepPoint(_ yaml: String, fileName: String, override: Override) throws -> Outcome {
        let loaded = try ScenarioLoader.load(yaml: yaml, fileName: fileName, overrides: [override])
        return try outcomeOnly(loaded.scenario)
    }

    /// Footnote of the sweep column.
    static let sweepNote = "sweep: one --set \(sweepOverride), re-loaded from YAML, then an outcome-only run; scenario.setting(path, to:) is not on main yet"
}
