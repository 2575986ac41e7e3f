import Testing
@testable import PodTerm

/// The same pod as `serverPod`, stopped by `actions` instead of a delete.
func stoppedBy(_ actions: [StopAction], program: ProgramSpec = noHandler, grace: Int = 30, preStop: LifecycleHandler? = nil,
               version: KubernetesVersion = .current, critical: Bool = false, frontDoor: FrontDoor = .kubernetes) -> Scenario {
    var s = serverPod(program: program, grace: grace, preStop: preStop, version: version)
    s.actions = actions
    s.criticalPod = critical
    s.frontDoor = frontDoor
    s.network = NetworkSpec(consumers: [EndpointConsumer(name: "kube-proxy", delay: 1_000)])
    return s
}

@Suite("what stops a container")
struct StopperTests {
    @Test func hardEvictionGivesOneSecondFlooredToTwo() throws {
        let t = try Simulator.run(stoppedBy([StopAction(at: 10_000, .evict(.hardPressure))], preStop: .sleep(seconds: 5)))
        // preStop gets 1 s, then the runtime 2 s: SIGTERM at 11 s, SIGKILL at 13 s. Not "0 s".
        #expect(t.outcome["containers.app.preStop"] == .text("abandoned"))
        #expect(t.outcome["containers.app.stopSignalAt"] == .duration(11_000))
        #expect(t.outcome["containers.app.sigkillAt"] == .duration(13_000))
        #expect(t.outcome["pod.phase"] == .text("Failed"))
        #expect(t.outcome["pod.reason"] == .text("Evicted"))
        #expect(t.outcome["pod.objectRemovedAt"] == FigureValue.none)
        #expect(t.outcome["endpoints.kube-proxy.stoppedRoutingAt"] == .duration(11_000))
    }

    @Test func hardEvictionBefore131FellBackToTheFullGrace() throws {
        let t = try Simulator.run(stoppedBy([StopAction(at: 10_000, .evict(.hardPressure))], version: KubernetesVersion(1, 30)))
        #expect(t.outcome["containers.app.sigkillAt"] == .duration(40_000))
    }

    @Test func softEvictionTakesTheSmallerOfMaxAndPodGrace() throws {
        let t = try Simulator.run(stoppedBy([StopAction(at: 0, .evict(.softPressure(maxPodGracePeriod: 60)))], grace: 20))
        #expect(t.outcome["pod.effectiveGrace"] == .int(20))
        let old = try Simulator.run(stoppedBy([StopAction(at: 0, .evict(.softPressure(maxPodGracePeriod: 60)))], grace: 20, version: KubernetesVersion(1, 31)))
        #expect(old.outcome["pod.effectiveGrace"] == .int(60))
        let zero = try Simulator.run(stoppedBy([StopAction(at: 0, .evict(.softPressure(maxPodGracePeriod: 0)))], grace: 20))
        #expect(zero.outcome["pod.effectiveGrace"] == .int(20))
    }

    @Test func apiEvictionAndPreemptionDeleteWithThePodsGrace() throws {
        for e in [Eviction.api(), .preemption] {
            let t = try Simulator.run(stoppedBy([StopAction(at: 5_000, .evict(e))], grace: 12))
            #expect(t.outcome["pod.grace"] == .int(12))
            #expect(t.outcome["containers.app.sigkillAt"] == .duration(17_000))
            #expect(t.outcome["pod.objectRemovedAt"] == .duration(17_000))
        }
    }

    @Test func nodeShutdownSplitsTheGraceBetweenRegularAndCriticalPods() throws {
        let regular = try Simulator.run(stoppedBy([StopAction(at: 0, .nodeShutdown(gracePeriod: 30, criticalPodsGracePeriod: 10))]))
        #expect(regular.outcome["pod.effectiveGrace"] == .int(20))
        #expect(regular.outcome["pod.reason"] == .text("Terminated"))
        let critical = try Simulator.run(stoppedBy([StopAction(at: 0, .nodeShutdown(gracePeriod: 30, criticalPodsGracePeriod: 10))], critical: true))
        #expect(critical.outcome["pod.effectiveGrace"] == .int(10))
        let capped = try Simulator.run(stoppedBy([StopAction(at: 0, .nodeShutdown(gracePeriod: 300, criticalPodsGracePeriod: 0))], grace: 15))
        #expect(capped.outcome["pod.effectiveGrace"] == .int(15))
    }

    @Test func shorterDeleteDuringTerminationDoesNotSpeedUpTheRunningKill() throws {
        let t = try Simulator.run(stoppedBy([
            StopAction(at: 0, .delete(DeleteOptions())),
            StopAction(at: 5_000, .delete(DeleteOptions(gracePeriod: 1))),
        ]))
        #expect(t.outcome["pod.grace"] == .int(1))
        #expect(t.outcome["pod.effectiveGrace"] == .int(1))
        #expect(t.outcome["containers.app.sigkillAt"] == .duration(30_000))
        #expect(t.events.contains { $0.rule == .kubeletShorterGraceMidKill })
        let longer = try Simulator.run(stoppedBy([
            StopAction(at: 0, .delete(DeleteOptions(gracePeriod: 10))),
            StopAction(at: 1_000, .delete(DeleteOptions(gracePeriod: 20))),
        ]))
        #expect(longer.outcome["pod.grace"] == .int(10))
        #expect(longer.events.contains { $0.rule == .apiShortenOnly })
    }

    @Test func livenessFailureRestartsWithTheProbesGrace() throws {
        let t = try Simulator.run(stoppedBy([StopAction(at: 5_000, .probeFailure(container: "app", probe: .liveness, terminationGracePeriodSeconds: 3))]))
        #expect(t.outcome["containers.app.sigkillAt"] == .duration(8_000))
        #expect(t.outcome["containers.app.restarts"] == .int(1))
        #expect(t.outcome["pod.goneAt"] == FigureValue.none)
        #expect(t.outcome["processes.app/server#2.end"] == .text("running"))
    }

    @Test func singleProcessOOMKillLeavesPid1AndTheReasonSticks() throws {
        var s = stoppedBy([StopAction(at: 5_000, .oomKill(container: "app", process: "worker")), StopAction(at: 10_000, .delete(DeleteOptions()))],
                          program: ProgramSpec(signals: [.term: .handle(SignalHandlerSpec(cleanup: 0, then: .exit(0)))], children: [ChildSpec(command: ["/app/worker"])]))
        s.programs["/app/worker"] = ProgramSpec()
        let t = try Simulator.run(s)
        #expect(t.outcome["processes.app/worker.killedBy"] == .text("oom-killer"))
        #expect(t.outcome["containers.app.exitCode"] == .int(0))
        #expect(t.outcome["containers.app.reason"] == .text("OOMKilled"))
    }

    @Test func dockerStopSendsStopSignalThenKillsAfterTenSeconds() throws {
        let t = try Simulator.run(stoppedBy([StopAction(at: 1_000, .docker(.stop(time: nil, signal: nil)))], frontDoor: .docker))
        #expect(t.outcome["containers.app.stopSignalAt"] == .duration(1_000))
        #expect(t.outcome["containers.app.sigkillAt"] == .duration(11_000))
        #expect(t.outcome["containers.app.exitCode"] == .int(137))
        #expect(t.outcome["pod.goneAt"] == FigureValue.none)
        let zero = try Simulator.run(stoppedBy([StopAction(at: 1_000, .docker(.stop(time: 0, signal: nil)))], program: handlesTerm, frontDoor: .docker))
        #expect(zero.outcome["processes.app/server.received"] == .list(["SIGTERM", "SIGKILL"]))
        #expect(zero.outcome["containers.app.exitedAt"] == .duration(1_000))
    }

    @Test func dockerKillWithSigtermToAPid1WithoutHandlerDoesNothing() throws {
        let t = try Simulator.run(stoppedBy([StopAction(at: 1_000, .docker(.kill(signal: .term)))], frontDoor: .docker))
        #expect(t.outcome["containers.app.exitCode"] == FigureValue.none)
        #expect(t.outcome["processes.app/server.received"] == .list(["SIGTERM"]))
        let rm = try Simulator.run(stoppedBy([StopAction(at: 1_000, .docker(.removeForce))], program: handlesTerm, frontDoor: .docker))
        #expect(rm.outcome["containers.app.exitCode"] == .int(137))
    }

    /// cri.stop-timeout-0: docker rm without -f on a running container is refused at run time
    /// and sends nothing; the container runs on.
    @Test func dockerRmWithoutForceIsRefusedAndStopsNothing() throws {
        let t = try Simulator.run(stoppedBy([StopAction(at: 1_000, .docker(.remove))], program: handlesTerm, frontDoor: .docker))
        #expect(t.outcome["containers.app.exitCode"] == FigureValue.none)
        #expect(t.outcome["processes.app/server.received"] == .list([]))
        let refusal = t.events.first { if case .dockerCommand(.remove, _) = $0.kind { return true } else { return false } }
        #expect(refusal?.rule == .criStopTimeout0)
        #expect(refusal?.time == 1_000)
        #expect(!t.events.contains { if case .signalSent = $0.kind { return true } else { return false } })
    }

    /// cri.stop-timeout-0: crictl stop --timeout 0 SIGKILLs PID 1 at once, no stop signal, and
    /// the kubelet, not asked, restarts the container; with a timeout the stop signal comes first.
    @Test func crictlStopTimeoutZeroKillsAtOnceAroundTheKubelet() throws {
        let t = try Simulator.run(stoppedBy([StopAction(at: 1_000, .crictlStop(container: "app", timeout: 0))], program: handlesTerm))
        #expect(t.outcome["containers.app.stopSignalAt"] == FigureValue.none)
        #expect(t.outcome["containers.app.sigkillAt"] == .duration(1_000))
        #expect(t.outcome["processes.app/server.received"] == .list(["SIGKILL"]))
        #expect(t.events.contains { $0.rule == .criStopTimeout0 && $0.time == 1_000 })
        let five = try Simulator.run(stoppedBy([StopAction(at: 1_000, .crictlStop(container: "app", timeout: 5))]))
        #expect(five.outcome["containers.app.stopSignalAt"] == .duration(1_000))
        #expect(five.outcome["containers.app.sigkillAt"] == .duration(6_000))
        #expect(throws: ModelError.self) {
            try Simulator.run(stoppedBy([StopAction(at: 0, .crictlStop(container: "app", timeout: 0))], frontDoor: .docker))
        }
    }

    @Test func dockerActionsNeedTheDockerFrontDoor() {
        #expect(throws: ModelError.self) { try Simulator.run(stoppedBy([StopAction(at: 0, .docker(.removeForce))])) }
        #expect(throws: ModelError.self) { try Simulator.run(stoppedBy([StopAction(at: 0, .delete(DeleteOptions()))], frontDoor: .docker)) }
    }
}
