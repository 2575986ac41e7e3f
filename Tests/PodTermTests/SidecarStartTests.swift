import Testing
@testable import PodTerm

@Suite("sidecar start order")
struct SidecarStartTests {
    func pod(version: KubernetesVersion) -> Scenario {
        Scenario(
            kubernetesVersion: version,
            pod: PodSpec(
                restartPolicy: .never,
                initContainers: [
                    ContainerSpec(name: "a", command: ["/a"], restartPolicy: .always),
                    ContainerSpec(name: "b", command: ["/b"], restartPolicy: .always),
                ],
                containers: [ContainerSpec(name: "app", command: ["/app"]), ContainerSpec(name: "worker", command: ["/app"])]),
            programs: ["/a": ProgramSpec(readyAfter: 1_000), "/b": ProgramSpec(readyAfter: 3_000), "/app": ProgramSpec(runsFor: 1_000)])
    }

    func startTimes(_ t: Timeline) -> [String: Millis] {
        var out: [String: Millis] = [:]
        for p in t.processes where p.pid == 1 { out[t.containers[p.container].name] = p.startedAt }
        return out
    }

    @Test func sidecarsStartInOrderAndTheAppsAfterTheLast() throws {
        let starts = startTimes(try Simulator.run(pod(version: .current)))
        #expect(starts == ["a": 0, "b": 1_000, "app": 4_000, "worker": 4_000])
    }

    @Test func before129EverythingStartsTogether() throws {
        let starts = startTimes(try Simulator.run(pod(version: KubernetesVersion(1, 28))))
        #expect(starts == ["a": 0, "b": 0, "app": 0, "worker": 0])
    }
}

@Suite("a pod whose regular containers are done")
struct PodCompletionTests {
    func job(policy: RestartPolicy, exitCode: Int) -> Scenario {
        Scenario(
            pod: PodSpec(
                restartPolicy: policy,
                initContainers: [ContainerSpec(name: "proxy", command: ["/proxy"], restartPolicy: .always)],
                containers: [ContainerSpec(name: "job", command: ["/job"])]),
            programs: ["/proxy": ProgramSpec(), "/job": ProgramSpec(runsFor: 5_000, exitCode: exitCode)])
    }

    @Test func theSidecarIsStoppedAndThePhaseFollowsTheJob() throws {
        let t = try Simulator.run(job(policy: .never, exitCode: 0))
        // The proxy has no handler and is PID 1: SIGTERM is discarded, SIGKILL after the pod's 30 s.
        #expect(t.outcome["containers.proxy.stopSignalAt"] == .duration(5_000))
        #expect(t.outcome["containers.proxy.exitCode"] == .int(137))
        #expect(t.outcome["pod.phase"] == .text("Succeeded"))
        #expect(t.outcome["pod.goneAt"] == .duration(35_000))
    }

    @Test func onFailureRestartsAFailedJobInsteadOfStoppingThePod() throws {
        let t = try Simulator.run(job(policy: .onFailure, exitCode: 1))
        #expect(t.outcome["containers.job.restarts"] != .int(0))
        #expect(t.outcome["containers.proxy.stopSignalAt"] == FigureValue.none)
    }
}

/// A sidecar's start-up time counts whatever kind of program declares it (issue 8, item 4).
@Suite("sidecar readiness, whatever the program")
struct SidecarReadinessTests {
    func pod(sidecar argv: [String], programs: [String: ProgramSpec]) -> Scenario {
        Scenario(
            pod: PodSpec(
                initContainers: [ContainerSpec(name: "proxy", command: argv, restartPolicy: .always)],
                containers: [ContainerSpec(name: "app", command: ["/app"])]),
            programs: programs.merging(["/app": ProgramSpec()]) { a, _ in a })
    }

    func appStart(_ t: Timeline) -> Millis? {
        t.processes.first { $0.pid == 1 && t.containers[$0.container].name == "app" }?.startedAt
    }

    @Test func aPresetSidecarKeepsItsReadyAfter() throws {
        let t = try Simulator.run(pod(sidecar: ["/proxy"], programs: ["/proxy": ProgramSpec(preset: .go, readyAfter: 2_000)]))
        #expect(appStart(t) == 2_000)
    }

    @Test func aSidecarUnderTiniIsReadyWhenItsProgramIs() throws {
        let t = try Simulator.run(pod(sidecar: ["tini", "--", "/proxy"], programs: ["/proxy": ProgramSpec(readyAfter: 1_500)]))
        #expect(appStart(t) == 1_500)
    }

    @Test func callsThroughAPresetProxyFailUntilItIsReady() throws {
        // Both regular containers start at 0; the proxy (a Go binary) listens after 2 s.
        let s = Scenario(
            pod: PodSpec(restartPolicy: .never, containers: [
                ContainerSpec(name: "proxy", command: ["/proxy"]), ContainerSpec(name: "app", command: ["/app"]),
            ]),
            programs: ["/proxy": ProgramSpec(preset: .go, readyAfter: 2_000), "/app": ProgramSpec(runsFor: 10_000)],
            workloads: [WorkloadSpec(name: "calls", container: "app", kind: .outbound(OutboundWorkload(rate: 20, via: "proxy")))])
        let o = try Simulator.run(s).outcome
        #expect(o["outbound.failed"] == .int(40))
        #expect(o["outbound.ok"] == .int(160))
    }

    @Test func aPlainSidecarStillCounts() throws {
        let t = try Simulator.run(pod(sidecar: ["/proxy"], programs: ["/proxy": ProgramSpec(readyAfter: 700)]))
        #expect(appStart(t) == 700)
    }
}
