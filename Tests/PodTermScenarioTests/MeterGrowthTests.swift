import PodTerm
import PodTermBuiltins
import PodTermScenario
import Testing

/// The damage counters of a moment between two meter events: counted in closed form to the
/// moment's time (`MeterGrowth`), so they are those of a run that stops right there.
@Suite("meters between two changes")
struct MeterGrowthTests {
    static func scenario(_ name: String) throws -> Scenario {
        let b = try #require(BuiltinScenarios.named(name))
        return try ScenarioLoader.load(yaml: b.yaml, fileName: b.fileName).scenario
    }

    /// Whether a run stopped by its horizon at `t` would count more than what happened by `t`:
    /// between the EndpointSlice change and the last consumer applying it, the horizon run
    /// also counts the requests each consumer still sends until its scheduled stop.
    static func horizonCountsAhead(_ full: Timeline, at t: Millis) -> Bool {
        guard let change = full.events.first(where: { if case .endpointNotReady = $0.kind { true } else if case .endpointRemoved = $0.kind { true } else { false } })?.time
        else { return false }
        let applied = full.events.last { if case .consumerStopped = $0.kind { true } else { false } }?.time ?? full.endedAt
        return t >= change && t < applied
    }

    @Test(arguments: ["workloads/nginx-sigterm-cuts-requests", "workloads/rollout-drops-requests",
                      "workloads/rollout-keepalive-open", "workloads/kafka-auto-commit-loses-buffer",
                      "workloads/kafka-sigterm-flush-close", "workloads/kafka-commit-after-write-redelivers",
                      "workloads/sidecar-native-proxy", "workloads/sidecar-proxy-exits-first"])
    func aMomentCountsWhatARunStoppedThenCounts(_ name: String) throws {
        let s = try Self.scenario(name)
        let full = try Simulator.run(s)
        // Times between the events (and one on an event), spread over the run.
        let end = full.endedAt
        var times: [Millis] = (1..<12).map { (end * $0) / 12 + 7 }
        times.append(contentsOf: full.events.filter { if case .meters = $0.kind { true } else { false } }.map(\.time).filter { $0 > 0 })
        var compared = 0
        for t in Set(times).sorted() where t < end && !Self.horizonCountsAhead(full, at: t) {
            var stopped = s
            stopped.horizon = t
            let h = try Simulator.run(stopped)
            #expect(h.hitHorizon, "\(name) at \(t)")
            let m = full.moment(at: t)
            #expect(m.workloads.map(\.values) == h.workloads.map { Array($0.figures.values) }, "\(name) at \(t)")
            #expect(m.workloads.allSatisfy { $0.isExact(at: t) })
            compared += 1
        }
        #expect(compared >= 6, "\(name): only \(compared) times compared")
    }

    @Test func nginxByHandBetweenThePodGoneAndKubeProxy() throws {
        // 50 requests a second (request n at floor(n·1000/50) ms), served until 10 s, 100 of
        // them cut in flight then; kube-proxy still sends until 11 s, refused.
        let t = try Simulator.run(try Self.scenario("workloads/nginx-sigterm-cuts-requests"))
        let m = t.moment(at: 10_500).workloads[0]
        #expect(m.names == ["requests", "served", "refused", "failed"])
        #expect(m.values == [.int(525), .int(400), .int(25), .int(100)])
        let before = t.moment(at: 4_321).workloads[0]
        #expect(before.values == [.int(217), .int(217), .int(0), .int(0)], "requests 0…216 arrive before 4.321 s")
    }

    @Test func kafkaByHandBetweenTwoFlushes() throws {
        // 200 messages a second; bulk writes at 1,000 messages or every 5 s: at 7.5 s the
        // write at 5 s took the first 1,000 and 500 more wait in the buffer.
        let t = try Simulator.run(try Self.scenario("workloads/kafka-auto-commit-loses-buffer"))
        let m = t.moment(at: 7_500).workloads[0]
        #expect(Array(m.values.prefix(4)) == [.int(1500), .int(1000), .int(1), .int(500)], "\(m.values)")
        #expect(t.moment(at: 7_500).workloads[0] == t.moment(at: 7_500).workloads[0])
    }

    @Test func poissonTrafficStaysAsOfItsLastChangeAndSaysSo() throws {
        let t = try Simulator.run(try Self.scenario("workloads/rollout-poisson-traffic"))
        let meters = t.events.filter { if case .meters = $0.kind { true } else { false } }
        let first = try #require(meters.first { $0.time > 0 })
        let mid = first.time / 2
        let m = t.moment(at: mid).workloads[0]
        #expect(m.values == t.moment(afterEvent: (t.events.lastIndex { $0.time <= mid } ?? -1)).workloads[0].values)
        #expect(!m.isExact(at: mid))
    }
}
