import PodTerm
import PodTermTesting
import Testing

/// The expectations record Swift Testing issues at the caller's line, with the message.
@Suite("PodTermTesting: issues at the caller's line")
struct RecordedIssueTests {
    @Test func expectOutcomeRecordsAtTheCall() throws {
        let t = try Scenarios.run(Scenarios.noHandler)
        let line = #line + 2
        withKnownIssue {
            expectOutcome(t, "containers.app.exitCode", .int(0))
        } matching: { issue in
            issue.sourceLocation?.line == line
                && issue.comments.first?.rawValue.hasPrefix("containers.app.exitCode is 137, expected 0\nprobably: the container was SIGKILLed at 40s") == true
        }
    }

    @Test func oneIssuePerFigureThatDiffers() throws {
        let t = try Scenarios.run(Scenarios.noHandler)
        withKnownIssue {
            expectOutcome(t, ["containers.app.exitCode": .int(137), "outcome.sigkilled": .bool(false), "pod.phase": .text("Succeeded")])
        } matching: { issue in
            let text = issue.comments.first?.rawValue ?? ""
            return text.hasPrefix("outcome.sigkilled is true, expected false") || text.hasPrefix("pod.phase is Failed, expected Succeeded")
        }
    }

    @Test func expectTimelineRecordsAtTheCall() throws {
        let t = try Scenarios.run(Scenarios.noHandler)
        let line = #line + 2
        withKnownIssue {
            expectTimeline(t, contains: .caught(.term, by: .pid1(of: "app")))
        } matching: { issue in
            issue.sourceLocation?.line == line && issue.comments.first?.rawValue.hasPrefix("no event is signal.caught of SIGTERM by app's PID 1") == true
        }
        withKnownIssue {
            expectTimeline(t, containsNo: .kind("signal.discarded"))
        } matching: { issue in
            issue.comments.first?.rawValue.hasPrefix("expected no event that is signal.discarded") == true
        }
        withKnownIssue {
            expectTimeline(t, .kind("container.exited"), before: .kind("signal.sent"))
        } matching: { issue in
            issue.comments.first?.rawValue.hasPrefix("expected container.exited before signal.sent") == true
        }
    }

    @Test func rendersAsShowsTheFirstDifferingLine() throws {
        let t = try Scenarios.run(Scenarios.noHandler)
        let text = TimelineText().render(t)
        expectTimeline(t, rendersAs: text)
        let changed = text.replacingFirst("40.000s  runtime", with: "42.000s  runtime")
        withKnownIssue {
            expectTimeline(t, rendersAs: changed)
        } matching: { issue in
            let m = issue.comments.first?.rawValue ?? ""
            return m.hasPrefix("the timeline differs from the expected text; first difference at line 11") && m.contains("-  11  42.000s  runtime")
                && m.contains("+  11  40.000s  runtime")
        }
    }

    @Test func theFilesOwnExpectations() throws {
        let loaded = try PodTermScenario.ScenarioLoader.load(yaml: Scenarios.noHandler, fileName: "web.yaml")
        let t = try Simulator.run(loaded.scenario)
        withKnownIssue {
            expectOutcome(t, meets: loaded)
        } matching: { issue in
            issue.comments.first?.rawValue.hasPrefix("web.yaml:12:3: containers.app.exitCode: expected 0, got 137\nprobably:") == true
        }
    }
}

extension String {
    /// The text with its first `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        var copy = self
        copy.replaceSubrange(r, with: replacement)
        return copy
    }
}

import PodTermScenario
