import Foundation
import PodTerm
@testable import PodTermScenario
import Testing

/// Seeded distributions in scenario files (issue 12): parsing with places, the draws' ranges
/// and means, independence of fields, and sweeps over them.
@Suite struct RandomnessTests {
    static func yaml(delay: String = "\"uniform(1s, 3s)\"", extra: String = "", sleep: String = "0") -> String {
        """
        summary: A server behind one ingress whose delay varies.
        story: The ingress lets go between 1 and 3 s after the delete.
        pod:
          metadata: {name: web}
          terminationGracePeriodSeconds: 30
          containers:
            - name: app
              image: example/web:1.0
              command: ["/app/server"]
              lifecycle:
                preStop:
                  sleep: {seconds: \(sleep)}
        programs:
          /app/server:
            signals:
              SIGTERM: {cleanup: 1s, exitCode: 0}
        network:
          consumers:
            - name: ingress
              delay: \(delay)
        \(extra)
        workloads:
          - name: web
            container: app
            http: {rate: 100, serviceTime: 50ms}
        stop:
          - at: 10s
            delete: {}
        """
    }

    static func delayMs(_ s: Scenario) -> Int { s.network.consumers[0].delay.ms }

    @Test func aUniformDelayIsDrawnFromTheSeed() throws {
        let loaded = try ScenarioLoader.load(yaml: Self.yaml(), fileName: "u.yaml")
        let f = try #require(loaded.randomFields.first)
        #expect(loaded.randomFields.count == 1)
        #expect(f.path == "network.consumers.ingress.delay")
        #expect(f.line == 20 && f.column == 14)
        // The loaded scenario holds the draw for its own seed (1).
        #expect(formatDuration(loaded.scenario.network.consumers[0].delay) == f.value(seed: 1))
        var sum = 0, lo = Int.max, hi = 0
        var seen = Set<Int>()
        for seed in UInt64(0)..<2000 {
            let d = Self.delayMs(try loaded.drawing(loaded.scenario, seed: seed))
            sum += d; lo = min(lo, d); hi = max(hi, d); seen.insert(d)
            #expect(parseDuration(f.value(seed: seed))?.ms == d)
        }
        #expect(lo >= 1000 && hi <= 3000)
        #expect(abs(sum / 2000 - 2000) < 50, "mean \(sum / 2000)")
        #expect(seen.count > 1000)
    }

    @Test func normalAndExponentialAreCutWhereTheySay() throws {
        for (text, lo, hi, mean) in [("normal(2s, 500ms)", 0, 4000, 2000), ("normal(1s, 1s)", 0, 5000, -1), ("exponential(500ms)", 0, 10_000, 500)] {
            let loaded = try ScenarioLoader.load(yaml: Self.yaml(delay: "\(text)"), fileName: "d.yaml")
            var sum = 0
            for seed in UInt64(0)..<4000 {
                let d = Self.delayMs(try loaded.drawing(loaded.scenario, seed: seed))
                #expect(d >= lo && d <= hi, "\(text): \(d)")
                sum += d
            }
            if mean >= 0 { #expect(abs(sum / 4000 - mean) < mean / 20, "\(text): mean \(sum / 4000)") }
        }
    }

    @Test func aChoiceOfSignals() throws {
        let yaml = Self.yaml().replacingOccurrences(of: "      lifecycle:\n", with: "      lifecycle:\n        stopSignal: choice(SIGTERM, SIGQUIT)\n")
        let loaded = try ScenarioLoader.load(yaml: yaml, fileName: "c.yaml")
        #expect(loaded.randomFields.map(\.path) == ["pod.containers.app.lifecycle.stopSignal", "network.consumers.ingress.delay"])
        let signals = Set(try (UInt64(0)..<50).map { try loaded.drawing(loaded.scenario, seed: $0).pod.containers[0].stopSignal })
        #expect(signals == Set<Signal?>([.term, .quit]))
    }

    @Test func anotherRandomFieldDoesNotReshuffleThisOne() throws {
        let one = try ScenarioLoader.load(yaml: Self.yaml(), fileName: "a.yaml")
        let two = try ScenarioLoader.load(yaml: Self.yaml().replacingOccurrences(of: "{rate: 100, serviceTime: 50ms}", with: "{rate: \"uniform(50, 150)\", serviceTime: 50ms}"), fileName: "b.yaml")
        #expect(two.randomFields.count == 2)
        for seed in UInt64(0)..<100 {
            #expect(Self.delayMs(try one.drawing(one.scenario, seed: seed)) == Self.delayMs(try two.drawing(two.scenario, seed: seed)))
        }
    }

    @Test func aSetReplacesTheDistribution() throws {
        let loaded = try ScenarioLoader.load(yaml: Self.yaml(), fileName: "a.yaml", overrides: [try Override(parsing: "network.consumers.ingress.delay=2500ms")])
        #expect(loaded.randomFields.isEmpty)
        #expect(Self.delayMs(try loaded.drawing(loaded.scenario, seed: 9)) == 2500)
    }

    @Test(arguments: [
        ("\"uniform(3s, 1s)\"", "u.yaml:20:14: network.consumers.0.delay: uniform(A, B): A must not be above B"),
        ("\"normal(1s)\"", "u.yaml:20:14: network.consumers.0.delay: expected normal(MEAN, SD) with two values"),
        ("\"uniform(1s, x)\"", "u.yaml:20:14: network.consumers.0.delay: uniform(…): expected whole numbers (50) or durations"),
        ("choice(SIGTERM, SIGQUIT)", "u.yaml:20:14: network.consumers.0.delay: expected a duration like 500ms, 5s or 2m, got 'SIGTERM'"),
        ("choice(1s, 2x)", "u.yaml:20:14: choice(1s, 2x): 2x is refused: "),
        ("\"uniform(1s, 400d)\"", "u.yaml:20:14: network.consumers.0.delay: uniform(…): expected whole numbers"),
    ])
    func badDistributionsSayWhere(_ delay: String, _ message: String) {
        do {
            _ = try ScenarioLoader.load(yaml: Self.yaml(delay: delay), fileName: "u.yaml")
            Issue.record("expected an error for \(delay)")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }

    @Test func aValueOutOfTheFieldsRangeIsRefusedAtItsPlace() {
        do {
            _ = try ScenarioLoader.load(yaml: Self.yaml(sleep: "\"uniform(0, 40)\""), fileName: "s.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("s.yaml:12:28: uniform(0, 40): its highest value 40 is refused: "), "\(error.description)")
        }
        do {
            // Unquoted in a flow mapping, YAML splits at the comma.
            _ = try ScenarioLoader.load(yaml: Self.yaml().replacingOccurrences(of: "    - name: ingress\n      delay: \"uniform(1s, 3s)\"", with: "    - {name: ingress, delay: uniform(1s, 3s)}"), fileName: "f.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("quote it"), "\(error.description)")
        }
    }

    /// Each run's refusals against the hand count for that run's drawn delay: the requests
    /// arriving every 10 ms from the sleep's end until the ingress lets go, ⌈rate × (delay − sleep)⁺⌉.
    @Test func aSweepOverARandomDelayMatchesTheHandCountRunByRun() async throws {
        let loaded = try ScenarioLoader.load(yaml: Self.yaml(), fileName: "u.yaml")
        let f = loaded.randomFields[0]
        let sleep = try SweepAxis(parsing: "pod.containers.app.lifecycle.preStop.sleep.seconds=0..4")
        let r = try await Sweep(loaded, vary: [sleep], runs: 20, seed: 3, figures: ["traffic.refused"]).run()
        for p in r.points {
            let s = Int(p.values[0])! * 1000
            for (run, seed) in r.seeds.enumerated() {
                let d = parseDuration(f.value(seed: seed))!.ms
                #expect(p.samples[0][run] == (100 * max(0, d - s) + 999) / 1000, "sleep \(p.values[0]) delay \(d)ms")
            }
        }
        // tune with every run: the largest draw's whole second; with 75 %: fewer.
        let all = try await Tune(loaded, minimize: sleep, subjectTo: [try Constraint(parsing: "traffic.refused == 0")], runs: 20, seed: 3).run()
        let largest = r.seeds.map { parseDuration(f.value(seed: $0))!.ms }.max()!
        #expect(all.number == (largest + 999) / 1000)
    }

    @Test func anAxisOnARandomFieldTakesTheAxisValue() async throws {
        let loaded = try ScenarioLoader.load(yaml: Self.yaml(), fileName: "u.yaml")
        let r = try await Sweep(loaded, vary: [try SweepAxis(parsing: "network.consumers.ingress.delay=0s..2s")], runs: 5, figures: ["traffic.refused"]).run()
        #expect(r.points.map { $0.stats[0].max } == [0, 100, 200])
        #expect(r.points.map { $0.stats[0].min } == [0, 100, 200])
    }
}
