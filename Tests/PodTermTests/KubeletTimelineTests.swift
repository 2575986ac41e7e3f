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

    /// kubelet.prestop-budget-legacy: up to 1.27 a budget of 0 (deletionGracePeriodSeconds 0)
    /// skips the hook, and the runtime gets the pod worker's full override with no 2 s floor.
    @Test func legacyKubeletSkipsPreStopAtGraceZeroWithoutFloor() throws {
        let hook = LifecycleHandler.exec(command: ["sleep", "5"])
        let t = try Simulator.run(serverPod(program: noHandler, grace: 0, preStop: hook, version: KubernetesVersion(1, 27)))
        #expect(t.outcome["containers.app.preStop"] == FigureValue.none)
        #expect(t.outcome["containers.app.stopSignalAt"] == .duration(10_000))
        #expect(t.outcome["containers.app.sigkillAt"] == .duration(11_000))
        let stop = t.events.first { if case .stopContainer = $0.kind { return true } else { return false } }
        #expect(stop?.kind == .stopContainer(timeout: 1, floored: false, graceLeft: 0))
        #expect(stop?.rule == .kubeletPreStopBudgetLegacy)
        // From 1.28 the hook gets the 1 s and the runtime is raised to 2 s.
        let now = try Simulator.run(serverPod(program: noHandler, grace: 0, preStop: hook, version: KubernetesVersion(1, 28)))
        #expect(now.outcome["containers.app.preStop"] == .text("abandoned"))
        #expect(now.outcome["containers.app.sigkillAt"] == .duration(13_000))
    }

    /// A legacy force delete: deletionGracePeriodSeconds 0 skips the hook, the override (the
    /// spec's 30 s, the force-delete quirk) is the runtime's timeout.
    @Test func legacyForceDeleteSkipsPreStopButKeepsFullGrace() throws {
        let t = try Simulator.run(serverPod(program: noHandler, preStop: .sleep(seconds: 5),
                                            delete: DeleteOptions(gracePeriod: 0, force: true), version: KubernetesVersion(1, 27)))
        #expect(t.outcome["containers.app.preStop"] == FigureValue.none)
        #expect(t.outcome["containers.app.stopSignalAt"] == .duration(10_000))
        #expect(t.outcome["containers.app.sigkillAt"] == .duration(40_000))
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
