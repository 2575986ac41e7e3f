/// The results of checking a scenario's expectations against one run.
public struct CheckReport: Sendable, Equatable {
    /// One result per expectation, in the file's order.
    public var results: [ExpectationResult]

    /// Creates a report.
    public init(results: [ExpectationResult]) { self.results = results }

    /// Whether every expectation held (true when there are none).
    public var allPassed: Bool { results.allSatisfy(\.passed) }

    /// The results that did not hold.
    public var failures: [ExpectationResult] { results.filter { !$0.passed } }
}
