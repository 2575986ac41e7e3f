@testable import PodTermTesting
import PodTerm
import Testing

/// Event matchers find what they describe, and their failures show the near misses.
@Suite("PodTermTesting: event matchers")
struct EventMatcherTests {
    @Test func findsTheSigkillAtItsTime() throws {
        let t = try Scenarios.run(Scenarios.noHandler)
        let e = expectTimeline(t, contains: .signal(.kill, sentTo: .pid1(of: "app")).at(.seconds(40)))
        #expect(e?.time == 40_000)
        #expect(e?.actor == .runtime)
        expectTimeline(t, contains: .discarded(.term, by: .program("server")).rule(.kernelPid1IgnoresDefault))
        expectTimeline(t, contains: .killed(.key("app/server"), by: .kill).between(.seconds(39), and: .seconds(41)))
        expectTimeline(t, contains: .containerExited("app", code: 137))
        expectTimeline(t, containsNo: .caught(.term, by: .any))
        expectTimeline(t, .discarded(.term, by: .pid1(of: "app")), before: .signal(.kill, sentTo: .pid1(of: "app")))
    }

    /// With a shared PID namespace the app is not PID 1 (pause is): `.main(of:)` finds it, `.pid1(of:)` does not.
    @Test func theMainProcessOfAContainerInASharedNamespace() throws {
        let t = try Scenarios.run(Scenarios.noHandler, ["pod.shareProcessNamespace=true"])
        expectTimeline(t, contains: .killed(.main(of: "app"), by: .term).at(.seconds(10)))
        expectTimeline(t, containsNo: .signal(.term, sentTo: .pid1(of: "app")))
        let alone = try Scenarios.run(Scenarios.noHandler)
        expectTimeline(alone, contains: .signal(.kill, sentTo: .main(of: "app")).at(.seconds(40)))
    }

    @Test func aNearMissNamesThePartThatDiffers() throws {
        let t = try Scenarios.run(Scenarios.noHandler)
        let message = TimelineCheck(t).missing(.signal(.kill, sentTo: .pid1(of: "app")).at(.seconds(42)))
        let lines = message.split(separator: "\n").map(String.init)
        #expect(lines.first == "no event is signal.sent of SIGKILL to app's PID 1 at 42s")
        #expect(lines[1] == "nearest, all but one part:")
        #expect(lines[2].hasSuffix("   ← at 40s, not 42s"))
        #expect(lines.count == 3)
    }

    @Test func aWrongProcessOrSignalIsNamed() throws {
        let t = try Scenarios.run(Scenarios.shellForm)
        let m = TimelineCheck(t).missing(.signal(.term, sentTo: .program("server")))
        #expect(m.contains("← to sh[1]"), "\(m)")
        let s = TimelineCheck(t).missing(.exited(.pid1(of: "app"), code: 0))
        #expect(s.hasPrefix("no event is process.exited of app's PID 1 with code 0"), "\(s)")
    }

    @Test func aProgramIsNamedAsItWasAtTheEvent() throws {
        let t = try Scenarios.run("""
            summary: A test.
            story: A test.
            pod:
              terminationGracePeriodSeconds: 2
              containers:
                - {name: app, image: example/web:1.0, command: ["bash", "-c", "exec /app/server"]}
            programs:
              /app/server:
                signals:
                  SIGTERM: {cleanup: 300ms, exitCode: 0}
            stop:
              - at: 500ms
                delete: {}
            """)
        expectTimeline(t, contains: .kind("process.started").process(.program("bash")))
        expectTimeline(t, containsNo: .kind("process.started").process(.program("server")))
        expectTimeline(t, contains: .caught(.term, by: .program("server")))
        expectTimeline(t, containsNo: .caught(.term, by: .program("bash")))
    }

    @Test func aKindTheTimelineLacksListsTheKindsItHas() throws {
        let t = try Scenarios.run(Scenarios.noHandler)
        let message = TimelineCheck(t).missing(.kind("signal.caught"))
        #expect(message.hasPrefix("no event is signal.caught\nthis timeline has no signal.caught event at all; its kinds: process.started, pod.delete,"))
    }

    @Test func anUnexpectedEventShowsItsRule() throws {
        let t = try Scenarios.run(Scenarios.noHandler)
        let message = try #require(TimelineCheck(t).unexpected(.kind("signal.discarded")))
        let lines = message.split(separator: "\n").map(String.init)
        #expect(lines.first == "expected no event that is signal.discarded, found 1:")
        #expect(lines.last?.hasPrefix("the first follows rule kernel.pid1-ignores-default: ") == true)
    }

    @Test func theWrongOrderShowsBothEvents() throws {
        let t = try Scenarios.run(Scenarios.noHandler)
        let message = try #require(TimelineCheck(t).order(.kind("container.exited"), .kind("signal.sent")))
        let lines = message.split(separator: "\n").map(String.init)
        #expect(lines.first == "expected container.exited before signal.sent, but the second came first:")
        #expect(lines[1].hasSuffix("← signal.sent") && lines[1].contains("10.000s"))
        #expect(lines[2].hasSuffix("← container.exited") && lines[2].contains("40.000s"))
        let missing = try #require(TimelineCheck(t).order(.kind("signal.caught"), .kind("signal.sent")))
        #expect(missing.hasPrefix("expected signal.caught before signal.sent, but no event is signal.caught"))
    }

    @Test func matchersDescribeThemselves() {
        #expect(EventMatcher.signal(.kill, sentTo: .pid1(of: "app")).at(.milliseconds(2500)).description
                == "signal.sent of SIGKILL to app's PID 1 at 2.5s")
        #expect(EventMatcher.killed(.program("java", in: "app")).container("app").description == "process.killed of java in app in app")
        #expect(EventMatcher.any.description == "any event")
    }
}
