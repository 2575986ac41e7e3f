import PodTerm

/// One line of a scenario's `expect:`: an outcome figure and what it must be.
///
/// ```yaml
/// expect:
///   containers.app.exitCode: 0
///   pod.deleteToGone: <= 30s
///   processes: {app/server: {received: [SIGTERM]}}
/// ```
/// Nested mappings flatten with `.`, so the last line is the figure
/// `processes.app/server.received`.
public struct Expectation: Sendable, Equatable {
    /// The figure's dotted name, e.g. `containers.app.exitCode` (see `Outcome`).
    public var figure: String
    /// What the figure must be.
    public var comparison: Comparison
    /// 1-based line of the expectation's key in the file (0 when a `--set` override created it).
    public var line: Int
    /// 1-based column of the expectation's key in the file (0 when a `--set` override created it).
    public var column: Int

    /// Creates an expectation.
    public init(figure: String, comparison: Comparison, line: Int = 0, column: Int = 0) {
        self.figure = figure
        self.comparison = comparison
        self.line = line
        self.column = column
    }

    /// Checks the expectation against a run's outcome figures.
    public func evaluate(_ outcome: Outcome) -> ExpectationResult {
        ExpectationCheck.evaluate(self, outcome)
    }
}
