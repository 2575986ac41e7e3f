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

    /// The value each sweep point changes: a value every Kubernetes scenario has.
    static let sweepPath = "pod.terminationGracePeriodSeconds"

    /// The value a sweep point sets: the scenario's own grace plus one second, so that the
    /// point differs from the file.
    static func sweepValue(_ scenario: Scenario) -> String { "\(scenario.pod.terminationGracePeriodSeconds + 1)" }

    /// One point of a what-if sweep on an already-loaded scenario: a typed setting of one
    /// value (resolved and applied to the decoded scenario, no YAML), then an outcome-only run.
    static func sweepPoint(_ scenario: Scenario, value: String) throws -> Outcome {
        try outcomeOnly(try scenario.setting(sweepPath, to: value))
    }

    /// Footnote of the sweep column.
    static let sweepNote = "sweep: scenario.setting(\"\(sweepPath)\", to: grace + 1), then an outcome-only run; no YAML work"
}
