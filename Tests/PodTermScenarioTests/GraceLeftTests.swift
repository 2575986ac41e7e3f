import PodTerm
@testable import PodTermScenario
import Testing

/// The grace left at each kubelet decision is on the event, as the kubelet counted it: right
/// after a delete that shortened the deadline (the running kill keeps its grace) and for an
/// eviction (the pod is never deleted).
@Suite("grace left")
struct GraceLeftTests {
    static func yaml(stop: String) -> String {
        """
        summary: A server with a 5 s preStop sleep.
        story: |
          The hook counts against the grace.
        pod:
          terminationGracePeriodSeconds: 30
          containers:
            - name: app
              image: example/web:1.0
              command: ["/app/server"]
              lifecycle:
                preStop:
                  sleep: {seconds: 5}
        programs:
          /app/server:
            signals:
              SIGTERM: {cleanup: 2s, exitCode: 0}
        stop:
        \(stop)
        """
    }

    static func run(_ stop: String) throws -> Timeline {
        try Simulator.run(try load(yaml(stop: stop)).scenario)
    }

    static func line(_ t: Timeline, _ kind: (EventKind) -> Bool) -> String? {
        let words = EventText(t)
        return t.events.indices.first { kind(t.events[$0].kind) }.map { words.message(t.events[$0], atEvent: $0) }
    }

    @Test func afterAShortenedDeleteTheRunningKillKeepsItsGrace() throws {
        let t = try Self.run("""
              - at: 0s
                delete: {}
              - at: 1s
                delete: {gracePeriod: 10}
            """)
        // The API and the kubelet record 10 s, but the kill already running keeps its 30 s.
        #expect(t.pod.deletionGrace == 10)
        #expect(t.pod.effectiveGrace == 10)
        let done = try #require(t.events.first { if case .preStopFinished = $0.kind { return true } else { return false } })
        #expect(done.kind == .preStopFinished(succeeded: true, elapsed: 5_000, detail: 0, graceLeft: 25))
        #expect(Self.line(t) { if case .preStopFinished = $0 { return true } else { return false } } == "preStop done after 5s; 25s of grace left")
        #expect(t.events.contains { $0.kind == .stopContainer(timeout: 25, floored: false, graceLeft: 25) })
        // The moment right after the hook shows the same: the running kill's deadline.
        let m = t.moment(at: 5_000)
        #expect(m.pod.graceLeft(at: 5_000) == 25_000)
        #expect(m.containers[0].phase == .stopSignalSent(signal: .term, killAt: 30_000))
    }

    @Test func anEvictionShowsTheGraceLeftToo() throws {
        let t = try Self.run("""
              - at: 2s
                evict: {threshold: soft, evictionMaxPodGracePeriod: 10}
            """)
        #expect(t.pod.deletedAt == nil)
        #expect(Self.line(t) { if case .preStopFinished = $0 { return true } else { return false } } == "preStop done after 5s; 5s of grace left")
        let m = t.moment(at: 2_000)
        #expect(m.pod.graceLeft(at: 2_000) == 10_000)
        #expect(m.containers[0].phase == .preStop(until: 12_000))
        #expect(t.lastMoment.pod.reason == "Evicted")
    }
}
