import Testing
@testable import PodTerm

/// Workloads: counts computed by hand from a_n = floor(n·1000/rate).
@Suite("workloads")
struct WorkloadTests {
    func webPod(preStopSleep: Int? = nil, cleanup: Millis = 2_000) -> Scenario {
        var c = ContainerSpec(name: "app", command: ["/app/server"])
        if let s = preStopSleep { c.preStop = .sleep(seconds: s) }
        return Scenario(
            pod: PodSpec(containers: [c]),
            programs: ["/app/server": ProgramSpec(signals: [.term: .handle(SignalHandlerSpec(cleanup: cleanup, then: .exit(0)))])],
            network: NetworkSpec(consumers: [EndpointConsumer(name: "kube-proxy", delay: 1_000), EndpointConsumer(name: "ingress", delay: 3_000)]),
            actions: [StopAction(at: 10_000, .delete(DeleteOptions()))],
            workloads: [WorkloadSpec(name: "web", container: "app", kind: .http(HTTPWorkload(rate: 100, serviceTime: 50)))])
    }

    @Test func arrivalsFollowTheBenchFormula() {
        #expect(Arrivals.before(0, rate: 1000) == 0)
        #expect(Arrivals.before(1, rate: 1000) == 1)       // a_0 = 0
        #expect(Arrivals.before(60_000, rate: 1000) == 60_000)
        #expect(Arrivals.before(10, rate: 300) == 3)       // 0, 3, 6 (a_3 = 10 is not < 10)
        #expect(Arrivals.before(11, rate: 300) == 4)
        #expect(Arrivals.between(61_000, 62_000, rate: 10_000) == 10_000)
        #expect(Arrivals.time(of: 7, rate: 3) == 2_333)
    }

    @Test func noPreStopRefusesWhatArrivesDuringPropagation() throws {
        let o = try Simulator.run(webPod()).outcome
        // 100 rps per consumer; listener closed at 10 s; kube-proxy sends until 11 s, ingress until 13 s.
        #expect(o["traffic.served"] == .int(2_000))
        #expect(o["traffic.refused"] == .int(100 + 300))
        #expect(o["traffic.failed"] == .int(0))
        #expect(o["traffic.requests"] == .int(2_400))
        #expect(o["pod.deleteToGone"] == .duration(2_000))
    }

    @Test func preStopSleepLongerThanSlowestConsumerRefusesNothing() throws {
        let t = try Simulator.run(webPod(preStopSleep: 5))
        #expect(t.outcome["traffic.refused"] == .int(0))
        #expect(t.outcome["traffic.served"] == .int(1_100 + 1_300))
        #expect(t.outcome["pod.deleteToGone"] == .duration(7_000))
        #expect(t.events.contains { $0.time == 15_000 && $0.kind == .listenerClosed(inFlight: 0) })
    }

    @Test func preStopShorterThanSlowestConsumerRefusesTheRest() throws {
        // SIGTERM at 12 s: kube-proxy has let go, the ingress sends 1 s more.
        let o = try Simulator.run(webPod(preStopSleep: 2)).outcome
        #expect(o["traffic.refused"] == .int(100))
    }

    @Test func sigkillCutsInFlightRequests() throws {
        // The server ignores SIGTERM: its listener stays open until SIGKILL at 40 s. One consumer
        // that needs 60 s to let go; 1 s requests at 100 rps.
        var s = webPod()
        s.programs["/app/server"] = ProgramSpec(signals: [.term: .ignore])
        s.network = NetworkSpec(consumers: [EndpointConsumer(name: "slow-lb", delay: 60_000)])
        s.workloads = [WorkloadSpec(name: "web", container: "app", kind: .http(HTTPWorkload(rate: 100, serviceTime: 1_000)))]
        let t = try Simulator.run(s)
        let o = t.outcome
        #expect(o["containers.app.sigkilled"] == .bool(true))
        #expect(o["traffic.failed"] == .int(100))          // arrived in [39 s, 40 s)
        #expect(o["traffic.served"] == .int(3_900))
        #expect(o["traffic.refused"] == .int(3_000))       // [40 s, 70 s), after the run ended
        #expect(t.events.contains { $0.time == 40_000 && $0.kind == .requestsCut(cut: 100, wasListening: true) })
    }

    @Test func keepServingHoldsTheListenerOpen() throws {
        var s = webPod(cleanup: 5_000)
        s.workloads = [WorkloadSpec(name: "web", container: "app", kind: .http(HTTPWorkload(rate: 100, serviceTime: 50, keepServing: 4_000)))]
        let t = try Simulator.run(s)
        #expect(t.outcome["traffic.refused"] == .int(0))
        #expect(t.events.contains { $0.time == 14_000 && $0.kind == .listenerClosed(inFlight: 0) })
    }

    @Test func poissonArrivalsFollowTheSeedAndTheMeanRate() throws {
        var s = webPod()
        s.workloads = [WorkloadSpec(name: "web", container: "app", kind: .http(HTTPWorkload(rate: 100, serviceTime: 50, arrivals: .poisson)))]
        let a = try Simulator.run(s, seed: 7).outcome
        #expect(try Simulator.run(s, seed: 7).outcome == a)
        var refused: [Int] = []
        for seed in 1...20 {
            guard case .int(let r)? = try Simulator.run(s, seed: UInt64(seed)).outcome["traffic.refused"] else {
                Issue.record("no traffic.refused figure")
                return
            }
            refused.append(r)
        }
        // The mean of 20 samples of a Poisson count of mean 400 (sd 20) is within 400 ± 20.
        let mean = Double(refused.reduce(0, +)) / Double(refused.count)
        #expect(abs(mean - 400) < 20)
        #expect(Set(refused).count > 1, "different seeds give different samples")
    }

    @Test func eachConsumerMayHaveItsOwnRate() throws {
        var s = webPod()
        s.workloads = [WorkloadSpec(name: "web", container: "app", kind: .http(HTTPWorkload(rate: 100, serviceTime: 50, consumerRates: ["ingress": 10])))]
        // kube-proxy 100/s for 1 s after the delete, the ingress 10/s for 3 s: 100 + 30 refused.
        #expect(try Simulator.run(s).outcome["traffic.refused"] == .int(130))
    }

    @Test func openKeepAliveConnectionsServeUntilTheProcessExits() throws {
        var s = webPod()
        s.workloads = [WorkloadSpec(name: "web", container: "app", kind: .http(HTTPWorkload(rate: 100, serviceTime: 50, closeKeepAlive: false)))]
        let o = try Simulator.run(s).outcome
        // Exit at 12 s: the ingress's last second (13 s) is refused, 5 in flight are cut.
        #expect(o["traffic.refused"] == .int(100))
        #expect(o["traffic.failed"] == .int(5))
    }

    @Test func sixtySecondsAtAThousandRpsIsFast() throws {
        var s = webPod()
        s.workloads = [WorkloadSpec(name: "web", container: "app", kind: .http(HTTPWorkload(rate: 1_000, serviceTime: 50)))]
        s.actions = [StopAction(at: 60_000, .delete(DeleteOptions()))]
        let clock = ContinuousClock()
        let start = clock.now
        let o = try Simulator.run(s).outcome
        #expect(clock.now - start < .seconds(1))
        #expect(o["traffic.served"] == .int(120_000))
        #expect(o["traffic.refused"] == .int(1_000 + 3_000))
    }

    func indexer(commit: KafkaCommit, onStop: KafkaOnStop, handler: Bool, oom: Bool = false) -> Scenario {
        let signals: [Signal: SignalBehavior] = handler ? [.term: .handle(SignalHandlerSpec(cleanup: 0, then: .exit(143)))] : [:]
        return Scenario(
            pod: PodSpec(containers: [ContainerSpec(name: "indexer", command: ["/app/indexer"])]),
            programs: ["/app/indexer": ProgramSpec(signals: signals)],
            actions: [StopAction(at: 12_000, oom ? .oomKill(container: "indexer", process: nil) : .delete(DeleteOptions()))],
            workloads: [WorkloadSpec(name: "i", container: "indexer", kind: .kafka(KafkaWorkload(
                rate: 200, batchSize: 1_000, flushInterval: 5_000, commit: commit, onStop: onStop)))])
    }

    @Test func autoCommitLosesTheBufferAfterWriteRedeliversIt() throws {
        // Fills at 4.995 s and 9.995 s (1,000 each); 400 arrive in [10 s, 12 s).
        let auto = try Simulator.run(indexer(commit: .autoBeforeProcessing, onStop: .nothing, handler: true)).outcome
        #expect(auto["kafka.written"] == .int(2_000))
        #expect(auto["kafka.bulkWrites"] == .int(2))
        #expect(auto["kafka.lost"] == .int(400))
        #expect(auto["kafka.redelivered"] == .int(0))
        #expect(auto["kafka.lag"] == .int(9_000))
        #expect(auto["kafka.rebalanceDelay"] == .duration(45_000))
        let after = try Simulator.run(indexer(commit: .afterBulkWrite, onStop: .nothing, handler: true)).outcome
        #expect(after["kafka.lost"] == .int(0))
        #expect(after["kafka.redelivered"] == .int(400))
    }

    @Test func flushAndCloseWritesEverythingAndRebalancesAtOnce() throws {
        let t = try Simulator.run(indexer(commit: .autoBeforeProcessing, onStop: .flushAndClose, handler: true))
        #expect(t.outcome["kafka.written"] == .int(2_400))
        #expect(t.outcome["kafka.lost"] == .int(0))
        #expect(t.outcome["kafka.lag"] == .int(0))
        #expect(t.outcome["kafka.rebalanceDelay"] == .duration(0))
        #expect(t.events.contains { $0.kind == .kafkaClosed(flushed: 400) && $0.rule == .kafkaLeaveGroup })
    }

    @Test func eachWorkloadHasItsOwnFiguresAndADelayBeatsNever() throws {
        // Two consumers in one pod: the indexer dies at 12 s (45 s rebalance); the archiver
        // runs in a second container that is never stopped (no rebalance: none).
        var s = indexer(commit: .afterBulkWrite, onStop: .nothing, handler: true)
        s.pod.containers.append(ContainerSpec(name: "archiver", command: ["/app/archiver"]))
        s.programs["/app/archiver"] = ProgramSpec()
        s.actions = [StopAction(at: 12_000, .oomKill(container: "indexer", process: nil))]
        s.pod.restartPolicy = .never
        s.workloads.insert(WorkloadSpec(name: "a", container: "archiver", kind: .kafka(KafkaWorkload(
            rate: 100, batchSize: 1_000, flushInterval: 5_000, commit: .afterBulkWrite, onStop: .nothing))), at: 0)
        let o = try Simulator.run(s).outcome
        #expect(o["workloads.i.redelivered"] == .int(400))
        #expect(o["workloads.a.rebalanceDelay"] == FigureValue.none)
        #expect(o["workloads.i.rebalanceDelay"] == .duration(45_000))
        #expect(o["kafka.rebalanceDelay"] == .duration(45_000))
    }

    @Test func aCloseCutShortBySigkillLosesTheBuffer() throws {
        // The handler needs 40 s to close but the grace is 30 s: SIGKILL at 42 s mid-close.
        var s = indexer(commit: .afterBulkWrite, onStop: .flushAndClose, handler: true)
        s.programs["/app/indexer"] = ProgramSpec(signals: [.term: .handle(SignalHandlerSpec(cleanup: 40_000, then: .exit(143)))])
        let o = try Simulator.run(s).outcome
        // Polling stopped at 12 s with 400 buffered; the close never finished.
        #expect(o["kafka.consumed"] == .int(2_400))
        #expect(o["kafka.written"] == .int(2_000))
        #expect(o["kafka.redelivered"] == .int(400))
        #expect(o["kafka.rebalanceDelay"] == .duration(45_000))
    }

    @Test func oomKillSkipsTheHandler() throws {
        let t = try Simulator.run(indexer(commit: .autoBeforeProcessing, onStop: .flushAndClose, handler: true, oom: true))
        #expect(t.outcome["kafka.lost"] == .int(400))
        #expect(t.events.contains { $0.kind == .kafkaDied(buffered: 400, lost: true, sessionTimeout: 45_000) })
    }

    @Test func periodicFlushWhenTheBatchDoesNotFill() throws {
        // 200/s, batch 500, flush every 1 s: 200 per write; handler-less PID 1 SIGKILLed at 42 s.
        var s = indexer(commit: .afterBulkWrite, onStop: .flushAndClose, handler: false)
        s.workloads[0].kind = .kafka(KafkaWorkload(rate: 200, batchSize: 500, flushInterval: 1_000))
        let o = try Simulator.run(s).outcome
        #expect(o["kafka.written"] == .int(41 * 200))
        #expect(o["kafka.bulkWrites"] == .int(41))
        #expect(o["kafka.redelivered"] == .int(200))
    }

    func proxyPod(native: Bool) -> Scenario {
        let app = ContainerSpec(name: "app", command: ["/app/server"])
        var proxy = ContainerSpec(name: "proxy", command: ["/envoy"])
        let pod: PodSpec
        if native {
            proxy.restartPolicy = .always
            pod = PodSpec(initContainers: [proxy], containers: [app])
        } else {
            pod = PodSpec(containers: [app, proxy])
        }
        return Scenario(
            pod: pod,
            programs: [
                "/app/server": ProgramSpec(signals: [.term: .handle(SignalHandlerSpec(cleanup: 5_000, then: .exit(0)))]),
                "/envoy": ProgramSpec(signals: [.term: .handle(SignalHandlerSpec(cleanup: 0, then: .exit(0)))]),
            ],
            actions: [StopAction(at: 10_000, .delete(DeleteOptions()))],
            workloads: [WorkloadSpec(name: "calls", container: "app", kind: .outbound(OutboundWorkload(rate: 20, via: "proxy")))])
    }

    @Test func proxyExitingFirstFailsOutboundCalls() throws {
        let plain = try Simulator.run(proxyPod(native: false))
        #expect(plain.outcome["outbound.failed"] == .int(100))
        #expect(plain.outcome["outbound.ok"] == .int(200))
        #expect(plain.events.contains { if case .outboundBroken = $0.kind { return $0.time == 10_000 } else { return false } })
        let native = try Simulator.run(proxyPod(native: true))
        #expect(native.outcome["outbound.failed"] == .int(0))
        #expect(native.outcome["outbound.ok"] == .int(300))
    }

    @Test func noWorkloadNoFigures() throws {
        var s = webPod()
        s.workloads = []
        let o = try Simulator.run(s).outcome
        #expect(o["traffic.served"] == nil)
        #expect(!o.names.contains { $0.hasPrefix("kafka.") || $0.hasPrefix("outbound.") })
    }
}
