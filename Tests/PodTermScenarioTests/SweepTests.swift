import Foundation
import PodTerm
import PodTermBuiltins
@testable import PodTermScenario
import Testing

/// Sweeps and tunes (issue 12): boundaries against damage counted by hand, tune against a
/// brute-force sweep, and the same bytes for any thread count.
@Suite struct SweepTests {
    /// A server behind one ingress that stops routing `delay` after the delete; SIGTERM closes
    /// the listener at once, after the preStop sleep.
    static let oneIngress = """
        summary: A server behind one slow ingress.
        story: The ingress stops routing 3.5 s after the delete; a preStop sleep may cover it.
        pod:
          metadata: {name: web}
          terminationGracePeriodSeconds: 30
          containers:
            - name: app
              image: example/web:1.0
              command: ["/app/server"]
              lifecycle:
                preStop:
                  sleep: {seconds: 0}
        programs:
          /app/server:
            signals:
              SIGTERM: {cleanup: 1s, exitCode: 0}
        network:
          consumers:
            - {name: ingress, delay: 3500ms}
        workloads:
          - name: web
            container: app
            http: {rate: 100, serviceTime: 50ms}
        stop:
          - at: 10s
            delete: {}
        """

    static func builtin(_ name: String, _ sets: [String] = []) throws -> LoadedScenario {
        let b = try #require(BuiltinScenarios.named(name))
        return try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName, overrides: sets.map { try Override(parsing: $0) })
    }

    /// refused = rate × the part of the slowest consumer's delay the preStop sleep does not
    /// cover, at every point of a rate × sleep grid; and tune finds the first sleep covering it.
    @Test func refusedRequestsMatchTheHandCount() async throws {
        let loaded = try ScenarioLoader.load(yaml: Self.oneIngress, fileName: "one-ingress.yaml")
        let rate = try SweepAxis(parsing: "workloads.web.http.rate=50,100,200")
        let sleep = try SweepAxis(parsing: "pod.containers.app.lifecycle.preStop.sleep.seconds=0..6")
        let r = try await Sweep(loaded, vary: [rate, sleep], figures: ["traffic.refused", "traffic.failed"]).run()
        #expect(r.points.count == 21)
        let delayMs = 3500
        for p in r.points {
            let perSecond = Int(p.values[0])!, sleepMs = Int(p.values[1])! * 1000
            let byHand = perSecond * max(0, delayMs - sleepMs) / 1000
            #expect(r.stats(p.index, "traffic.refused")?.max == byHand, "rate \(perSecond), sleep \(p.values[1])")
            #expect(r.stats(p.index, "traffic.failed")?.max == 0)
        }
        let t = try await Tune(loaded, minimize: sleep, subjectTo: [try Constraint(parsing: "traffic.refused == 0")]).run()
        #expect(t.value == "4")  // the first whole second at or past 3.5 s
        #expect(t.monotone)
    }

    /// The brute force: every value, the first that holds.
    static func bruteForce(_ loaded: LoadedScenario, _ axis: SweepAxis, _ cs: [Constraint], runs: Int = 1, required: Int? = nil) async throws -> Int? {
        let r = try await Sweep(loaded, vary: [axis], runs: runs, figures: [], constraints: cs).run()
        return r.points.first { $0.heldCount >= (required ?? runs) }?.index
    }

    @Test(arguments: [
        ("workloads/rollout-prestop-sleep", "pod.containers.app.lifecycle.preStop.sleep.seconds=0..30", ["traffic.refused == 0"], 1),
        ("workloads/rollout-prestop-sleep", "pod.containers.app.lifecycle.preStop.sleep.seconds=0..30", ["traffic.refused == 0", "pod.deleteToGone <= 6s"], 1),
        ("workloads/rollout-prestop-sleep", "pod.containers.app.lifecycle.preStop.sleep.seconds=0..30", ["traffic.refused <= 150"], 1),
        ("workloads/kafka-no-sigterm-handler", "pod.terminationGracePeriodSeconds=0..60", ["kafka.lag == 0"], 1),
        ("jvm/1-shell-form-cmd", "pod.terminationGracePeriodSeconds=0..60", ["kafka.redelivered == 0"], 1),
        ("jvm/1-shell-form-cmd", "pod.terminationGracePeriodSeconds=11..60", ["kafka.redelivered <= 1000"], 1),
        ("workloads/rollout-poisson-traffic", "pod.containers.app.lifecycle.preStop.sleep.seconds=0..20", ["traffic.refused <= 20"], 8),
        ("workloads/kafka-sigterm-flush-close", "pod.terminationGracePeriodSeconds=0..60", ["containers.indexer.sigkilled == false"], 1),
    ])
    func tuneAgreesWithBruteForce(_ name: String, _ axisText: String, _ cs: [String], _ runs: Int) async throws {
        let loaded = try Self.builtin(name, name.hasSuffix("flush-close") ? ["programs./app/indexer.signals.SIGTERM.cleanup=20s"] : [])
        let axis = try SweepAxis(parsing: axisText)
        let constraints = try cs.map { try Constraint(parsing: $0) }
        let t = try await Tune(loaded, minimize: axis, subjectTo: constraints, runs: runs, confidence: runs > 1 ? 0.75 : 1).run()
        let brute = try await Self.bruteForce(loaded, axis, constraints, runs: runs, required: t.requiredRuns)
        #expect(t.answer == brute, "\(name) \(axisText) \(cs)")
        // Where the brute force sees a value holding and a larger one failing, tune must say so.
        let all = try await Sweep(loaded, vary: [axis], runs: runs, figures: [], constraints: constraints).run()
        let flags = all.points.map { $0.heldCount >= t.requiredRuns }
        let monotone = !zip(flags, flags.dropFirst()).contains { $0 && !$1 }
        if t.monotone { #expect(monotone || !t.fullScan) } else { #expect(!monotone) }
        if t.fullScan { #expect(t.tried.count == axis.values.count) }
    }

    @Test func tuneSaysWhenTheFiguresAreNotMonotone() async throws {
        // Refusals fall with the sleep and the time to go grows with it: only 3 s and 4 s do both.
        let t = try await Tune(try Self.builtin("workloads/rollout-prestop-sleep"),
                               minimize: try SweepAxis(parsing: "pod.containers.app.lifecycle.preStop.sleep.seconds=0..30"),
                               subjectTo: [try Constraint(parsing: "traffic.refused == 0"), try Constraint(parsing: "pod.deleteToGone <= 6s")]).run()
        #expect(!t.monotone)
        #expect(t.fullScan)
        #expect(t.value == "3")
        #expect(t.violations.first.map { (t.axis.values[$0.holdsAt], t.axis.values[$0.failsAt]) } ?? ("", "") == ("4", "5"))
        let text = TuneRendering.render(t, scenarioName: "rollout-prestop-sleep", seed: 1, command: "podterm run rollout-prestop-sleep")
        #expect(text.contains("NOT monotone: holds at 4 but fails at 5"))
    }

    @Test func noValueSatisfies() async throws {
        let t = try await Tune(try Self.builtin("workloads/kafka-no-sigterm-handler"),
                               minimize: try SweepAxis(parsing: "pod.terminationGracePeriodSeconds=0..60"),
                               subjectTo: [try Constraint(parsing: "kafka.lag == 0")]).run()
        #expect(t.answer == nil)
        #expect(TuneRendering.render(t, scenarioName: "x", seed: 1, command: "podterm run x").contains("answer: no value in the range satisfies"))
    }

    /// The same sweep with 1 and 2 threads, rendered every way, byte for byte; also the tune.
    @Test func oneAndTwoThreadsGiveTheSameBytes() async throws {
        let loaded = try Self.builtin("workloads/rollout-poisson-traffic")
        let axes = [try SweepAxis(parsing: "pod.containers.app.lifecycle.preStop.sleep.seconds=0..6"),
                    try SweepAxis(parsing: "network.consumers.ingress-nginx.delay=0s..5s:250ms")]
        var outputs: [[String]] = []
        for threads in [1, 2, 3] {
            let r = try await Sweep(loaded, vary: axes, runs: 4, seed: 7, threads: threads).run()
            outputs.append(SweepRendering.Format.allCases.map { SweepRendering.render(r, $0, scenarioName: "p", seed: 7) } + [SweepChart.render(r)])
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == outputs[2])
        var tunes: [String] = []
        for threads in [1, 2] {
            let t = try await Tune(loaded, minimize: axes[0], subjectTo: [try Constraint(parsing: "traffic.refused <= 10")], runs: 10, confidence: 0.9, seed: 7, threads: threads).run()
            tunes.append(TuneRendering.render(t, scenarioName: "p", seed: 7, command: "podterm run p"))
        }
        #expect(tunes[0] == tunes[1])
    }

    /// A point of one run is exactly `podterm run --set … --seed S`: run 0 uses the sweep's seed.
    @Test func aPointIsTheRunWithThatSetting() async throws {
        let loaded = try Self.builtin("workloads/rollout-poisson-traffic")
        let axis = try SweepAxis(parsing: "pod.containers.app.lifecycle.preStop.sleep.seconds=0,2")
        let r = try await Sweep(loaded, vary: [axis], runs: 3, seed: 42).run()
        for p in r.points {
            let s = try loaded.setting(axis.path, to: p.values[0]).scenario
            for (run, seed) in r.seeds.enumerated() {
                let o = try Simulator.run(s, seed: seed).outcome
                #expect(p.samples[r.figures.firstIndex(of: "traffic.refused")!][run] == figureNumber(o["traffic.refused"]))
            }
        }
        #expect(r.seeds[0] == 42)
        #expect(Set(r.seeds).count == 3)
    }

    @Test func axesParse() throws {
        #expect(try SweepAxis(parsing: "pod.terminationGracePeriodSeconds=0..60:15").values == ["0", "15", "30", "45", "60"])
        #expect(try SweepAxis(parsing: "network.consumers.ingress.delay=0s..2s:500ms").values == ["0s", "500ms", "1s", "1.5s", "2s"])
        #expect(try SweepAxis(parsing: "network.consumers.ingress.delay=1s..3s").numbers == [1000, 2000, 3000])
        #expect(try SweepAxis(parsing: "a.b=SIGTERM, SIGQUIT ,SIGINT").values == ["SIGTERM", "SIGQUIT", "SIGINT"])
        for bad in ["nopath", "=1..2", "a=", "a=5..1", "a=1..2:0", "a=1s..x", "a=1,,2", "a=0..100000"] {
            #expect(throws: ScenarioError.self, "\(bad)") { try SweepAxis(parsing: bad) }
        }
        let loaded = try ScenarioLoader.load(yaml: Self.oneIngress, fileName: "one-ingress.yaml")
        // A value the field refuses is refused with the --vary that gave it.
        do {
            _ = try SweepAxis(parsing: "pod.terminationGracePeriodSeconds=1s,2x").settings(in: loaded)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("--vary pod.terminationGracePeriodSeconds=1s: "))
        }
    }

    @Test func constraintsParse() throws {
        let c = try Constraint(parsing: "kafka.lost == 0")
        #expect(c.figure == "kafka.lost" && c.comparison == .equals("0"))
        #expect(try Constraint(parsing: "pod.deleteToGone<=30s").comparison == .lessOrEqual("30s"))
        #expect(try Constraint(parsing: "traffic.refused < 5").comparison == .less("5"))
        #expect(try Constraint(parsing: "traffic.refused != 5").comparison == .notEquals("5"))
        #expect(try Constraint(parsing: "traffic.refused 0..5").comparison == .range("0", "5"))
        for bad in ["kafka.lost", "== 0", "kafka.lost ==", "a b == 1"] {
            #expect(throws: ScenarioError.self, "\(bad)") { try Constraint(parsing: bad) }
        }
    }

    @Test func statsUseTheNearestRank() {
        let s = FigureStats((1...20).map { Optional($0) } + [nil])
        #expect(s.count == 20 && s.p50 == 10 && s.p95 == 19 && s.max == 20 && s.min == 1)
        #expect(s.meanText == "10.5")
        #expect(FigureStats([1, 2, 2]).meanText == "1.67")
        #expect(FigureStats([nil]).meanText == nil)
    }

    @Test func wrongFiguresAndNumbersAreRefused() async throws {
        let loaded = try Self.builtin("workloads/rollout-prestop-sleep")
        let axis = try SweepAxis(parsing: "pod.terminationGracePeriodSeconds=10,20")
        await #expect(throws: SweepError.self) { try await Sweep(loaded, vary: [axis], figures: ["traffic.refsued"]).run() }
        await #expect(throws: SweepError.self) { try await Sweep(loaded, vary: [axis], figures: ["pod.phase"]).run() }
        await #expect(throws: SweepError.self) { try await Sweep(loaded, vary: [axis], runs: 0).run() }
        await #expect(throws: SweepError.self) { try await Sweep(loaded, vary: [axis, axis]).run() }
        await #expect(throws: SweepError.self) { try await Tune(loaded, minimize: axis, subjectTo: [try Constraint(parsing: "kafka.lost == 0")]).run() }
    }
}
