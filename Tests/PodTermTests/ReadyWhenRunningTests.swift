import Testing
@testable import PodTerm

/// `kubelet.ready-when-running` (issue 13, item 1): a container that is down makes the pod
/// NotReady at once, its endpoint serving=false; each consumer stops routing after its delay
/// and routes again once the container runs and is ready.
@Suite("readiness while a container is down")
struct ReadyWhenRunningTests {
    static let consumers = NetworkSpec(consumers: [EndpointConsumer(name: "kube-proxy", delay: 1_000), EndpointConsumer(name: "ingress", delay: 3_000)])
    static let server = ProgramSpec(signals: [.term: .handle(SignalHandlerSpec(cleanup: 1_000, then: .exit(0)))], readyAfter: 5_000)

    /// A liveness failure at 20 s: SIGTERM, exit at 21 s, restart at once, ready at 26 s.
    func liveness(readyAfter: Millis = 5_000, horizon: Millis = 35_000) -> Scenario {
        var server = Self.server
        server.readyAfter = readyAfter
        var s = Scenario(
            pod: PodSpec(containers: [ContainerSpec(name: "app", command: ["/app/server"])]),
            programs: ["/app/server": server],
            network: Self.consumers,
            actions: [StopAction(at: 20_000, .probeFailure(container: "app", probe: .liveness, terminationGracePeriodSeconds: nil))],
            workloads: [WorkloadSpec(name: "web", container: "app", kind: .http(HTTPWorkload(rate: 100, serviceTime: 50)))])
        s.horizon = horizon
        return s
    }

    @Test func aRestartTakesThePodOutOfTheEndpointsUntilItIsReady() throws {
        let t = try Simulator.run(liveness())
        let changes = t.events.filter { if case .endpointChanged = $0.kind { return true } else { return false } }
        #expect(changes.map(\.time) == [21_000, 26_000])
        #expect(changes.map(\.kind) == [.endpointChanged(ready: false, serving: false, terminating: false),
                                        .endpointChanged(ready: true, serving: true, terminating: false)])
        #expect(changes.allSatisfy { $0.rule == .kubeletReadyWhenRunning })
        #expect(t.events.filter { $0.kind == .consumerStopped }.map(\.time) == [22_000, 24_000])
        #expect(t.events.filter { $0.kind == .consumerResumed }.map(\.time) == [27_000, 29_000])
        // 200 while the listener was closed (20–21 s), then 100 from kube-proxy (21–22 s) and
        // 300 from the ingress (21–24 s) to a pod whose new server has not started up.
        #expect(t.outcome["traffic.refused"] == .int(600))
        #expect(t.outcome["traffic.failed"] == .int(0))
        #expect(t.outcome["endpoints.kube-proxy.resumedRoutingAt"] == .duration(27_000))
        #expect(t.outcome["endpoints.notServingAt"] == .duration(21_000))
        #expect(t.outcome["endpoints.readyAgainAt"] == .duration(26_000))
    }

    @Test func theMomentCarriesTheEndpointAndEachConsumersRouting() throws {
        let t = try Simulator.run(liveness())
        let down = t.moment(at: 23_000)
        #expect(!down.pod.ready && !down.pod.serving && !down.pod.terminating)
        #expect(down.consumers.map(\.routing) == [false, true])
        let back = t.moment(at: 28_000)
        #expect(back.pod.ready && back.pod.serving)
        #expect(back.consumers.map(\.routing) == [true, false])
        #expect(back.consumers[0].resumedRoutingAt == 27_000)
        #expect(back.consumers[0].stoppedRoutingAt == 22_000)
        #expect(t.moment(at: 30_000).consumers.map(\.routing) == [true, true])
    }

    @Test func aRestartAtOnceNeverReachesTheEndpoints() throws {
        // Down and ready again in the same millisecond: the status the slice sees has not changed.
        let t = try Simulator.run(liveness(readyAfter: 0))
        #expect(!t.events.contains { if case .endpointChanged = $0.kind { return true } else { return false } })
        #expect(!t.events.contains { $0.kind == .consumerStopped || $0.kind == .consumerResumed })
        #expect(t.outcome["traffic.refused"] == .int(200))
    }

    @Test func aSecondOOMKillLeavesThePodNotReadyForTheRestartBackOff() throws {
        // The first restart is at once; the second waits 10 s: NotReady from 8 s to 18 s.
        var s = Scenario(
            pod: PodSpec(containers: [ContainerSpec(name: "app", command: ["/app/server"])]),
            programs: ["/app/server": ProgramSpec()],
            network: NetworkSpec(consumers: [EndpointConsumer(name: "kube-proxy", delay: 1_000)]),
            actions: [StopAction(at: 5_000, .oomKill(container: "app")), StopAction(at: 8_000, .oomKill(container: "app"))],
            workloads: [WorkloadSpec(name: "web", container: "app", kind: .http(HTTPWorkload(rate: 100, serviceTime: 50)))])
        s.horizon = 25_000
        let t = try Simulator.run(s)
        let changes = t.events.filter { if case .endpointChanged = $0.kind { return true } else { return false } }
        #expect(changes.map(\.time) == [8_000, 18_000])
        #expect(t.events.filter { $0.kind == .consumerStopped }.map(\.time) == [9_000])
        #expect(t.events.filter { $0.kind == .consumerResumed }.map(\.time) == [19_000])
        // kube-proxy sends to a pod with no server for 1 s (100 refused), none while it does
        // not route; the requests in flight at each kill fail (5 each).
        #expect(t.outcome["traffic.refused"] == .int(100))
        #expect(t.outcome["traffic.failed"] == .int(10))
    }

    /// Two containers; the proxy exits at once on SIGTERM, the app after 5 s.
    func twoContainers() -> Scenario {
        Scenario(
            pod: PodSpec(containers: [ContainerSpec(name: "app", command: ["/app/server"]), ContainerSpec(name: "proxy", command: ["/envoy"])]),
            programs: ["/app/server": ProgramSpec(signals: [.term: .handle(SignalHandlerSpec(cleanup: 5_000, then: .exit(0)))]),
                       "/envoy": ProgramSpec(signals: [.term: .handle(SignalHandlerSpec(cleanup: 0, then: .exit(0)))])],
            network: Self.consumers,
            actions: [StopAction(at: 10_000, .delete(DeleteOptions()))])
    }

    @Test func aContainerThatExitsDuringTerminationMakesTheEndpointNotServing() throws {
        let t = try Simulator.run(twoContainers())
        let before = t.moment(at: 10_000)
        // At the deletion: ready=false, terminating=true, and serving until the proxy's exit.
        let deletion = t.events.firstIndex { $0.kind == .endpointNotReady }!
        let atDeletion = t.moment(afterEvent: deletion)
        #expect(!atDeletion.pod.ready && atDeletion.pod.serving && atDeletion.pod.terminating)
        #expect(!before.pod.serving && before.pod.terminating)
        let changes = t.events.filter { if case .endpointChanged = $0.kind { return true } else { return false } }
        #expect(changes.map(\.kind) == [.endpointChanged(ready: false, serving: false, terminating: true)])
        #expect(changes.map(\.time) == [10_000])
        // The consumers stop once each, after their delays, as for any deletion.
        #expect(t.events.filter { $0.kind == .consumerStopped }.map(\.time) == [11_000, 13_000])
    }

    @Test func theLastContainersExitLeavesTheSliceWithThePod() throws {
        // The app's exit at 15 s ends the pod: no separate serving=false before it is gone.
        let t = try Simulator.run(twoContainers())
        #expect(t.pod.goneAt == 15_000)
        #expect(!t.events.contains { $0.time == 15_000 && { if case .endpointChanged = $0.kind { return true } else { return false } }($0) })
    }
}
