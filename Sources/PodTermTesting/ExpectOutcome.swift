import PodTerm
import PodTermScenario
import Testing

/// Expects outcome figure `figure` of `timeline` to be `expected`; on a mismatch, records an
/// issue at the caller's line that says what the figure is, and what in the timeline
/// probably made it so.
///
/// ```swift
/// expectOutcome(timeline, "containers.app.exitCode", .int(0))
/// // containers.app.exitCode is 137, expected 0
/// // probably: the container was SIGKILLed at 40s: the stop signal SIGTERM was discarded at
/// // 10s (PID 1 server[1] has no handler for it, …); did you mean to exec the app or add a handler?
/// ```
public func expectOutcome(
    _ timeline: Timeline, _ figure: String, _ expected: FigureValue,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    if let failure = OutcomeCheck.failure(timeline, figure, expected) {
        Issue.record(Comment(rawValue: failure), sourceLocation: sourceLocation)
    }
}

/// Expects outcome figure `figure` to meet `comparison`, written as in a scenario's `expect:`:
/// `"0"`, `"!= 137"`, `"<= 30s"`, `"5s..10s"`, `"[SIGTERM, SIGKILL]"`.
public func expectOutcome(
    _ timeline: Timeline, _ figure: String, _ comparison: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    if let failure = OutcomeCheck.failure(timeline, figure, comparison: comparison) {
        Issue.record(Comment(rawValue: failure), sourceLocation: sourceLocation)
    }
}

/// Expects every figure of `figures` to have its value; one issue per figure that differs.
public func expectOutcome(
    _ timeline: Timeline, _ figures: KeyValuePairs<String, FigureValue>,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    for (figure, value) in figures {
        expectOutcome(timeline, figure, value, sourceLocation: sourceLocation)
    }
}

/// Expects a scenario file's own expectations (`expect:`) to hold for `timeline`; one issue per
/// expectation that fails, naming its line in the file and what probably went wrong.
///
/// ```swift
/// let loaded = try ScenarioLoader.load(file: "scenarios/web.yaml")
/// expectOutcome(try Simulator.run(loaded.scenario), meets: loaded)
/// ```
public func expectOutcome(
    _ timeline: Timeline, meets loaded: LoadedScenario,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    for failure in OutcomeCheck.failures(timeline, loaded) {
        Issue.record(Comment(rawValue: failure), sourceLocation: sourceLocation)
    }
}

/// The checks behind `expectOutcome`, as messages (nil or empty when they pass).
enum OutcomeCheck {
    static func failure(_ t: Timeline, _ figure: String, _ expected: FigureValue) -> String? {
        let outcome = t.outcome
        guard let actual = outcome[figure] else {
            return Expectation(figure: figure, comparison: .equals(expected.description)).evaluate(outcome).message
        }
        guard actual != expected else { return nil }
        return explained("\(figure) is \(show(actual)), expected \(show(expected))", t, figure)
    }

    static func failure(_ t: Timeline, _ figure: String, comparison text: String) -> String? {
        guard let comparison = Comparison(parsing: text) else {
            return "\(figure): '\(text)' is not a comparison; write a value (0, SIGTERM, 30s), == != <= >= < > and a value, A..B, or [A, B]"
        }
        let result = Expectation(figure: figure, comparison: comparison).evaluate(t.outcome)
        guard !result.passed else { return nil }
        guard result.actual != nil else { return result.message }
        return explained(result.message, t, figure)
    }

    static func failures(_ t: Timeline, _ loaded: LoadedScenario) -> [String] {
        loaded.check(t).failures.map { r in
            let at = r.expectation.line > 0 ? "\(loaded.fileName):\(r.expectation.line):\(r.expectation.column): " : ""
            return r.actual == nil ? at + r.message : explained(at + r.message, t, r.expectation.figure)
        }
    }

    /// The mismatch, then what probably caused it and the events that show it.
    static func explained(_ mismatch: String, _ t: Timeline, _ figure: String) -> String {
        guard let hint = Diagnosis(t).figure(figure) else { return mismatch }
        var text = mismatch + "\nprobably: " + hint.text
        if !hint.evidence.isEmpty { text += "\n" + EventLine(t).lines(hint.evidence) }
        return text
    }

    static func show(_ v: FigureValue) -> String { v.description }
}
