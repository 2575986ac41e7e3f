import Testing
@testable import PodTerm

/// A one-container pod running `server`, deleted at 10 s.
func serverPod(
    program: ProgramSpec, grace: Int = 30, preStop: LifecycleHandler? = nil,
    delete: DeleteOptions = DeleteOptions(), version: KubernetesVersion = .current, extraPrograms: [String: ProgramSpec] = [:]
) -> Scenario {
    var programs = extraPrograms
    programs["server"] = program
    return Scenario(
        name: "test", kubernetesVersion: version,
        pod: PodSpec(name: "web", terminationGracePeriodSeconds: grace,
                     containers: [ContainerSpec(name: "app", command: ["/app/server"], preStop: preStop)]),
        programs: programs,
        actions: [StopAction(at: 10_000, .delete(delete))])
}

let handlesTerm = ProgramSpec(signals: [.term: .handle(SignalHandlerSpec(cleanup: 3_000, then: .exit(0)))])
let noHandler = ProgramSpec()

@Suite("kubelet termination timeline")
struct KubeletTimelineTests {
    @Test func appHandlingSigtermExitsCleanly() throws {
        let t = try Simulator.run(serverPod(program: handlesTerm))
        let o = t.outcome
        #expect(o["containers.app.stopSignalAt"] == .duration(10_000))
        #expect(o["containers.app.exitCode"] == .int(0))
        #expect(o["containers.app.reason"] == .text("Completed"))
        #expect(o["containers.app.exitedAt"] == .duration(13_000))
        #expect(o["containers.app.sigkilled"] == .bool(false))
        #expect(o["pod.goneAt"] == .duration(13_000))
        #expect(o["pod.phase"] == .text("Succeeded"))
        #expect(o["processes.app/server.received"] == .list(["SIGTERM"]))
    }

    @Test func pid1WithoutHandlerIsKilledAtEndOfGrace() throws {
        let t = try Simulator.run(serverPod(program: noHandler))
        let o = t.outcome
        #expect(o["containers.app.exitCode"] == .int(137))
        #expect(o["containers.app.reason"] == .text("Error"))
        #expect(o["containers.app.sigkillAt"] == .duration(40_000))
        #expect(o["pod.phase"] == .text("Failed"))
        let discarded = t.events.contains { $0.rule == .kernelPid1IgnoresDefault && $0.signal == .term && $0.time == 10_000 }
        #expect(discarded)
    }

    @Test func preStopSleepDelaysSigterm() throws {
        let t = try Simulator.run(serverPod(program: handlesTerm, preStop: .sleep(seconds: 5)))
        #expect(t.outcome["containers.app.stopSignalAt"] == .duration(15_000))
        #expect(t.outcome["containers.app.exitedAt"] == .duration(18_000))
        let stop = t.events.first { if case .stopContainer = $0.kind { return true } else { return false } }
        #expect(stop?.kind == .stopContainer(timeout: 25, floored: false, graceLeft: 25))
    }

    @Test func preStopLongerThanGraceLeavesTwoSeconds() throws {
        let t = try Simulator.run(serverPod(program: noHandler, preStop: .exec(command: ["sleep", "60"])))
        #expect(t.outcome["containers.app.stopSignalAt"] == .duration(40_000))
        #expect(t.outcome["containers.app.sigkillAt"] == .duration(42_000))
        #expect(t.outcome["containers.app.preStop"] == .text("abandoned"))
        #expect(t.outcome["pod.goneAt"] == .duration(42_000))
    }

    @Test func preStopElapsedIsTruncatedToWholeSeconds() throws {
        let hook = ProgramSpec(runsFor: 5_700)
        let t = try Simulator.run(serverPod(program: noHandler, preStop: .exec(command: ["/hook"]), extraPrograms: ["/hook": hook]))
        // 5.7 s counts as 5 s: 25 s left, so SIGKILL at 15.7 + 25 = 40.7 s.
        #expect(t.outcome["containers.app.stopSignalAt"] == .duration(15_700))
        #expect(t.outcome["containers.app.sigkillAt"] == .duration(40_700))
    }

    @Test func gracePeriodFlagShortensTheCountdown() throws {
        let t = try Simulator.run(serverPod(program: noHandler, delete: DeleteOptions(gracePeriod: 5)))
        #expect(t.outcome["pod.grace"] == .int(5))
        #expect(t.outcome["containers.app.sigkillAt"] == .duration(15_000))
    }

    @Test func forceDeleteRemovesObjectButKeepsFullGrace() throws {
        let t = try Simulator.run(serverPod(program: noHandler, delete: DeleteOptions(gracePeriod: 0, force: true)))
        #expect(t.outcome["pod.objectRemovedAt"] == .duration(10_000))
        #expect(t.outcome["pod.effectiveGrace"] == .int(30))
        #expect(t.outcome["containers.app.sigkillAt"] == .duration(40_000))
    }

    @Test func nowMeansOneSecondFlooredToTwo() throws {
        let t = try Simulator.run(serverPod(program: noHandler, delete: DeleteOptions(now: true)))
        #expect(t.outcome["pod.grace"] == .int(1))
        #expect(t.outcome["containers.app.sigkillAt"] == .duration(12_000))
    }

    @Test func legacyKubeletGivesFullGraceAfterPreStop() throws {
        let t = try Simulator.run(serverPod(program: noHandler, preStop: .sleep(seconds: 5), version: KubernetesVersion(1, 27)))
        #expect(t.outcome["containers.app.stopSignalAt"] == .duration(15_000))
        #expect(t.outcome["containers.app.sigkillAt"] == .duration(45_000))
    }

    @Test func oomKillSkipsEverything() throws {
        var s = serverPod(program: handlesTerm)
        s.actions = [StopAction(at: 5_000, .oomKill(container: "app"))]
        s.pod.restartPolicy = .never
        let t = try Simulator.run(s)
        #expect(t.outcome["containers.app.exitCode"] == .int(137))
        #expect(t.outcome["containers.app.reason"] == .text("OOMKilled"))
        #expect(t.outcome["containers.app.stopSignalAt"] == FigureValue.none)
        #expect(t.outcome["processes.app/server.received"] == .list(["SIGKILL"]))
    }

    @Test func sameScenarioGivesEqualTimelines() throws {
        let s = serverPod(program: handlesTerm, preStop: .sleep(seconds: 2))
        #expect(try Simulator.run(s) == Simulator.run(s))
        #expect(TimelineJSON.render(try Simulator.run(s)) == TimelineJSON.render(try Simulator.run(s)))
    }
}
