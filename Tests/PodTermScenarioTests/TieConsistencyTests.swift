import PodTerm
import PodTermBuiltins
@testable import PodTermScenario
import Testing

/// Every built-in scenario, as it is and with `--set` values that make two things fall in the
/// same millisecond, tells one story: figures, summary and JSON agree with the events
/// (issue 16). The tie-creating values come from a first run of the scenario itself.
@Suite("ties tell one story")
struct TieConsistencyTests {
    @Test(arguments: BuiltinScenarios.all.map(\.name))
    func builtinScenarioWithTies(_ name: String) throws {
        let b = try #require(BuiltinScenarios.named(name))
        let base = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName)
        let baseline = try Simulator.run(base.scenario)
        let problems = storyDisagreements(baseline)
        #expect(problems.isEmpty, "\(name): \(problems.joined(separator: "\n"))")
        for set in TieOverrides.candidates(base.scenario, baseline) {
            let parsed = try set.map { try Override(parsing: $0) }
            // A value the scenario's own checks refuse (a preStop sleep past the grace…) makes no tie.
            guard let loaded = try? ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName, overrides: parsed),
                  let t = try? Simulator.run(loaded.scenario) else { continue }
            let p = storyDisagreements(t)
            #expect(p.isEmpty, "\(name) --set \(set.joined(separator: " --set ")):\n\(p.joined(separator: "\n"))")
        }
    }

    /// The generator does make ties: the issue's own case is among them, and there are many.
    @Test func theCandidatesIncludeTheIssuesCase() throws {
        let b = try #require(BuiltinScenarios.named("workloads/kafka-sigterm-flush-close"))
        let base = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName)
        let sets = TieOverrides.candidates(base.scenario, try Simulator.run(base.scenario))
        #expect(sets.contains(["programs./app/indexer.signals.SIGTERM.cleanup=30000ms"]))
        var total = 0
        for b in BuiltinScenarios.all {
            let s = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName).scenario
            total += TieOverrides.candidates(s, try Simulator.run(s)).count
        }
        #expect(total > 150)
    }
}

/// `--set` values that put two things in one millisecond, found from a run of the scenario.
enum TieOverrides {
    static func candidates(_ s: Scenario, _ t: Timeline) -> [[String]] {
        var out: [[String]] = []
        // The moments something gives up waiting or acts on a container: a SIGKILL sent, a
        // StopContainer, a preStop given up, a Docker command, the pod gone; and the moments the
        // timeouts started in the run would have run out (a StopContainer's, docker stop's, the
        // grace of a preStop hook).
        let grace = GraceSeconds(t.pod.effectiveGrace ?? s.pod.terminationGracePeriodSeconds).millis
        let decisive = Set(t.events.flatMap { e -> [Millis] in
            switch e.kind {
            case .signalSent where e.signal == .kill: return [e.time]
            case .stopContainer(let timeout, _, _): return [e.time, e.time + GraceSeconds(timeout).millis]
            case .dockerCommand(_, let timeout?): return [e.time, e.time + GraceSeconds(timeout).millis]
            case .preStopStarted, .sidecarWaits: return [e.time + grace]
            case .preStopAbandoned, .dockerCommand, .podGone, .supervisorctlStop: return [e.time]
            default: return []
            }
        }).sorted()
        // 1. A handler's cleanup that ends exactly at one of those moments.
        for key in s.programs.keys.sorted() {
            let spec = s.programs[key]!
            for sig in spec.signals.keys.sorted() {
                guard case .handle = spec.signals[sig]! else { continue }
                let caught = Set(t.events.filter { e in
                    if case .signalCaught = e.kind, e.signal == sig { return true }
                    return false
                }.map(\.time))
                var deltas = Set<Millis>()
                for c in caught { for d in decisive where d > c { deltas.insert(d - c) } }
                for d in deltas.sorted().prefix(6) {
                    out.append(["programs.\(key).signals.\(sig.name).cleanup=\(d)ms"])
                }
                // 2. The grace set to exactly that cleanup, from the other side.
                if case .handle(let h) = spec.signals[sig]!, h.cleanup > 0, h.cleanup % 1000 == 0, s.frontDoor == .kubernetes {
                    out.append(["pod.terminationGracePeriodSeconds=\(h.cleanup / 1000)"])
                }
                if case .handle(let h) = spec.signals[sig]!, h.cleanup > 0, h.cleanup % 1000 == 0, s.frontDoor == .docker {
                    out.append(["docker.stopTimeout=\(h.cleanup / 1000)"])
                }
            }
            if spec.preset != nil {
                let caught = Set(t.events.filter { if case .signalCaught = $0.kind { return true } else { return false } }.map(\.time))
                var deltas = Set<Millis>()
                for c in caught { for d in decisive where d > c { deltas.insert(d - c) } }
                for d in deltas.sorted().prefix(4) { out.append(["programs.\(key).presetCleanup=\(d)ms"]) }
            }
            // 3. A program that ends by itself at one of those moments.
            if spec.runsFor != nil {
                for d in decisive.prefix(4) where d > 0 { out.append(["programs.\(key).runsFor=\(d)ms"]) }
            }
            // 4. supervisord's stopwaitsecs equal to a handler's cleanup.
            if let sv = spec.supervisord {
                let cleanups = Set(s.programs.values.flatMap { $0.signals.values.compactMap { b -> Millis? in
                    if case .handle(let h) = b, h.cleanup % 1000 == 0 { return h.cleanup } else { return nil }
                } })
                for p in sv.programs { for c in cleanups.sorted() {
                    out.append(["programs.\(key).supervisord.programs.\(p.name).stopwaitsecs=\(c / 1000)"])
                } }
            }
        }
        // 5. A preStop sleep that ends exactly as the grace does.
        for (list, containers) in [("initContainers", s.pod.initContainers), ("containers", s.pod.containers)] {
            for c in containers {
                if case .sleep? = c.preStop {
                    out.append(["pod.\(list).\(c.name).lifecycle.preStop.sleep.seconds=\(s.pod.terminationGracePeriodSeconds)"])
                }
            }
        }
        // 6. Two stoppers in the same millisecond, and a stop action arriving as a container exits.
        if s.actions.count >= 2 {
            out.append(["stop.1.at=\(s.actions[0].at)ms"])
        }
        let exits = Set(t.containers.flatMap { $0.exits.map(\.at) }).sorted()
        for i in s.actions.indices.dropFirst() {
            for x in exits.prefix(3) where x > s.actions[0].at { out.append(["stop.\(i).at=\(x)ms"]) }
        }
        // 7. A Kafka flush tick at the instant its consumer's container ends.
        for w in s.workloads {
            guard case .kafka = w.kind, let c = t.containers.first(where: { $0.name == w.container }), let x = c.exits.first, x.at > 0 else { continue }
            out.append(["workloads.\(w.name).kafka.flushInterval=\(x.at)ms"])
            if x.at % 2 == 0 { out.append(["workloads.\(w.name).kafka.flushInterval=\(x.at / 2)ms"]) }
        }
        return out
    }
}
