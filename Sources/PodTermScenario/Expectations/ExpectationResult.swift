import PodTerm

/// Whether one expectation held, with the figure's actual value and a readable message.
public struct ExpectationResult: Sendable, Equatable {
    /// The expectation that was checked.
    public var expectation: Expectation
    /// Whether it held.
    public var passed: Bool
    /// The figure's value in the run; nil when the outcome has no such figure.
    public var actual: FigureValue?
    /// E.g. `containers.app.exitCode: expected 0, got 137`.
    public var message: String

    /// Creates a result.
    public init(expectation: Expectation, passed: Bool, actual: FigureValue?, message: String) {
        self.expectation = expectation
        self.passed = passed
        self.actual = actual
        self.message = message
    }
}
