import PodTerm
import PodTermScenario

/// The two operations the scenario table times through APIs that other work is bringing to
/// the engine. Until they land, each is measured the way it can be done today, and the table
/// says so in its footnotes; switching is a change of these two functions and their notes.
enum PendingAPIs {
    /// An outcome-only run: the figures without the event list. Today: a full run, then
    /// `outcome` (`Simulator.outcome(_:seed:maxEvents:)` is not on main yet).
    static func outcomeOnly(_ scenario: Scenario) throws -> Outcome {
        try Simulator.run(scenario).outcome
    }

    /// Footnote of the outcome column.
    static let outcomeNote = "outcome: via a full run (Simulator.run(...).outcome); Simulator.outcome(_:seed:maxEvents:) is not on main yet"

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
    static let sweepNote = "sweep: one --set \(sweepOverride), re-loaded from YAML, then an outcome run; scenario.setting(path, to:) is not on main yet"
}
