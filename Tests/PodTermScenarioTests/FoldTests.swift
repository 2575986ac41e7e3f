import Foundation
import PodTerm
import PodTermBuiltins
import PodTermScenario
import Testing

/// The fold of every built-in scenario: its last moment is what the timeline's records say,
/// every moment is a fresh fold from the first event, and the state keeps its invariants at
/// every event.
@Suite("moment fold")
struct FoldTests {
    static let names = BuiltinScenarios.all.map(\.name)

    static func run(_ name: String) throws -> Timeline {
        let b = try #require(BuiltinScenarios.named(name))
        let loaded = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName)
        return try Simulator.run(loaded.scenario)
    }

    @Test(arguments: names)
    func lastMomentIsTheRecords(_ name: String) throws {
        let t = try Self.run(name)
        let m = t.lastMoment
        #expect(m.eventCount == t.events.count)
        #expect(m.containers.map(\.record) == t.containers)
        #expect(m.processes.map(\.record) == t.processes)
        #expect(m.zombiesLeft == t.processes.filter(\.zombieLeft).count)
        #expect(m.pod.record == t.pod)
        #expect(m.workloads.map(\.record) == t.workloads)
        #expect(m.consumers.map(\.name) == t.consumers)
        // The fold from the first moment reaches the same state.
        var fold = MomentFold(from: t.firstMoment)
        for e in t.events { fold.apply(e) }
        #expect(fold.moment == m)
    }

    /// The records and outcome of every built-in scenario as the actors wrote them before the
    /// fold became their only source (`Fixtures/records-before-fold.txt`): the fold must give
    /// the same. `PODTERM_WRITE_RECORDS=1 swift test --filter FoldTests` rewrites the file.
    @Test func recordsAreThoseBeforeTheFold() throws {
        var text = ""
        for name in Self.names { text += RecordsDump.text(name, try Self.run(name)) }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/records-before-fold.txt")
        if ProcessInfo.processInfo.environment["PODTERM_WRITE_RECORDS"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        let got = text.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(first == nil, "line \((first?.offset ?? 0) + 1): got \(first?.element.0 ?? "") expected \(first?.element.1 ?? "")")
        #expect(got.count == want.count)
    }

    @Test(arguments: names)
    func invariantsHoldAtEveryEvent(_ name: String) throws {
        let t = try Self.run(name)
        var fold = MomentFold(from: t.firstMoment)
        var previous: Moment = fold.moment
        for (i, e) in t.events.enumerated() {
            fold.apply(e)
            let m = fold.moment
            #expect(m.time >= previous.time, "time went back at event \(i)")
            for (p, now) in m.processes.enumerated() where p < previous.processes.count {
                let before = previous.processes[p]
                if before.status == .reaped { #expect(now.status == .reaped, "\(name): process \(p) came back after it was reaped (event \(i))") }
                if before.end != nil { #expect(now.end == before.end, "\(name): process \(p) ended twice (event \(i))") }
                #expect(now.received.count >= before.received.count)
            }
            for (c, container) in m.containers.enumerated() {
                let living = m.processes.indices.filter { m.processes[$0].container == c && m.processes[$0].pid == 1 && m.processes[$0].isAlive }
                #expect(living.count <= 1, "\(name): container \(c) has \(living.count) living PID 1s at event \(i)")
                #expect(container.exits.count >= previous.containers[c].exits.count)
            }
            if let p = e.process, case .process(let actor) = e.actor, actor == p, !e.kind.isBookkeeping {
                #expect(previous.processes.indices.contains(p) ? previous.processes[p].status != .reaped : true,
                        "\(name): reaped process \(p) acted at event \(i)")
            }
            previous = m
        }
    }

    @Test(arguments: names)
    func everyMomentIsAFreshFold(_ name: String) throws {
        let t = try Self.run(name)
        var fold = MomentFold(from: t.firstMoment)
        #expect(t.moment(afterEvent: -1) == t.firstMoment)
        let step = max(1, t.events.count / 40)
        for (i, e) in t.events.enumerated() {
            fold.apply(e)
            guard i % step == 0 || i == t.events.count - 1 else { continue }
            #expect(t.moment(afterEvent: i) == fold.moment, "\(name): moment after event \(i)")
            // moment(at:) takes every event of that millisecond, and counts the workloads'
            // meters up to it (MeterGrowthTests).
            if i + 1 == t.events.count || t.events[i + 1].time > e.time {
                var counted = fold.moment
                counted.workloads = counted.workloads.map { $0.projected(to: e.time) }
                #expect(t.moment(at: e.time) == counted, "\(name): moment at \(e.time)")
            }
        }
    }

    @Test func snapshotsBoundTheWork() throws {
        // A long run keeps snapshots, and moments from them equal a fold from the start.
        let t = try Self.run("workloads/kafka-no-sigterm-handler")
        #expect(t.snapshots.moments.first?.eventCount == 0)
        for pair in zip(t.snapshots.moments, t.snapshots.moments.dropFirst()) {
            #expect(pair.1.eventCount - pair.0.eventCount >= MomentSnapshots.minimumSpacing)
        }
    }
}

/// The records and outcome of a timeline, one fact a line.
enum RecordsDump {
    static func text(_ name: String, _ t: Timeline) -> String {
        var out = "== \(name)\n"
        for c in t.containers { out += "container \(c)\n" }
        for var p in t.processes {
            p.zombieLeft = false
            out += "process \(p)\n"
        }
        out += "pod \(t.pod)\n"
        for w in t.workloads { out += "workload \(w.name) \(w.prefix) \(w.figures.map { "\($0.key)=\($0.value)" })\n" }
        for (k, v) in t.outcome.figures { out += "outcome \(k) = \(v)\n" }
        return out
    }
}

/// An outcome-only run gives the outcome of a full run, for every built-in scenario.
@Suite("outcome-only run")
struct OutcomeOnlyTests {
    @Test(arguments: FoldTests.names)
    func sameOutcomeAsAFullRun(_ name: String) throws {
        let b = try #require(BuiltinScenarios.named(name))
        let s = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName).scenario
        let full = try Simulator.run(s)
        #expect(try Simulator.outcome(s) == full.outcome)
        #expect(try Simulator.outcome(s, seed: 7) == (try Simulator.run(s, seed: 7)).outcome)
    }

    @Test func theBudgetStopsItToo() throws {
        let b = try #require(BuiltinScenarios.named("workloads/kafka-no-sigterm-handler"))
        let s = try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName).scenario
        #expect(throws: EventBudgetExceeded.self) { try Simulator.outcome(s, maxEvents: 3) }
    }
}
