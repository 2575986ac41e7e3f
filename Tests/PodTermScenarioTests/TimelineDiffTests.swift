import PodTerm
import PodTermBuiltins
import PodTermScenario
import Testing

/// The timeline diff (issue 11, side by side): events aligned on identity, time shifts found
/// as moves, outcome deltas, deterministic.
@Suite struct TimelineDiffTests {
    static func run(_ name: String, _ sets: [(String, String)] = []) throws -> Timeline {
        let b = try #require(BuiltinScenarios.named(name))
        var loaded = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName)
        for (k, v) in sets { loaded = try loaded.setting(k, to: v) }
        return try Simulator.run(loaded.scenario)
    }

    @Test func aRunEqualsItself() throws {
        let t = try Self.run("pid1-no-handler")
        let d = TimelineDiff(t, t)
        #expect(d.isEqual)
        #expect(d.figures.isEmpty)
        #expect(!d.differsInA.contains(true))
    }

    @Test func aShorterGraceMovesTheSIGKILL() throws {
        let a = try Self.run("pid1-no-handler")
        let b = try Self.run("pid1-no-handler", [("pod.terminationGracePeriodSeconds", "5")])
        let d = TimelineDiff(a, b)
        #expect(!d.isEqual)
        let kills = d.changes.compactMap { c -> (Millis, Millis)? in
            guard case .moved(let i, let j) = c, a.events[i].signal == .kill else { return nil }
            return (a.events[i].time, b.events[j].time)
        }
        #expect(kills.contains { $0.0 == Millis(40_000) && $0.1 == Millis(15_000) })
        let sigkillAt = try #require(d.figures.first { $0.name == "containers.app.sigkillAt" })
        #expect(sigkillAt.a == .duration(Millis(40_000)))
        #expect(sigkillAt.b == .duration(Millis(15_000)))
        #expect(d.counts.removed == 0 && d.counts.added == 0)
    }

    @Test func differentScenariosAddAndRemoveEvents() throws {
        let a = try Self.run("pid1-no-handler")
        let b = try Self.run("app-handles-sigterm")
        let d = TimelineDiff(a, b)
        #expect(d.counts.removed + d.counts.added > 0)
        #expect(d == TimelineDiff(a, b), "the diff is deterministic")
        // Every shown event of both runs is accounted for exactly once.
        let shownA = a.events.filter { !$0.kind.isBookkeeping }.count
        let shownB = b.events.filter { !$0.kind.isBookkeeping }.count
        #expect(d.changes.compactMap(\.a).count == shownA)
        #expect(d.changes.compactMap(\.b).count == shownB)
        #expect(d.changes.compactMap(\.a) == d.changes.compactMap(\.a).sorted())
        #expect(d.changes.compactMap(\.b) == d.changes.compactMap(\.b).sorted())
    }
}
