import Testing
@testable import PodTerm

/// A consumer of endpoints that applies the EndpointSlice change after the pod is gone still
/// does so in reality: the timeline shows it and its time is a figure (issue 8, item 2).
@Suite("consumers that let go after the pod is gone")
struct LateConsumerTests {
    /// Deleted at 10 s, gone at 12 s (2 s cleanup); kube-proxy lets go at 11 s, the ingress at 13 s.
    func webPod(preStopSleep: Int? = nil) -> Scenario {
        var c = ContainerSpec(name: "app", command: ["/app/server"])
        if let s = preStopSleep { c.preStop = .sleep(seconds: s) }
        return Scenario(
            pod: PodSpec(containers: [c]),
            programs: ["/app/server": ProgramSpec(signals: [.term: .handle(SignalHandlerSpec(cleanup: 2_000, then: .exit(0)))])],
            network: NetworkSpec(consumers: [EndpointConsumer(name: "kube-proxy", delay: 1_000), EndpointConsumer(name: "ingress", delay: 3_000)]),
            actions: [StopAction(at: 10_000, .delete(DeleteOptions()))],
            workloads: [WorkloadSpec(name: "web", container: "app", kind: .http(HTTPWorkload(rate: 100, serviceTime: 50)))])
    }

    @Test func theLateConsumerHasItsEventAndItsTime() throws {
        let t = try Simulator.run(webPod())
        #expect(t.pod.goneAt == 12_000)
        let stopped = t.events.filter { $0.kind == .consumerStopped }
        #expect(stopped.map(\.actor) == [.consumer(0), .consumer(1)])
        #expect(stopped.map(\.time) == [11_000, 13_000])
        #expect(t.outcome["endpoints.kube-proxy.stoppedRoutingAt"] == .duration(11_000))
        #expect(t.outcome["endpoints.ingress.stoppedRoutingAt"] == .duration(13_000))
        // Its refusals were always counted: the ingress sends 1 s to a gone pod.
        #expect(t.outcome["traffic.refused"] == .int(400))
        #expect(t.endedAt == 13_000)
        #expect(!t.hitHorizon)
    }

    @Test func nothingButTheNetworkHappensAfterThePodIsGone() throws {
        let t = try Simulator.run(webPod())
        let after = t.events.filter { $0.time > 12_000 }
        #expect(!after.isEmpty)
        #expect(after.allSatisfy { if case .consumer = $0.actor { return true } else { return false } })
        // The kubelet's stop timeout (SIGKILL at 40 s) was left behind with the pod.
        #expect(t.outcome["containers.app.sigkilled"] == .bool(false))
    }

    @Test func aHorizonBeforeTheLateConsumerStillStopsTheRun() throws {
        var s = webPod()
        s.horizon = 12_500
        let t = try Simulator.run(s)
        #expect(t.hitHorizon)
        #expect(t.endedAt == 12_500)
        #expect(t.outcome["endpoints.ingress.stoppedRoutingAt"] == FigureValue.none)
        // The requests it would still send until 13 s are counted as before.
        #expect(t.outcome["traffic.refused"] == .int(400))
    }

    @Test func aPreStopSleepOfZeroLetsBothConsumersOutliveThePod() throws {
        // No preStop wait: SIGTERM at 10 s, gone at 12 s; kube-proxy at 11 s, ingress at 13 s.
        let t = try Simulator.run(webPod(preStopSleep: 0))
        #expect(t.outcome["endpoints.ingress.stoppedRoutingAt"] == .duration(13_000))
    }
}
