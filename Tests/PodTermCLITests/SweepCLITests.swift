import Foundation
import Testing

/// `podterm sweep` and `podterm tune` through the real binary (issue 12).
@Suite("podterm command line: sweep and tune")
struct SweepCLITests {
    static let sleep = "pod.containers.app.lifecycle.preStop.sleep.seconds"

    @Test func sweepPrintsATableOfEachPoint() throws {
        let r = try PodtermBinary.run(["sweep", "rollout-prestop-sleep", "--vary", "\(Self.sleep)=0..6:2"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "podterm sweep · rollout-prestop-sleep · seed 1 · 1 run per point · 4 points")
        #expect(lines[1].hasPrefix("\(Self.sleep)  traffic.requests  traffic.served  traffic.refused"))
        // Two consumers at 100/s, 1 s and 3 s: 100 × (1 − sleep)⁺ + 100 × (3 − sleep)⁺ refused.
        let refused = lines[2...].map { $0.split(separator: " ", omittingEmptySubsequences: true)[3] }
        #expect(refused == ["400", "100", "0", "0"])
        #expect(!r.stdout.contains("▁") && !r.stdout.contains("█"), "no chart when standard output is not a terminal")
        #expect(r.stderr.isEmpty)
    }

    @Test func oneAndTwoThreadsPrintTheSameBytes() throws {
        for format in ["table", "csv", "json"] {
            let args = ["sweep", "rollout-poisson-traffic", "--vary", "\(Self.sleep)=0..4", "--vary", "network.consumers.ingress-nginx.delay=0s..3s:500ms",
                        "--runs", "5", "--seed", "9", "--format", format]
            let one = try PodtermBinary.run(args + ["--threads", "1"])
            let two = try PodtermBinary.run(args + ["--threads", "2"])
            #expect(one.status == 0 && two.status == 0)
            #expect(one.stdout == two.stdout, "\(format)")
            #expect(!one.stdout.isEmpty)
        }
    }

    @Test func jsonAndCSVCarryEveryPoint() throws {
        let j = try PodtermBinary.run(["sweep", "rollout-poisson-traffic", "--vary", "\(Self.sleep)=0..3", "--runs", "4", "--format", "json", "--figure", "traffic.refused"])
        #expect(j.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any])
        #expect(doc["schema"] as? String == "podterm.sweep/v1")
        #expect((doc["seeds"] as? [Any])?.count == 4)
        let points = try #require(doc["points"] as? [[String: Any]])
        #expect(points.count == 4)
        let last = try #require((points[3]["figures"] as? [String: Any])?["traffic.refused"] as? [String: Any])
        #expect(last["max"] as? Int == 0)
        let c = try PodtermBinary.run(["sweep", "rollout-prestop-sleep", "--vary", "\(Self.sleep)=0,3", "--format", "csv", "--figure", "traffic.refused", "--figure", "pod.deleteToGone"])
        #expect(c.stdout == """
            \(Self.sleep),figure,unit,runs,mean,p50,p95,max
            0,traffic.refused,count,1,400,400,400,400
            0,pod.deleteToGone,ms,1,2000,2000,2000,2000
            3,traffic.refused,count,1,0,0,0,0
            3,pod.deleteToGone,ms,1,5000,5000,5000,5000

            """)
    }

    @Test func tuneFindsTheSmallestSleepAndItsRunReproducesIt() throws {
        let r = try PodtermBinary.run(["tune", "rollout-prestop-sleep", "--minimize", "\(Self.sleep)=0..30", "--subject-to", "traffic.refused == 0"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("answer: \(Self.sleep) = 3\n"))
        #expect(r.stdout.contains("monotone on every value tried"))
        #expect(r.stdout.contains("at 2, just below: fails, 0 of 1 runs meet the constraints"))
        let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("reproduce: ") })
        let args = line.dropFirst("reproduce: podterm ".count).split(separator: " ").map(String.init)
        let run = try PodtermBinary.run(args + ["--format", "json"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"traffic.refused\": 0"))
    }

    @Test func tuneExitsOneWhenNoValueSatisfies() throws {
        let r = try PodtermBinary.run(["tune", "kafka-no-sigterm-handler", "--minimize", "pod.terminationGracePeriodSeconds=0..60:5", "--subject-to", "kafka.lag == 0"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("answer: no value in the range satisfies the constraints"))
    }

    @Test func tuneSaysWhenItIsNotMonotone() throws {
        let r = try PodtermBinary.run(["tune", "jvm/1-shell-form-cmd", "--minimize", "pod.terminationGracePeriodSeconds=0..60", "--subject-to", "kafka.redelivered == 0"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("NOT monotone: holds at 10 but fails at 11"))
        #expect(r.stdout.contains("answer: pod.terminationGracePeriodSeconds = 10\n"))
    }

    @Test(arguments: [
        (["sweep", "rollout-prestop-sleep"], 64, "--vary"),
        (["sweep", "rollout-prestop-sleep", "--vary", "pod.terminationGracePeriodSeconds"], 64, "--vary pod.terminationGracePeriodSeconds: expected PATH=FROM..TO"),
        (["sweep", "rollout-prestop-sleep", "--vary", "pod.terminationGracePeriodSeconds=9..1"], 64, "the range goes down"),
        (["sweep", "rollout-prestop-sleep", "--vary", "pod.terminationGracePeriodSeconds=1..9", "--threads", "0"], 64, "--threads"),
        (["sweep", "rollout-prestop-sleep", "--vary", "pod.terminationGracePeriodSeconds=1..9", "--runs", "0"], 64, "--runs"),
        (["sweep", "rollout-prestop-sleep", "--vary", "pod.terminationGracePeriodSeconds=10..19", "--figure", "traffic.refsued"], 64, "did you mean"),
        (["sweep", "rollout-prestop-sleep", "--vary", "pod.terminationGracePeriodSeconds=10,1s"], 2, "--vary pod.terminationGracePeriodSeconds=1s: "),
        (["sweep", "rollout-prestop-sleep", "--vary", "pod.terminationGracePeriodSecond=1..3"], 2, "unknown key"),
        (["sweep", "no-such-scenario", "--vary", "pod.terminationGracePeriodSeconds=1..3"], 2, "no built-in scenario"),
        (["sweep", "rollout-prestop-sleep", "--vary", "pod.terminationGracePeriodSeconds=1..3", "--seed", "-1"], 2, "--seed"),
        (["tune", "rollout-prestop-sleep", "--minimize", "pod.terminationGracePeriodSeconds=1..3"], 64, "--subject-to"),
        (["tune", "rollout-prestop-sleep", "--minimize", "pod.terminationGracePeriodSeconds=1,3", "--subject-to", "traffic.refused == 0"], 64, "--minimize"),
        (["tune", "rollout-prestop-sleep", "--minimize", "pod.terminationGracePeriodSeconds=1..3", "--subject-to", "traffic.refused"], 64, "--subject-to traffic.refused: expected FIGURE OP VALUE"),
        (["tune", "rollout-prestop-sleep", "--minimize", "pod.terminationGracePeriodSeconds=10..30", "--subject-to", "kafka.lost == 0"], 64, "no figure 'kafka.lost'"),
        (["tune", "rollout-prestop-sleep", "--minimize", "pod.terminationGracePeriodSeconds=1..3", "--subject-to", "traffic.refused == 0", "--confidence", "1.5"], 64, "--confidence"),
        (["tune", "rollout-prestop-sleep", "--minimize", "pod.terminationGracePeriodSeconds=1..9", "--subject-to", "traffic.refused == 0"], 2, "--minimize pod.terminationGracePeriodSeconds=1: "),
    ])
    func badInputHasItsStatus(_ args: [String], _ status: Int32, _ message: String) throws {
        let r = try PodtermBinary.run(args)
        #expect(r.status == status, "\(args): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func aRunPastItsBudgetExitsFive() throws {
        let f = try PodtermBinary.tempScenario(EventBudgetCLITests.crashLoop, name: "loop.yaml")
        let r = try PodtermBinary.run(["sweep", f, "--vary", "programs./app/server.exitCode=1..3", "--max-events", "1000"])
        #expect(r.status == 5)
        #expect(r.stderr.contains("programs./app/server.exitCode=1 with seed 1 stopped after 1000 events"))
        #expect(r.stdout.isEmpty)
    }

    static let randomDelay = """
        summary: A server behind an ingress whose delay varies from run to run.
        story: The ingress lets go between 1 and 3 s after the delete.
        pod:
          containers:
            - name: app
              image: example/web:1.0
              command: ["/app/server"]
        programs:
          /app/server:
            signals:
              SIGTERM: {cleanup: 1s, exitCode: 0}
        network:
          consumers:
            - name: ingress
              delay: uniform(1s, 3s)
        workloads:
          - {name: web, container: app, http: {rate: 100}}
        stop:
          - at: 10s
            delete: {}

        """

    static func stoppedRouting(_ json: String) -> Int? {
        guard let r = json.range(of: "\"endpoints.ingress.stoppedRoutingAt\": ") else { return nil }
        return Int(json[r.upperBound...].prefix { $0.isNumber })
    }

    @Test func runDrawsTheRandomFieldsFromItsSeed() throws {
        let f = try PodtermBinary.tempScenario(Self.randomDelay, name: "random.yaml")
        var seen = Set<Int>()
        for seed in 1...6 {
            let a = try PodtermBinary.run(["run", f, "--seed", String(seed), "--format", "json"])
            let b = try PodtermBinary.run(["run", f, "--seed", String(seed), "--format", "json"])
            #expect(a.status == 0 && a.stdout == b.stdout)
            let t = try #require(Self.stoppedRouting(a.stdout))
            #expect((11_000...13_000).contains(t))
            seen.insert(t)
        }
        #expect(seen.count > 1, "another seed, another draw")
        let plain = try PodtermBinary.run(["run", f, "--format", "json"])
        let one = try PodtermBinary.run(["run", f, "--seed", "1", "--format", "json"])
        #expect(plain.stdout == one.stdout, "the file's seed (1) is the default")
        let s = try PodtermBinary.run(["sweep", f, "--vary", "pod.terminationGracePeriodSeconds=30", "--runs", "50", "--figure", "traffic.refused"])
        #expect(s.status == 0)
        #expect(s.stdout.contains("each cell: mean p50/p95/max over the runs"))
        let bad = try PodtermBinary.tempScenario(Self.randomDelay.replacingOccurrences(of: "uniform(1s, 3s)", with: "uniform(3s, 1s)"), name: "bad.yaml")
        let e = try PodtermBinary.run(["run", bad])
        #expect(e.status == 2)
        #expect(e.stderr.contains("bad.yaml:15:14: network.consumers.0.delay: uniform(A, B): A must not be above B"), "\(e.stderr)")
    }
}
