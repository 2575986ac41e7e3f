import PodTerm

/// A scenario file, decoded and validated: the `Scenario` the engine runs, and the
/// expectations a run must meet.
///
/// ```swift
/// let loaded = try ScenarioLoader.load(file: "scenarios/app-handles-sigterm.yaml")
/// let report = loaded.check(try Simulator.run(loaded.scenario))
/// for r in report.failures { print("\(loaded.fileName):\(r.expectation.line):\(r.expectation.column): \(r.message)") }
/// ```
public struct LoadedScenario: Sendable, Equatable {
    /// The scenario, overrides applied.
    public var scenario: Scenario
    /// The file's `expect:` entries, in the file's order.
    public var expectations: [Expectation]
    /// The file name as given to the loader (for `file:line:column` messages).
    public var fileName: String
    /// The file's `questions:` for workshop mode, in the file's order (`Quiz.questions`).
    public var questions: [DeclaredQuestion] = []
    /// The fields the file gives a distribution rather than a value (`uniform(1s, 3s)`, see
    /// `Distribution`), in the file's order. `scenario` holds their draws for the scenario's
    /// own seed; `drawing(_:seed:)` draws them for another.
    public var randomFields: [RandomField]

    /// Creates a loaded scenario.
    public init(scenario: Scenario, expectations: [Expectation], fileName: String, randomFields: [RandomField] = []) {
        self.scenario = scenario
        self.expectations = expectations
        self.fileName = fileName
        self.randomFields = randomFields
    }

    /// Checks every expectation against a run's timeline.
    public func check(_ t: Timeline) -> CheckReport {
        check(t.outcome)
    }

    /// Checks every expectation against a run's outcome figures.
    public func check(_ outcome: Outcome) -> CheckReport {
        CheckReport(results: expectations.map { $0.evaluate(outcome) })
    }
}
