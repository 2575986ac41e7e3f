import Foundation
import Testing

/// `--max-events` on `run` and `check`, and exit status 5 (issue 8, item 7a).
@Suite("podterm command line: the event budget")
struct EventBudgetCLITests {
    static let crashLoop = """
        summary: A container that fails at once, restarted for a year.
        story: The kubelet restarts it with a back-off of 10 s doubling to 5 min.
        pod:
          containers:
            - name: app
              image: example/app
              command: ["/app/server"]
        programs:
          /app/server: {runsFor: 1ms, exitCode: 1}
        horizon: 8760h

        """

    @Test func aRunPastItsBudgetSaysSoAndExitsFive() throws {
        let f = try PodtermBinary.tempScenario(Self.crashLoop, name: "loop.yaml")
        for format in ["text", "json"] {
            let r = try PodtermBinary.run(["run", f, "--max-events", "1000", "--format", format])
            #expect(r.status == 5)
            #expect(r.stdout.isEmpty, "no timeline that could pass for the answer")
            #expect(r.stderr.hasPrefix("podterm: \(f): the run stopped after 1000 events at "))
            #expect(r.stderr.contains("of its 365d horizon"))
            #expect(r.stderr.contains("raise --max-events (now 1000, at most 100000000) or shorten the horizon"))
            #expect(r.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func aBudgetLargeEnoughChangesNothing() throws {
        let plain = try PodtermBinary.run(["run", "rollout-drops-requests", "--format", "json"])
        let budget = try PodtermBinary.run(["run", "rollout-drops-requests", "--format", "json", "--max-events", "200"])
        #expect(budget.status == 0)
        #expect(budget.stdout == plain.stdout)
    }

    @Test func checkMarksTheStoppedRunAndExitsFive() throws {
        let f = try PodtermBinary.tempScenario(Self.crashLoop, name: "loop.yaml")
        let r = try PodtermBinary.run(["check", f, "scenarios/grace-period-5.yaml", "--max-events", "500"])
        #expect(r.status == 5)
        #expect(r.stdout.contains("STOP  \(f)  (event budget)"))
        #expect(r.stdout.contains("PASS  scenarios/grace-period-5.yaml"))
        #expect(r.stdout.hasSuffix("1 passed, 0 failed, 1 stopped by the event budget\n"))
    }

    @Test func aBadBudgetIsAUsageError() throws {
        for bad in ["0", "-5", "100000001", "1e6", "many"] {
            let r = try PodtermBinary.run(["run", "pid1-no-handler", "--max-events", bad])
            #expect(r.status == 64, "--max-events \(bad)")
            #expect(r.stderr.contains("--max-events: expected a whole number from 1 to 100000000, got '\(bad)'"))
            #expect(r.stdout.isEmpty)
        }
    }
}
