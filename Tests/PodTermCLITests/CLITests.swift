import Foundation
import Testing

let goodScenario = """
    summary: ok
    story: ok
    pod:
      containers:
        - name: app
          image: example/app
          command: ["/app/server"]
    programs:
      /app/server:
        signals:
          SIGTERM: {cleanup: 1s, exitCode: 0}
    stop:
      - at: 1s
        delete: {}
    expect:
      containers.app.exitCode: 0

    """

@Suite("podterm command line", .serialized)
struct CLITests {
    @Test func listShowsEveryBuiltinWithItsSummary() throws {
        let r = try PodtermBinary.run(["list"])
        #expect(r.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: PodtermBinary.root.appendingPathComponent("scenarios").path)
            .filter { $0.hasSuffix(".yaml") }
        #expect(!files.isEmpty)
        for f in files { #expect(r.stdout.contains(String(f.dropLast(5)))) }
        #expect(!r.stdout.contains("does not load"))
    }

    @Test func noSubcommandShowsTheScenariosAndHowToRunOne() throws {
        let r = try PodtermBinary.run([])
        #expect(r.status == 0)
        // Not on a terminal: the overview, one screen long (issue 10); `podterm list` has them all.
        #expect(r.stdout.contains("built-in scenarios: "))
        #expect(r.stdout.contains("podterm list"))
        #expect(r.stdout.contains("podterm run "))
    }

    @Test func everyBuiltinRunsInBothFormatsIdenticallyInTwoProcesses() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: PodtermBinary.root.appendingPathComponent("scenarios").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        for f in files {
            let path = "scenarios/" + f
            for format in ["text", "json", "json-v1"] {
                let a = try PodtermBinary.run(["run", path, "--format", format])
                let b = try PodtermBinary.run(["run", path, "--format", format])
                #expect(a.status == 0, "\(path) \(format): \(a.stderr)")
                #expect(!a.stdout.isEmpty)
                #expect(a.stdout == b.stdout, "\(path) \(format) differs between two processes")
                if format != "text" {
                    let obj = try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any]
                    #expect(obj?["schema"] as? String == (format == "json" ? "podterm.timeline/v2" : "podterm.timeline/v1"))
                }
            }
        }
    }

    @Test func runByBuiltinNameEqualsRunByPath() throws {
        let byName = try PodtermBinary.run(["run", "pid1-no-handler", "--format", "json"])
        let byPath = try PodtermBinary.run(["run", "scenarios/pid1-no-handler.yaml", "--format", "json"])
        #expect(byName.status == 0)
        #expect(byName.stdout == byPath.stdout)
    }

    @Test func explainPrintsRuleReasonAndSource() throws {
        let r = try PodtermBinary.run(["run", "pid1-no-handler", "--explain"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("kernel.pid1-ignores-default"))
        #expect(r.stdout.contains("source: linux kernel/signal.c"))
    }

    @Test func colourOnlyWhenAskedAndNeverWithNoColor() throws {
        let r = try PodtermBinary.run(["run", "pid1-no-handler"])
        #expect(!r.stdout.contains("\u{1B}["))
    }

    @Test func setOverridesAValue() throws {
        let r = try PodtermBinary.run(["run", "pid1-no-handler", "--set", "pod.terminationGracePeriodSeconds=5", "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"containers.app.sigkillAt\": 15000"))
    }

    @Test func setSwitchesThePreStopKind() throws {
        let kind = "pod.containers.app.lifecycle.preStop.kind"
        let exec = try PodtermBinary.run(["run", "prestop-sleep", "--set", kind + "=exec-sleep"])
        #expect(exec.status == 0, "\(exec.stderr)")
        #expect(exec.stdout.contains("preStop exec [sleep 5] starts"), "\(exec.stdout)")
        let none = try PodtermBinary.run(["run", "prestop-sleep", "--set", kind + "=none"])
        #expect(none.status == 0, "\(none.stderr)")
        #expect(!none.stdout.contains("preStop"), "\(none.stdout)")
        let http = try PodtermBinary.run(["run", "prestop-sleep", "--set", kind + "=httpGet"])
        #expect(http.status == 2)
        #expect(http.stderr.contains("an httpGet hook needs a port"), "\(http.stderr)")
        #expect(http.stderr.contains("set pod.containers.app.lifecycle.preStop.httpGet.port instead"), "\(http.stderr)")
    }

    @Test func checkPassesOnTheScenarioFolder() throws {
        let r = try PodtermBinary.run(["check", "scenarios"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains(" passed, 0 failed"))
    }

    @Test func checkFailsWithExpectedVersusActualAndExitsOne() throws {
        let f = try PodtermBinary.tempScenario(goodScenario.replacingOccurrences(of: "containers.app.exitCode: 0", with: "containers.app.exitCode: 137"))
        let r = try PodtermBinary.run(["check", f])
        #expect(r.status == 1)
        #expect(r.stdout.contains("FAIL"))
        #expect(r.stdout.contains("expected 137"))
        #expect(r.stdout.contains("bad.yaml:16:3: containers.app.exitCode: expected 137, got 0"))
        #expect(r.stdout.hasSuffix("0 passed, 1 failed\n"))
    }

    @Test(arguments: [
        ("summary: [unclosed\n", "1:"),
        (goodScenario.replacingOccurrences(of: "containers:\n", with: "containerz:\n"), "did you mean 'containers'"),
        (goodScenario.replacingOccurrences(of: "cleanup: 1s", with: "cleanup: -3s"), "11:26: programs./app/server.signals.SIGTERM.cleanup: expected a duration"),
        (goodScenario.replacingOccurrences(of: "pod:\n", with: "pod:\n  terminationGracePeriodSeconds: thirty\n"), "4:"),
        (goodScenario.replacingOccurrences(of: "delete: {}", with: "oomKill: {container: nope}"), "nope"),
        (goodScenario.replacingOccurrences(of: "SIGTERM:", with: "SIGTERN:"), "SIGTERN"),
    ])
    func badScenarioFilesGiveFileLineColumnAndExitTwo(text: String, mentions: String) throws {
        let f = try PodtermBinary.tempScenario(text)
        let r = try PodtermBinary.run(["run", f])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty, "no partial output")
        #expect(r.stderr.contains(f + ":"), "\(r.stderr)")
        #expect(r.stderr.contains(mentions), "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
    }

    @Test func unknownScenarioNameSuggestsTheNearest() throws {
        let r = try PodtermBinary.run(["run", "pid1-no-handlr"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("did you mean 'pid1-no-handler'"))
    }

    @Test func badSetIsNamed() throws {
        let r = try PodtermBinary.run(["run", "pid1-no-handler", "--set", "pod.terminationGracePeriod=60"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--set pod.terminationGracePeriod=60"))
        #expect(r.stderr.contains("terminationGracePeriodSeconds"))
    }

    @Test func badFlagIsAUsageError() throws {
        let r = try PodtermBinary.run(["run", "pid1-no-handler", "--format", "xml"])
        #expect(r.status == 64)
        #expect(r.stdout.isEmpty)
    }

    @Test func missingPathForCheckExitsTwo() throws {
        let r = try PodtermBinary.run(["check", "no/such/dir"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no/such/dir"))
    }
}

@Suite("podterm command line: names and summaries")
struct CLINameTests {
    @Test func aBuiltinInAFolderRunsByItsBareName() throws {
        let bare = try PodtermBinary.run(["run", "rollout-drops-requests", "--format", "json"])
        let full = try PodtermBinary.run(["run", "workloads/rollout-drops-requests", "--format", "json"])
        #expect(bare.status == 0)
        #expect(bare.stdout == full.stdout)
    }

    @Test func textEndsWithTheDamage() throws {
        let r = try PodtermBinary.run(["run", "rollout-drops-requests"])
        #expect(r.stdout.contains("damage: traffic.requests 2400, traffic.served 2000, traffic.refused 400, traffic.failed 0"))
    }
}
