import Foundation
import Testing

/// `podterm diff` through the real binary (issue 11): exit statuses, text and JSON.
@Suite("podterm diff", .serialized)
struct DiffCLITests {
    @Test func aScenarioEqualsItself() throws {
        let r = try PodtermBinary.run(["diff", "pid1-no-handler"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("same: no event and no outcome figure differs"))
        let files = try PodtermBinary.run(["diff", "scenarios/pid1-no-handler.yaml", "pid1-no-handler"])
        #expect(files.status == 0, "\(files.stderr)")
    }

    @Test func aShorterGraceMovesTheSIGKILL() throws {
        let r = try PodtermBinary.run(["diff", "pid1-no-handler", "--set", "pod.terminationGracePeriodSeconds=5"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("~ 40.000s → 15.000s  runtime  app  sends SIGKILL to PID 1 server[1]"))
        #expect(r.stdout.contains("containers.app.sigkillAt"))
        #expect(r.stdout.contains("40s → 15s"))
    }

    @Test func bothSidesCanBeChanged() throws {
        let same = try PodtermBinary.run([
            "diff", "pid1-no-handler", "--set-a", "pod.terminationGracePeriodSeconds=5", "--set-b", "pod.terminationGracePeriodSeconds=5",
        ])
        #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
    }

    @Test func twoScenariosAsJSON() throws {
        let r = try PodtermBinary.run(["diff", "sidecar-proxy-exits-first", "sidecar-native-proxy", "--format", "json"])
        #expect(r.status == 1, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(doc["schema"] as? String == "podterm.diff/v1")
        #expect(doc["equal"] as? Bool == false)
        let events = try #require(doc["events"] as? [[String: Any]])
        #expect(events.contains { $0["change"] as? String == "added" })
        let figures = try #require(doc["figures"] as? [[String: Any]])
        #expect(figures.contains { $0["name"] as? String == "containers.proxy.exitedAt" })
        let again = try PodtermBinary.run(["diff", "sidecar-proxy-exits-first", "sidecar-native-proxy", "--format", "json"])
        #expect(again.stdout == r.stdout, "the diff is deterministic")
    }

    @Test func badInputIs2AndBadFlagsAre64() throws {
        #expect(try PodtermBinary.run(["diff", "no-such-scenario"]).status == 2)
        #expect(try PodtermBinary.run(["diff", "pid1-no-handler", "--set", "pod.terminationGracePeriodSeconds=-1"]).status == 2)
        let bad = try PodtermBinary.tempScenario("summary: [unclosed\n")
        #expect(try PodtermBinary.run(["diff", bad, "pid1-no-handler"]).status == 2)
        #expect(try PodtermBinary.run(["diff", "pid1-no-handler", "--format", "xml"]).status == 64)
        #expect(try PodtermBinary.run(["diff", "a", "b", "c"]).status == 64)
        #expect(try PodtermBinary.run(["diff"]).status == 64)
    }
}
