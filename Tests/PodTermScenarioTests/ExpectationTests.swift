import Foundation
import PodTerm
@testable import PodTermScenario
import Testing

@Suite struct ExpectationTests {
    // MARK: Reading expect:

    @Test func nestedMappingsFlattenWithDots() throws {
        let yaml = minimalYAML + """
            expect:
              containers.app.exitCode: 0
              containers:
                app: {reason: Completed, sigkilled: false}
              processes:
                app/server: {received: [SIGTERM], end: exit 0}
              pod.deleteToGone: "<= 5s"

            """
        let e = try load(yaml).expectations
        #expect(e.map(\.figure) == [
            "containers.app.exitCode", "containers.app.reason", "containers.app.sigkilled",
            "processes.app/server.received", "processes.app/server.end", "pod.deleteToGone",
        ])
        #expect(e.map(\.comparison) == [
            .equals("0"), .equals("Completed"), .equals("false"), .list(["SIGTERM"]), .equals("exit 0"), .lessOrEqual("5s"),
        ])
        #expect(e.map(\.line) == [19, 21, 21, 23, 23, 24])
        #expect(e.map(\.column) == [3, 11, 30, 18, 39, 3])
    }

    @Test func anUnquotedNotEqualsIsReadAsMeant() throws {
        // YAML reads `!= 0` as the tag `!=` on the value 0.
        let e = try load(minimalYAML + "expect:\n  containers.app.exitCode: != 137\n").expectations
        #expect(e.map(\.comparison) == [.notEquals("137")])
    }

    @Test func expectationErrors() {
        expectError(minimalYAML + "expect:\n  pod.deleteToGone: \"<=\"\n", at: "\"<=\"",
                    contains: "expect.pod.deleteToGone: expected a value after '<=' in '<='")
        expectError(minimalYAML + "expect:\n  pod.deleteToGone: 5s..\n", at: "5s..",
                    contains: "expected a range like 5s..10s or 1..3, got '5s..'")
        expectError(minimalYAML + "expect:\n  pod.deleteToGone:\n", at: "pod.deleteToGone",
                    contains: "expect.pod.deleteToGone: no expected value")
        expectError(minimalYAML + "expect:\n  pod.phase: Succeeded\n  pod: {phase: Failed}\n", at: "phase: Failed",
                    contains: "expect: pod.phase is given twice (first at line 19)")
        expectError(minimalYAML + "expect:\n  processes.app/server.received: [[SIGTERM]]\n", at: "[SIGTERM]]",
                    contains: "a list holds plain values, got a list")
        expectError(minimalYAML + "expect: [a]\n", at: "[a]", contains: "expect: expected a mapping of figure names")
    }

    // MARK: Comparison syntax

    @Test(arguments: [
        ("0", Comparison.equals("0")), ("== 0", .equals("0")), ("==0", .equals("0")), ("!= 0", .notEquals("0")),
        ("<= 30s", .lessOrEqual("30s")), (">= 1", .greaterOrEqual("1")), ("< 2m", .less("2m")), ("> 500ms", .greater("500ms")),
        ("1..3", .range("1", "3")), ("5s .. 10s", .range("5s", "10s")), ("SIGTERM", .equals("SIGTERM")),
        ("exit 0", .equals("exit 0")), ("2.5s", .equals("2.5s")),
    ])
    func parsesComparisons(text: String, expected: Comparison) {
        #expect(Comparison(parsing: text) == expected)
    }

    @Test func describesComparisonsAsWritten() {
        #expect(Comparison.equals("0").description == "0")
        #expect(Comparison.notEquals("0").description == "!= 0")
        #expect(Comparison.range("5s", "10s").description == "5s..10s")
        #expect(Comparison.list(["SIGTERM", "SIGKILL"]).description == "[SIGTERM, SIGKILL]")
        #expect(Comparison(parsing: "<=") == nil)
        #expect(Comparison(parsing: "") == nil)
    }

    // MARK: Checking against a run

    /// The outcome of minimalYAML: deleted at 10s, SIGTERM, 3s cleanup, exit 0 at 13s.
    static let outcome: Outcome? = {
        guard let loaded = try? ScenarioLoader.load(yaml: minimalYAML, fileName: "t.yaml") else { return nil }
        return try? Simulator.run(loaded.scenario).outcome
    }()

    func check(_ figure: String, _ text: String) throws -> ExpectationResult {
        let c = try #require(Comparison(parsing: text))
        return Expectation(figure: figure, comparison: c).evaluate(try #require(Self.outcome))
    }

    @Test func theOutcomeIsWhatTheseTestsAssume() throws {
        let outcome = try #require(Self.outcome)
        #expect(outcome["containers.app.exitCode"] == .int(0))
        #expect(outcome["pod.deleteToGone"] == .duration(3000))
        #expect(outcome["containers.app.sigkilled"] == .bool(false))
        #expect(outcome["pod.phase"] == .text("Succeeded"))
        #expect(outcome["processes.app/server.received"] == .list(["SIGTERM"]))
        #expect(outcome["containers.app.sigkillAt"] == FigureValue.none)
    }

    @Test(arguments: [
        // whole numbers
        ("containers.app.exitCode", "0", true), ("containers.app.exitCode", "== 0", true),
        ("containers.app.exitCode", "137", false), ("containers.app.exitCode", "!= 137", true),
        ("containers.app.exitCode", "!= 0", false), ("containers.app.exitCode", "<= 0", true),
        ("containers.app.exitCode", "< 0", false), ("containers.app.exitCode", ">= 0", true),
        ("containers.app.exitCode", "> 0", false), ("containers.app.exitCode", "0..1", true),
        ("containers.app.exitCode", "1..2", false), ("containers.app.exitCode", "none", false),
        ("containers.app.exitCode", "!= none", true),
        // durations: units, and bare numbers as seconds
        ("pod.deleteToGone", "3s", true), ("pod.deleteToGone", "3000ms", true), ("pod.deleteToGone", "3", true),
        ("pod.deleteToGone", "2.5", false), ("pod.deleteToGone", "<= 30s", true), ("pod.deleteToGone", "< 3s", false),
        ("pod.deleteToGone", "> 2.5s", true), ("pod.deleteToGone", ">= 1m", false), ("pod.deleteToGone", "2s..4s", true),
        ("pod.deleteToGone", "3s..3s", true), ("pod.deleteToGone", "3001ms..1m", false), ("pod.deleteToGone", "!= 3s", false),
        // true / false
        ("containers.app.sigkilled", "false", true), ("containers.app.sigkilled", "true", false),
        ("containers.app.sigkilled", "!= true", true),
        // words: case-sensitive
        ("pod.phase", "Succeeded", true), ("pod.phase", "succeeded", false), ("pod.phase", "!= Failed", true),
        ("processes.app/server.end", "exit 0", true),
        // none
        ("containers.app.sigkillAt", "none", true), ("containers.app.sigkillAt", "== none", true),
        ("containers.app.sigkillAt", "!= none", false), ("containers.app.sigkillAt", "30s", false),
        ("containers.app.sigkillAt", "<= 30s", false),
    ])
    func comparesByTheFiguresType(figure: String, text: String, passes: Bool) throws {
        let r = try check(figure, text)
        #expect(r.passed == passes, "\(r.message)")
        #expect(r.actual == (try #require(Self.outcome))[figure])
    }

    @Test func listsCompareInOrder() throws {
        let outcome = try #require(Self.outcome)
        let yes = Expectation(figure: "processes.app/server.received", comparison: .list(["SIGTERM"])).evaluate(outcome)
        #expect(yes.passed)
        let no = Expectation(figure: "processes.app/server.received", comparison: .list(["SIGTERM", "SIGKILL"])).evaluate(outcome)
        #expect(!no.passed)
        #expect(no.message == "processes.app/server.received: expected [SIGTERM, SIGKILL], got [SIGTERM]")
        let empty = Expectation(figure: "processes.app/server.received", comparison: .list([])).evaluate(outcome)
        #expect(!empty.passed)
        let notList = Expectation(figure: "containers.app.exitCode", comparison: .list(["0"])).evaluate(outcome)
        #expect(!notList.passed)
        #expect(notList.message.contains("a list compares only with a list figure; this one is a whole number"))
    }

    @Test func failureMessagesSayExpectedAndGot() throws {
        #expect(try check("containers.app.exitCode", "137").message == "containers.app.exitCode: expected 137, got 0")
        #expect(try check("pod.deleteToGone", "< 3s").message == "pod.deleteToGone: expected < 3s, got 3s")
        #expect(try check("pod.deleteToGone", "4s..5s").message == "pod.deleteToGone: expected 4s..5s, got 3s")
        #expect(try check("containers.app.sigkillAt", "30s").message == "containers.app.sigkillAt: expected 30s, got none")
    }

    @Test func typeMismatchesFailWithAReason() throws {
        let abc = try check("containers.app.exitCode", "<= abc")
        #expect(!abc.passed)
        #expect(abc.message == "containers.app.exitCode: expected <= abc, got 0: 'abc' is not a whole number, and the figure is one")
        let duration = try check("pod.deleteToGone", "soon")
        #expect(!duration.passed)
        #expect(duration.message.contains("'soon' is not a duration like 500ms, 30s or 2m"))
        let ordered = try check("pod.phase", ">= Succeeded")
        #expect(!ordered.passed)
        #expect(ordered.message.contains(">= needs a whole number or a duration; a word compares only with == or !="))
        let bool = try check("containers.app.sigkilled", "no")
        #expect(!bool.passed)
        #expect(bool.message.contains("'no' is not true or false"))
        let empty = try check("pod.deleteToGone", "5s..1s")
        #expect(!empty.passed)
        #expect(empty.message.contains("the range 5s..1s is empty"))
        let listAsScalar = try check("processes.app/server.received", "SIGTERM")
        #expect(!listAsScalar.passed)
        #expect(listAsScalar.message.contains("write the expected list as a YAML list"))
    }

    @Test func anUnknownFigureFailsWithASuggestion() throws {
        let r = try check("containers.ap.exitCode", "0")
        #expect(!r.passed)
        #expect(r.actual == nil)
        #expect(r.message.hasPrefix("no figure containers.ap.exitCode (did you mean 'containers.app.exitCode'?)"), "\(r.message)")
        let other = try check("containers.web.exitCode", "0")
        #expect(other.message.contains("the run has containers: app"), "\(other.message)")
        let far = try check("nothing.like.this", "0")
        #expect(far.message == "no figure nothing.like.this")
    }

    @Test func aReportCollectsResultsInOrder() throws {
        let yaml = minimalYAML + """
            expect:
              containers.app.exitCode: 0
              pod.deleteToGone: "> 10s"
              containers.app.reason: Completed

            """
        let loaded = try load(yaml)
        let report = loaded.check(try Simulator.run(loaded.scenario))
        #expect(report.results.map(\.passed) == [true, false, true])
        #expect(!report.allPassed)
        #expect(report.failures.map(\.expectation.line) == [20])
        #expect(report.failures.first?.message == "pod.deleteToGone: expected > 10s, got 3s")
        #expect(CheckReport(results: []).allPassed)
    }
}
